#pragma once
// The PostgreSQL side of AuditStore: opening a QPSQL connection for a
// postgresql:// URL (the password left to libpq: PGPASSWORD, PGPASSFILE) and
// applying the versioned migrations under an advisory lock, so that several
// processes opening a new database at once create its schema once.

#include "audit/audit_database_url.h"

#include <QSqlDatabase>
#include <QString>

namespace cc {

// Adds and opens the connection `connectionName`; false with a message (never
// holding a password: none is ever given to the driver).
bool openPostgresAuditConnection(const QString &connectionName, const PostgresLocation &location, QString *error);

// Brings the schema to `targetVersion`. With existingOnly, a database without
// the audit tables is an error rather than created.
bool migratePostgresAuditSchema(const QSqlDatabase &database, int targetVersion, bool existingOnly,
                                const QString &displayUrl, QString *error);

} // namespace cc
