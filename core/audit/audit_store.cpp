#include "audit/audit_store.h"

#include "audit/sqlite_file.h"

#include "api/contract.h"
#include "audit/audit_database_url.h"
#include "audit/audit_logging.h"
#include "audit/audit_postgres.h"
#include "audit/audit_rows.h"
#include "audit/audit_schema.h"
#include "audit/postgres_call_deadline.h"
#include "common/error_out.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>
#include <iterator>
#include <optional>

Q_LOGGING_CATEGORY(lcAudit, "cc.audit")

namespace cc {

namespace {

// Reports how often progress is called while streaming.
constexpr qint64 kProgressEvery = 4096;

} // namespace

AuditStore::AuditStore() = default;

AuditStore::~AuditStore()
{
    close();
}

QString AuditStore::defaultPath()
{
    // One trail per user for every program of the product: the console and
    // cxonectl act on the same channels, so an auditor must find both in one
    // chain. (AppDataLocation would differ per executable name.)
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/channel-console/audit.sqlite");
}

bool AuditStore::open(const QString &path, QString *error, OpenMode mode)
{
    close();
    m_postgres = isPostgresUrl(path);
    if (m_postgres)
        return openPostgres(path, error, mode);
    m_path = path.isEmpty() ? defaultPath() : path;
    const QFileInfo info(m_path);
    if (mode == OpenMode::ExistingOnly && !info.exists()) {
        setError(error, QStringLiteral("no audit store at %1: check --audit-db or record an action first")
                            .arg(QDir::toNativeSeparators(m_path)));
        return false;
    }
    // Who changed which trunk is for the owner's eyes only: created 0600, and
    // an older store made readable to others is tightened.
    m_connectionName = nextSqlConnectionName(QStringLiteral("cc-audit"));
    if (!openOwnerOnlySqlite(m_path, m_connectionName, QStringLiteral("the audit store"), error)) {
        m_connectionName.clear();
        return false;
    }
    QString stepError;
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), &stepError)
        || !exec(QStringLiteral("PRAGMA synchronous=FULL"), &stepError)
        || !migrate(&stepError)) {
        setError(error, QStringLiteral("cannot use the audit store %1: %2")
                            .arg(QDir::toNativeSeparators(m_path), stepError));
        close();
        return false;
    }
    restrictSqliteToOwner(m_path);   // the -wal and -shm files SQLite made meanwhile
    return true;
}

bool AuditStore::openPostgres(const QString &url, QString *error, OpenMode mode)
{
    const std::optional<PostgresLocation> location = parsePostgresUrl(url, error);
    if (!location)
        return false;
    m_path = location->displayUrl();
    m_connectionName = nextSqlConnectionName(QStringLiteral("cc-audit"));
    QString stepError;
    if (!openPostgresAuditConnection(m_connectionName, *location, &stepError)) {
        setError(error, stepError);
        close();
        return false;
    }
    bool migrated = false;
    {
        // A server that accepted the connection and then stopped answering
        // must not hold the opener for ever (the advisory lock waits for
        // another process's migration, which takes well under this).
        PostgresCallDeadline deadline(database(), 60000);
        migrated = migratePostgresAuditSchema(database(), kSchemaVersion, mode == OpenMode::ExistingOnly, m_path, &stepError);
    }
    if (!migrated) {
        setError(error, QStringLiteral("cannot use the audit store %1: %2").arg(m_path, stepError));
        close();
        return false;
    }
    return true;
}

void AuditStore::close()
{
    closeSqlConnection(&m_connectionName);
}

bool AuditStore::isOpen() const
{
    return !m_connectionName.isEmpty() && database().isOpen();
}

QSqlDatabase AuditStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool AuditStore::exec(const QString &sql, QString *error)
{
    QSqlQuery query(database());
    if (!query.exec(sql)) {
        setError(error, auditSqlError(sql.section(u' ', 0, 2), query.lastError()));
        return false;
    }
    return true;
}

bool AuditStore::migrate(QString *error)
{
    QSqlQuery versionQuery(database());
    if (!versionQuery.exec(QStringLiteral("PRAGMA user_version")) || !versionQuery.next()) {
        setError(error, auditSqlError(QStringLiteral("reading the schema version"), versionQuery.lastError()));
        return false;
    }
    int version = versionQuery.value(0).toInt();
    versionQuery.finish();
    if (version > kSchemaVersion) {
        setError(error, QStringLiteral("it was written by a newer Channel Console (schema %1, this one knows %2): "
                                       "upgrade the program or use another --audit-db")
                            .arg(version)
                            .arg(kSchemaVersion));
        return false;
    }
    const QList<QStringList> &steps = sqliteAuditMigrations();
    while (version < kSchemaVersion) {
        // Each step and its version bump commit together: a kill mid-migration
        // leaves the previous version, which is migrated again next time.
        if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error))
            return false;
        // Re-read under the write lock: another process may have migrated meanwhile.
        QSqlQuery again(database());
        if (!again.exec(QStringLiteral("PRAGMA user_version")) || !again.next()) {
            setError(error, auditSqlError(QStringLiteral("reading the schema version"), again.lastError()));
            exec(QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        version = again.value(0).toInt();
        again.finish();
        if (version >= kSchemaVersion) {
            exec(QStringLiteral("ROLLBACK"), nullptr);
            break;
        }
        for (const QString &sql : steps.at(version)) {
            if (!exec(sql, error)) {
                exec(QStringLiteral("ROLLBACK"), nullptr);
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1), error)
            || !exec(QStringLiteral("COMMIT"), error)) {
            exec(QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        ++version;
    }
    return true;
}

bool AuditStore::appendBatch(QList<AuditEntry> *entries, QString *error, KnownIds known, qint64 *skipped)
{
    if (skipped)
        *skipped = 0;
    if (entries->isEmpty())
        return true;
    return inTransaction([&](QString *stepError) { return appendRows(entries, stepError, known, skipped); }, error);
}

bool AuditStore::probeWritable(QString *error)
{
    if (!isOpen()) {
        setError(error, QStringLiteral("the audit store is not open"));
        return false;
    }
    if (!exec(m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    if (m_postgres && !exec(QStringLiteral("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE"), error)) {
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    return exec(QStringLiteral("ROLLBACK"), error);
}

int AuditStore::findById(const QString &id, AuditEntry *entry, QString *error) const
{
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT ") + auditColumns() + QStringLiteral(" FROM audit_entries WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        setError(error, auditSqlError(QStringLiteral("looking up audit entry %1").arg(id), query.lastError()));
        return -1;
    }
    if (!query.next())
        return 0;
    readAuditEntry(query, entry);
    return 1;
}

qint64 AuditStore::lastSequence(QString *error) const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT MAX(seq) FROM audit_entries")) || !query.next()) {
        setError(error, auditSqlError(QStringLiteral("reading the last sequence number"), query.lastError()));
        return -1;
    }
    return query.value(0).toLongLong();
}

qint64 AuditStore::count(const AuditFilter &filter, QString *error) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_entries") + sqlWhere(auditFilterConditions(filter)))) {
        setError(error, auditSqlError(QStringLiteral("counting audit entries"), query.lastError()));
        return -1;
    }
    bindAuditFilter(&query, filter);
    if (!query.exec() || !query.next()) {
        setError(error, auditSqlError(QStringLiteral("counting audit entries"), query.lastError()));
        return -1;
    }
    return query.value(0).toLongLong();
}

namespace {

// Walks the entries that `filter` selects in sequence order, forward only, so
// memory stays constant however many there are; `visitRow` returns false to stop.
bool scanEntries(const QSqlDatabase &database, const QString &columns, const AuditFilter &filter,
                 const std::function<bool(const QSqlQuery &)> &visitRow, QString *error)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    const bool ok = query.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM audit_entries")
                                  + sqlWhere(auditFilterConditions(filter)) + QStringLiteral(" ORDER BY seq"));
    if (ok) {
        bindAuditFilter(&query, filter);
        if (query.exec()) {
            while (query.next()) {
                if (!visitRow(query))
                    return true;
            }
        }
    }
    if (!ok || query.lastError().isValid()) {
        setError(error, auditSqlError(QStringLiteral("reading audit entries"), query.lastError()));
        return false;
    }
    return true;
}

} // namespace

bool AuditStore::forEach(const AuditFilter &filter, const std::function<bool(const AuditEntry &)> &visit,
                         QString *error) const
{
    AuditEntry entry;
    return scanEntries(database(), auditColumns(), filter, [&](const QSqlQuery &query) {
        readAuditEntry(query, &entry);
        return visit(entry);
    }, error);
}

bool AuditStore::forEachRaw(const AuditFilter &filter, const std::function<bool(const AuditRawRow &)> &visit,
                            QString *error) const
{
    AuditRawRow row;
    return scanEntries(database(), auditRawColumns(m_postgres), filter, [&](const QSqlQuery &query) {
        readAuditRawRow(query, &row);
        return visit(row);
    }, error);
}

namespace {

// The entries a SELECT of auditColumns() with positional parameters picks, in its order.
QList<AuditEntry> selectEntries(const QSqlDatabase &database, const QString &sqlAfterColumns, const QVariantList &values,
                                const QString &what, QString *error)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + auditColumns() + sqlAfterColumns);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        setError(error, auditSqlError(what, query.lastError()));
        return {};
    }
    return readAuditEntries(&query);
}

} // namespace

QList<AuditEntry> AuditStore::entriesAfter(qint64 afterSequence, int limit, QString *error) const
{
    return selectEntries(database(), QStringLiteral(" FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?"),
                         {afterSequence, limit}, QStringLiteral("reading audit entries"), error);
}

QList<AuditEntry> AuditStore::tail(int n, QString *error) const
{
    QList<AuditEntry> newestFirst = selectEntries(database(), QStringLiteral(" FROM audit_entries ORDER BY seq DESC LIMIT ?"),
                                                  {n}, QStringLiteral("reading the newest audit entries"), error);
    std::reverse(newestFirst.begin(), newestFirst.end());
    return newestFirst;
}

AuditVerifyResult AuditStore::verify(const std::function<bool(qint64 checked)> &progress) const
{
    AuditVerifyResult result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // Raw UTF-8 columns (no QString round trip), and typeof() to catch a time
    // replaced by text, which a hash over its digits would not show.
    // (PostgreSQL's BIGINT column cannot hold anything else.)
    const QString timeIsInteger = m_postgres ? QStringLiteral("TRUE") : QStringLiteral("typeof(ts_ms) = 'integer'");
    if (!query.exec(QStringLiteral("SELECT ") + (auditRawColumns(m_postgres)) + QStringLiteral(", ")
                    + timeIsInteger + QStringLiteral(" FROM audit_entries ORDER BY seq"))) {
        result.problem = AuditVerifyResult::Problem::StoreError;
        result.message = auditSqlError(QStringLiteral("cannot read the audit store"), query.lastError());
        return result;
    }
    const QByteArray validSources[] = {QByteArrayLiteral("manual"), QByteArrayLiteral("automatic"),
                                       QByteArrayLiteral("system")};
    qint64 expected = 1;
    QByteArray prevHash = genesisPrevHash().toLatin1();
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    AuditRawRow row;
    const auto bad = [&](AuditVerifyResult::Problem problem, const QString &what) {
        result.problem = problem;
        result.sequence = row.sequence;
        result.id = QString::fromUtf8(row.id);
        result.message = QStringLiteral("entry #%1 (id %2) %3").arg(row.sequence).arg(result.id, what);
        return result;
    };
    while (query.next()) {
        readAuditRawRow(query, &row);
        if (row.sequence != expected) {
            result.problem = AuditVerifyResult::Problem::Missing;
            result.sequence = expected;
            result.id.clear();
            const QString nextId = QString::fromUtf8(row.id);
            result.message = row.sequence == expected + 1
                ? QStringLiteral("entry #%1 is missing: the chain jumps from #%2 to #%3 (id %4); "
                                 "an entry was removed")
                      .arg(expected).arg(expected - 1).arg(row.sequence).arg(nextId)
                : QStringLiteral("entries #%1 to #%2 are missing: the chain jumps from #%3 to #%4 (id %5); "
                                 "entries were removed")
                      .arg(expected).arg(row.sequence - 1).arg(expected - 1).arg(row.sequence).arg(nextId);
            return result;
        }
        const bool integerTime = query.value(12).toBool();
        if (!integerTime
            || std::find(std::begin(validSources), std::end(validSources), row.source) == std::end(validSources)) {
            return bad(AuditVerifyResult::Problem::Malformed,
                       QStringLiteral("was altered: a column holds a value no writer produces"));
        }
        sha256.reset();
        sha256.addData(auditCanonicalForm(row));
        if (sha256.result().toHex() != row.hash) {
            return bad(AuditVerifyResult::Problem::HashMismatch,
                       QStringLiteral("was altered or moved: its contents do not match its hash"));
        }
        if (row.prevHash != prevHash) {
            return bad(AuditVerifyResult::Problem::PrevHashMismatch,
                       QStringLiteral("does not follow entry #%1: an entry was inserted, replaced or reordered "
                                      "before it").arg(row.sequence - 1));
        }
        prevHash = row.hash;
        ++expected;
        ++result.checked;
        if (progress && result.checked % kProgressEvery == 0 && !progress(result.checked)) {
            result.problem = AuditVerifyResult::Problem::Cancelled;
            result.message = QStringLiteral("verification cancelled after %1 entries").arg(result.checked);
            return result;
        }
    }
    if (query.lastError().isValid()) {
        result.problem = AuditVerifyResult::Problem::StoreError;
        result.message = auditSqlError(QStringLiteral("cannot read the audit store"), query.lastError());
        return result;
    }
    if (progress)
        progress(result.checked);
    result.message = QStringLiteral("%1 entries verified: the chain is intact").arg(result.checked);
    return result;
}

} // namespace cc
