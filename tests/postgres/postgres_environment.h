#pragma once
// One PostgreSQL server for every test of a program: started before the first
// test (a GoogleTest environment), PGPASSWORD set for the process and the
// programs it starts, stopped after the last test. Each test makes its own
// database on it (PostgresServer::createDatabase).

#include "postgres_server.h"

namespace cc::test {

// Never null once the tests run; isRunning() false with error() when it did not start.
PostgresServer *sharedPostgres();

} // namespace cc::test
