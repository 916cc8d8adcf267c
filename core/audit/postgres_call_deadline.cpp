#include "audit/postgres_call_deadline.h"

#include <QSqlDriver>
#include <QVariant>

#include <chrono>
#include <cstring>

#include <dlfcn.h>
#include <sys/socket.h>

namespace cc {

namespace {

using PqSocketFunction = int (*)(const void *connection);

// libpq's PQsocket from the libpq already in the process (loaded by the QPSQL
// plugin); null when it is not there.
PqSocketFunction pqSocket()
{
    static const PqSocketFunction function = []() -> PqSocketFunction {
        void *library = dlopen("libpq.so.5", RTLD_LAZY | RTLD_NOLOAD);
        if (library == nullptr)
            return nullptr;
        void *symbol = dlsym(library, "PQsocket");
        if (symbol == nullptr)
            return nullptr;
        // POSIX guarantees a function's address survives this trip through void*.
        PqSocketFunction result = nullptr;
        static_assert(sizeof result == sizeof symbol);
        std::memcpy(&result, &symbol, sizeof result);
        return result;
    }();
    return function;
}

} // namespace

int PostgresCallDeadline::socketOf(const QSqlDatabase &database)
{
    if (!database.isOpen() || database.driver() == nullptr)
        return -1;
    const QVariant handle = database.driver()->handle();
    // QPSQL's handle is a PGconn*, whose metatype is named after the struct behind the typedef.
    const char *type = handle.typeName();
    if (!handle.isValid() || type == nullptr || (std::strcmp(type, "pg_conn*") != 0 && std::strcmp(type, "PGconn*") != 0))
        return -1;
    const PqSocketFunction function = pqSocket();
    if (function == nullptr)
        return -1;
    const void *connection = *static_cast<void *const *>(handle.constData());
    return connection == nullptr ? -1 : function(connection);
}

PostgresCallDeadline::PostgresCallDeadline(const QSqlDatabase &database, qint64 deadlineMs)
    : m_deadlineMs(deadlineMs)
    , m_socket(socketOf(database))
{
    if (m_socket < 0 || deadlineMs <= 0)
        return;
    m_watch = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_wake.wait_for(lock, std::chrono::milliseconds(m_deadlineMs), [this] { return m_done; }))
            return;
        // The call is still running (the destructor has not been reached, so
        // the socket is still libpq's and open): wake its blocked read.
        m_expired = true;
        ::shutdown(m_socket, SHUT_RDWR);
    });
}

PostgresCallDeadline::~PostgresCallDeadline()
{
    if (!m_watch.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_done = true;
    }
    m_wake.notify_all();
    m_watch.join();
}

bool PostgresCallDeadline::expired() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_expired;
}

} // namespace cc
