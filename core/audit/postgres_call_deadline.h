#pragma once
// A deadline on one blocking call through a QPSQL connection. libpq has no
// client-side timeout for a query: a server that stops answering while its
// connection stays up (a hung proxy or pooler, a path whose packets a
// middlebox still acknowledges, a stalled disk under PostgreSQL) holds the
// calling thread for as long as it lasts, and TCP's keep-alives and
// tcp_user_timeout see nothing wrong. Armed around a call, this shuts the
// connection's socket down from a thread of its own when the call outlives
// the deadline, so libpq's blocked read returns at once and the call fails
// ("server closed the connection"); the owner then closes the connection and
// opens a new one for its next call.
//
//   {
//       PostgresCallDeadline deadline(db, 5000);
//       ok = query.exec();
//       if (!ok && deadline.expired()) ...   // say "no answer in 5 s"
//   }
//
// The socket is found through the driver's handle (a PGconn*) and libpq's
// PQsocket, looked up in the libpq the QPSQL plugin already loaded; where it
// cannot be found (another driver) the call runs without a deadline.

#include <QSqlDatabase>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace cc {

class PostgresCallDeadline final
{
public:
    PostgresCallDeadline(const QSqlDatabase &database, qint64 deadlineMs);
    ~PostgresCallDeadline();
    PostgresCallDeadline(const PostgresCallDeadline &) = delete;
    PostgresCallDeadline &operator=(const PostgresCallDeadline &) = delete;

    // True when the call was cut at the deadline.
    bool expired() const;
    qint64 deadlineMs() const { return m_deadlineMs; }

    // The socket of a QPSQL connection, -1 when it has none or is not QPSQL.
    static int socketOf(const QSqlDatabase &database);

private:
    qint64 m_deadlineMs;
    int m_socket = -1;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;       // guarded by m_mutex
    bool m_expired = false;    // guarded by m_mutex
    std::thread m_watch;
};

} // namespace cc
