#include "postgres_environment.h"

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

} // namespace cc::test
