#include "postgres_environment.h"

#include "audit/audit_store.h"

#include <QCryptographicHash>

#include <gtest/gtest.h>

#include <memory>

namespace cc::test {

namespace {

PostgresServer *g_server = nullptr;

class PostgresEnvironment final : public ::testing::Environment
{
public:
    void SetUp() override
    {
        m_server = std::make_unique<PostgresServer>();
        m_server->start();
        g_server = m_server.get();
        qputenv("PGPASSWORD", m_server->password());
    }
    void TearDown() override
    {
        g_server = nullptr;
        m_server.reset();
    }

private:
    std::unique_ptr<PostgresServer> m_server;
};

[[maybe_unused]] ::testing::Environment *const g_environment = ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

} // namespace

PostgresServer *sharedPostgres()
{
    return g_server;
}

QString createTestDatabase(const QString &prefix)
{
    // PostgreSQL cuts names at 63 bytes: the test's name, shortened, and a hash of it whole.
    const QString test = QString::fromLatin1(::testing::UnitTest::GetInstance()->current_test_info()->name()).toLower();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(test.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    return g_server ? g_server->createDatabase(QStringLiteral("%1_%2_%3").arg(prefix, test.left(40), hash)) : QString();
}

void PostgresDatabaseTest::SetUp()
{
    m_server = sharedPostgres();
    ASSERT_TRUE(m_server->isRunning()) << m_server->error().toStdString();
    m_url = createTestDatabase(m_prefix);
    ASSERT_FALSE(m_url.isEmpty()) << m_server->error().toStdString();
}

void PostgresDatabaseTest::startProxy()
{
    m_proxy = std::make_unique<TcpFaultProxy>(m_server->port());
    ASSERT_TRUE(m_proxy->start());
    m_proxiedUrl = QString(m_url).replace(QStringLiteral(":%1/").arg(m_server->port()), QStringLiteral(":%1/").arg(m_proxy->port()));
}

QList<AuditEntry> trailEntries(const QString &url)
{
    AuditStore store;
    QString error;
    QList<AuditEntry> entries;
    if (!store.open(url, &error))
        return entries;
    store.forEach({}, [&entries](const AuditEntry &entry) {
        entries.append(entry);
        return true;
    }, &error);
    return entries;
}

} // namespace cc::test
