#include "audit/audit_store.h"

#include "api/contract.h"
#include "audit/audit_database_url.h"
#include "audit/audit_logging.h"
#include "audit/audit_postgres.h"
#include "audit/audit_schema.h"
#include "audit/audit_store_rows.h"
#include "audit/postgres_call_deadline.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

#include <optional>

Q_LOGGING_CATEGORY(lcAudit, "cc.audit")

namespace cc {

namespace {



QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("cc-audit-%1").arg(counter.fetchAndAddRelaxed(1));
}


QString whereClause(const AuditFilter &filter)
{
    QStringList parts;
    if (filter.from.isValid())
        parts << QStringLiteral("ts_ms >= :from");
    if (filter.to.isValid())
        parts << QStringLiteral("ts_ms < :to");
    if (!filter.channelId.isEmpty())
        parts << QStringLiteral("channel_id = :channel");
    if (!filter.eventType.isEmpty())
        parts << QStringLiteral("event_type = :event");
    if (parts.isEmpty())
        return QString();
    return QStringLiteral(" WHERE ") + parts.join(QLatin1String(" AND "));
}

void bindFilter(QSqlQuery *query, const AuditFilter &filter)
{
    if (filter.from.isValid())
        query->bindValue(QStringLiteral(":from"), filter.from.toMSecsSinceEpoch());
    if (filter.to.isValid())
        query->bindValue(QStringLiteral(":to"), filter.to.toMSecsSinceEpoch());
    if (!filter.channelId.isEmpty())
        query->bindValue(QStringLiteral(":channel"), filter.channelId);
    if (!filter.eventType.isEmpty())
        query->bindValue(QStringLiteral(":event"), filter.eventType);
}

// A null QString binds as SQL NULL; every text column is NOT NULL and empty is meant.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}


void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QString sqlError(const QString &what, const QSqlError &error)
{
    return what + QStringLiteral(": ") + error.text();
}

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
    if (!QDir().mkpath(info.absolutePath())) {
        setError(error, QStringLiteral("cannot create the folder %1 for the audit store: check its permissions")
                            .arg(QDir::toNativeSeparators(info.absolutePath())));
        return false;
    }

    // Who changed which trunk is for the owner's eyes only: the store is created
    // 0600 (SQLite gives its -wal and -shm files the same mode), and an older
    // store made readable to others is tightened.
    if (!info.exists()) {
        QFile create(m_path);
        if (!create.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            setError(error, QStringLiteral("cannot create the audit store %1: %2")
                                .arg(QDir::toNativeSeparators(m_path), create.errorString()));
            return false;
        }
    }
    restrictToOwner();

    m_connectionName = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        // Another connection (the outbox, another process) may hold the write lock briefly.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
        if (!db.open()) {
            setError(error, QStringLiteral("cannot open the audit store %1: %2")
                                .arg(QDir::toNativeSeparators(m_path), db.lastError().text()));
            db = QSqlDatabase();
            close();
            return false;
        }
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
    restrictToOwner();
    return true;
}

void AuditStore::restrictToOwner() const
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(m_path + suffix);
        if (file.exists())
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
}

bool AuditStore::openPostgres(const QString &url, QString *error, OpenMode mode)
{
    const std::optional<PostgresLocation> location = parsePostgresUrl(url, error);
    if (!location)
        return false;
    m_path = location->displayUrl();
    m_connectionName = nextConnectionName();
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
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
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
        setError(error, sqlError(sql.section(u' ', 0, 2), query.lastError()));
        return false;
    }
    return true;
}

bool AuditStore::migrate(QString *error)
{
    QSqlQuery versionQuery(database());
    if (!versionQuery.exec(QStringLiteral("PRAGMA user_version")) || !versionQuery.next()) {
        setError(error, sqlError(QStringLiteral("reading the schema version"), versionQuery.lastError()));
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
            setError(error, sqlError(QStringLiteral("reading the schema version"), again.lastError()));
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
    if (!isOpen()) {
        setError(error, QStringLiteral("the audit store is not open"));
        return false;
    }
    // IMMEDIATE takes the write lock before reading the chain's head, so two
    // writers (two processes) cannot both link to the same previous entry. In
    // PostgreSQL the head row's lock (FOR UPDATE) does the same across hosts.
    if (!exec(m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    const auto fail = [&](const QString &what, const QSqlError &sqlErr) {
        setError(error, sqlError(what, sqlErr));
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    };

    qint64 sequence = 0;
    QString prevHash = genesisPrevHash();
    {
        QSqlQuery head(database());
        if (!head.exec(m_postgres ? QStringLiteral("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                                  : QStringLiteral("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")))
            return fail(QStringLiteral("reading the last audit entry"), head.lastError());
        if (head.next()) {
            sequence = head.value(0).toLongLong();
            prevHash = head.value(1).toString();
        }
    }
    // Under the head's lock: a writer that committed these ids meanwhile is seen.
    QList<bool> present(entries->size(), false);
    if (known == KnownIds::Skip) {
        QSqlQuery lookup(database());
        if (!lookup.prepare(QStringLiteral("SELECT ") + auditColumns() + QStringLiteral(" FROM audit_entries WHERE id = ?")))
            return fail(QStringLiteral("preparing the audit lookup"), lookup.lastError());
        for (qsizetype i = 0; i < entries->size(); ++i) {
            if (entries->at(i).id.isEmpty())
                continue;
            lookup.addBindValue(entries->at(i).id);
            if (!lookup.exec())
                return fail(QStringLiteral("looking up audit entry %1").arg(entries->at(i).id), lookup.lastError());
            if (lookup.next()) {
                readAuditEntry(lookup, &(*entries)[i]);
                present[i] = true;
                if (skipped)
                    ++*skipped;
            }
            lookup.finish();
        }
    }

    QSqlQuery insert(database());
    if (!insert.prepare(QStringLiteral("INSERT INTO audit_entries (") + auditColumns()
                        + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        return fail(QStringLiteral("preparing the audit insert"), insert.lastError());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < entries->size(); ++i) {
        if (present.at(i))
            continue;
        AuditEntry &entry = (*entries)[i];
        if (entry.id.isEmpty())
            entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (entry.timestampMs == 0)
            entry.timestampMs = now;
        if (entry.complianceTag.isEmpty())
            entry.complianceTag = api::kComplianceTag;
        if (entry.detailsJson.isEmpty())
            entry.detailsJson = QStringLiteral("{}");
        entry.sequence = ++sequence;
        entry.prevHash = prevHash;
        entry.hash = computeAuditHash(entry);
        prevHash = entry.hash;

        insert.addBindValue(entry.sequence);
        insert.addBindValue(text(entry.id));
        insert.addBindValue(entry.timestampMs);
        insert.addBindValue(text(entry.eventType));
        insert.addBindValue(text(entry.channelId));
        insert.addBindValue(text(entry.actor));
        insert.addBindValue(auditSourceName(entry.source));
        insert.addBindValue(text(entry.tenant));
        insert.addBindValue(text(entry.detailsJson));
        insert.addBindValue(text(entry.complianceTag));
        insert.addBindValue(text(entry.prevHash));
        insert.addBindValue(text(entry.hash));
        if (!insert.exec())
            return fail(QStringLiteral("writing audit entry #%1").arg(entry.sequence), insert.lastError());
    }
    insert.finish();
    if (m_postgres) {
        QSqlQuery moveHead(database());
        moveHead.prepare(QStringLiteral("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1"));
        moveHead.addBindValue(sequence);
        moveHead.addBindValue(prevHash);
        if (!moveHead.exec())
            return fail(QStringLiteral("moving the chain's head"), moveHead.lastError());
    }
    if (!exec(QStringLiteral("COMMIT"), error)) {
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    return true;
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
        setError(error, sqlError(QStringLiteral("looking up audit entry %1").arg(id), query.lastError()));
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
        setError(error, sqlError(QStringLiteral("reading the last sequence number"), query.lastError()));
        return -1;
    }
    return query.value(0).toLongLong();
}

qint64 AuditStore::count(const AuditFilter &filter, QString *error) const
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_entries") + whereClause(filter))) {
        setError(error, sqlError(QStringLiteral("counting audit entries"), query.lastError()));
        return -1;
    }
    bindFilter(&query, filter);
    if (!query.exec() || !query.next()) {
        setError(error, sqlError(QStringLiteral("counting audit entries"), query.lastError()));
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
                                  + whereClause(filter) + QStringLiteral(" ORDER BY seq"));
    if (ok) {
        bindFilter(&query, filter);
        if (query.exec()) {
            while (query.next()) {
                if (!visitRow(query))
                    return true;
            }
        }
    }
    if (!ok || query.lastError().isValid()) {
        setError(error, sqlError(QStringLiteral("reading audit entries"), query.lastError()));
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

QList<AuditEntry> AuditStore::entriesAfter(qint64 afterSequence, int limit, QString *error) const
{
    QList<AuditEntry> result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + auditColumns()
                  + QStringLiteral(" FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?"));
    query.addBindValue(afterSequence);
    query.addBindValue(limit);
    if (!query.exec()) {
        setError(error, sqlError(QStringLiteral("reading audit entries"), query.lastError()));
        return result;
    }
    while (query.next()) {
        AuditEntry entry;
        readAuditEntry(query, &entry);
        result.append(entry);
    }
    return result;
}

QList<AuditEntry> AuditStore::tail(int n, QString *error) const
{
    QList<AuditEntry> result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + auditColumns()
                  + QStringLiteral(" FROM audit_entries ORDER BY seq DESC LIMIT ?"));
    query.addBindValue(n);
    if (!query.exec()) {
        setError(error, sqlError(QStringLiteral("reading the newest audit entries"), query.lastError()));
        return result;
    }
    while (query.next()) {
        AuditEntry entry;
        readAuditEntry(query, &entry);
        result.prepend(entry);
    }
    return result;
}

} // namespace cc
