#pragma once
// One PostgreSQL server for every test of a program: started before the first
// test (a GoogleTest environment), PGPASSWORD set for the process and the
// programs it starts, stopped after the last test. Each test makes its own
// database on it (createTestDatabase).

#include "postgres_server.h"
#include "tcp_fault_proxy.h"

#include "audit/audit_entry.h"

#include <QList>
#include <QString>

#include <gtest/gtest.h>

#include <memory>

namespace cc::test {

// Never null once the tests run; isRunning() false with error() when it did not start.
PostgresServer *sharedPostgres();

// A database of the running test's own on the shared server, named
// "prefix_<the test's name>_<a hash of it>" within PostgreSQL's 63 bytes: its
// URL, empty when it could not be made (sharedPostgres()->error() says why).
QString createTestDatabase(const QString &prefix);

// Every entry of the trail at `url`, oldest first; none when it does not open.
QList<AuditEntry> trailEntries(const QString &url);

// A test with a database of its own on the shared server (m_url, made by
// createTestDatabase(prefix) in SetUp). A fixture that sets up more calls
// this SetUp first and returns on HasFatalFailure().
class PostgresDatabaseTest : public ::testing::Test
{
protected:
    explicit PostgresDatabaseTest(QString prefix) : m_prefix(std::move(prefix)) {}
    void SetUp() override;
    // Puts a TcpFaultProxy (m_proxy) between the test and the server:
    // m_proxiedUrl is m_url through it. Call with ASSERT_NO_FATAL_FAILURE.
    void startProxy();

    PostgresServer *m_server = nullptr;
    QString m_url;
    std::unique_ptr<TcpFaultProxy> m_proxy;
    QString m_proxiedUrl;

private:
    QString m_prefix;
};

} // namespace cc::test
