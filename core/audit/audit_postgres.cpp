#include "audit/audit_postgres.h"

#include "audit/audit_schema.h"
#include "audit/postgres_call_deadline.h"
#include "common/error_out.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cc {

namespace {

// pg_advisory_xact_lock key of the migrations ("ccaudit" in ASCII, truncated).
constexpr qint64 kMigrationLockKey = 0x6363617564697431LL;

bool exec(const QSqlDatabase &database, const QString &sql, QString *error)
{
    QSqlQuery query(database);
    if (!query.exec(sql)) {
        setError(error, sql.section(u' ', 0, 2) + QStringLiteral(": ") + query.lastError().text());
        return false;
    }
    return true;
}

} // namespace

bool openPostgresAuditConnection(const QString &connectionName, const PostgresLocation &location, QString *error)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        setError(error, QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql"));
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(location.host);
    db.setPort(location.port);
    db.setUserName(location.user);
    db.setDatabaseName(location.database);
    db.setConnectOptions(location.connectOptions);
    // The console's keychain password, if it gave one; otherwise libpq looks
    // in PGPASSWORD and PGPASSFILE itself.
    if (const QString password = postgresPasswordFor(location); !password.isEmpty())
        db.setPassword(password);
    if (!db.open()) {
        setError(error, QStringLiteral("cannot connect to the audit store %1: %2")
                            .arg(location.displayUrl(), db.lastError().text().trimmed()));
        return false;
    }
    // A writer waits at most 15 s for the chain's head (as SQLite's busy
    // timeout), and no statement runs longer than 10 minutes.
    QString stepError;
    PostgresCallDeadline deadline(db, 10000);
    // Notices ("already exists, skipping") would reach stderr through libpq.
    if (!exec(db, QStringLiteral("SET client_min_messages = warning"), &stepError)
        || !exec(db, QStringLiteral("SET lock_timeout = '15s'"), &stepError)
        || !exec(db, QStringLiteral("SET statement_timeout = '600s'"), &stepError)
        || !exec(db, QStringLiteral("SET idle_in_transaction_session_timeout = '60s'"), &stepError)) {
        setError(error, QStringLiteral("cannot set up the audit store %1: %2").arg(location.displayUrl(), stepError));
        return false;
    }
    return true;
}

bool migratePostgresAuditSchema(const QSqlDatabase &database, int targetVersion, bool existingOnly,
                                const QString &displayUrl, QString *error)
{
    if (existingOnly) {
        QSqlQuery exists(database);
        if (!exists.exec(QStringLiteral("SELECT to_regclass('audit_entries') IS NOT NULL")) || !exists.next()) {
            setError(error, QStringLiteral("reading the schema: ") + exists.lastError().text());
            return false;
        }
        if (!exists.value(0).toBool()) {
            setError(error, QStringLiteral("no audit trail in %1 yet: record an action there first, or copy a file's "
                                           "trail with cxonectl audit copy")
                                .arg(displayUrl));
            return false;
        }
    }
    const auto rollback = [&database] { exec(database, QStringLiteral("ROLLBACK"), nullptr); };
    // One transaction: PostgreSQL's DDL is transactional, so a kill mid-way
    // leaves the previous version and the next open migrates again.
    if (!exec(database, QStringLiteral("BEGIN"), error))
        return false;
    if (!exec(database, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey), error)
        || !exec(database, QStringLiteral("CREATE TABLE IF NOT EXISTS audit_schema_version (version INTEGER NOT NULL)"), error)) {
        rollback();
        return false;
    }
    QSqlQuery versionQuery(database);
    if (!versionQuery.exec(QStringLiteral("SELECT version FROM audit_schema_version"))) {
        setError(error, QStringLiteral("reading the schema version: ") + versionQuery.lastError().text());
        rollback();
        return false;
    }
    int version = 0;
    const bool hasRow = versionQuery.next();
    if (hasRow)
        version = versionQuery.value(0).toInt();
    versionQuery.finish();
    if (!hasRow && !exec(database, QStringLiteral("INSERT INTO audit_schema_version (version) VALUES (0)"), error)) {
        rollback();
        return false;
    }
    if (version > targetVersion) {
        setError(error, QStringLiteral("it was written by a newer Channel Console (schema %1, this one knows %2): "
                                       "upgrade the program or use another --audit-db")
                            .arg(version)
                            .arg(targetVersion));
        rollback();
        return false;
    }
    const QList<QStringList> &steps = postgresAuditMigrations();
    for (; version < targetVersion; ++version) {
        for (const QString &sql : steps.at(version)) {
            if (!exec(database, sql, error)) {
                rollback();
                return false;
            }
        }
    }
    if (!exec(database, QStringLiteral("UPDATE audit_schema_version SET version = %1").arg(targetVersion), error)
        || !exec(database, QStringLiteral("COMMIT"), error)) {
        rollback();
        return false;
    }
    return true;
}

} // namespace cc
