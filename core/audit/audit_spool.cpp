#include "audit/audit_spool.h"

#include "audit/sqlite_file.h"

#include "audit/audit_database_url.h"
#include "audit/audit_rows.h"
#include "audit/audit_schema.h"
#include "common/error_out.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace cc {

namespace {

constexpr int kSpoolVersion = 1;

} // namespace

AuditSpool::AuditSpool() = default;

AuditSpool::~AuditSpool()
{
    close();
}

QString AuditSpool::defaultPathFor(const QString &storeUrl)
{
    // The URL as libpq reaches it (user, host, port, database), without its
    // parameters: one spool per trail, whatever sslmode says.
    const std::optional<PostgresLocation> location = parsePostgresUrl(storeUrl, nullptr);
    const QString key = location ? location->displayUrl() : storeUrl;
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/channel-console/spool/") + QString::fromLatin1(digest) + QStringLiteral(".sqlite");
}

bool AuditSpool::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    const QString shown = QDir::toNativeSeparators(m_path);
    // What was done to which trunk, before it reaches the shared trail: for the
    // owner's eyes only, as the audit store itself.
    m_connectionName = nextSqlConnectionName(QStringLiteral("cc-audit-spool"));
    if (!openOwnerOnlySqlite(m_path, m_connectionName, QStringLiteral("the local audit spool"), error)) {
        m_connectionName.clear();
        return false;
    }
    QString step;
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), &step) || !exec(QStringLiteral("PRAGMA synchronous=FULL"), &step)
        || !exec(QStringLiteral("CREATE TABLE IF NOT EXISTS spooled_entries ("
                                " row INTEGER PRIMARY KEY AUTOINCREMENT,")
                     + auditContentColumnsDdl(QStringLiteral("INTEGER"))
                     + QStringLiteral(","
                                      " spooled_ms INTEGER NOT NULL)"),
                 &step)) {
        setError(error, QStringLiteral("cannot use the local audit spool %1: %2").arg(shown, step));
        close();
        return false;
    }
    QSqlQuery version(QSqlDatabase::database(m_connectionName, false));
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        setError(error, QStringLiteral("cannot read the local audit spool %1: %2").arg(shown, version.lastError().text()));
        close();
        return false;
    }
    const int found = version.value(0).toInt();
    version.finish();
    if (found > kSpoolVersion) {
        setError(error, QStringLiteral("the local audit spool %1 was written by a newer Channel Console: upgrade the "
                                       "program, which then forwards what it holds")
                            .arg(shown));
        close();
        return false;
    }
    if (found < kSpoolVersion && !exec(QStringLiteral("PRAGMA user_version=%1").arg(kSpoolVersion), &step)) {
        setError(error, QStringLiteral("cannot use the local audit spool %1: %2").arg(shown, step));
        close();
        return false;
    }
    restrictSqliteToOwner(m_path);   // the -wal and -shm files SQLite made meanwhile
    return true;
}

void AuditSpool::close()
{
    closeSqlConnection(&m_connectionName);
}

bool AuditSpool::isOpen() const
{
    return !m_connectionName.isEmpty() && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool AuditSpool::exec(const QString &sql, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql)) {
        setError(error, sql.section(u' ', 0, 2) + QStringLiteral(": ") + query.lastError().text());
        return false;
    }
    return true;
}

bool AuditSpool::push(const QList<AuditEntry> &entries, QString *error)
{
    if (entries.isEmpty())
        return true;
    if (!isOpen()) {
        setError(error, QStringLiteral("the local audit spool is not open"));
        return false;
    }
    const QString shown = QDir::toNativeSeparators(m_path);
    // The write lock first, so the count and the insert see the same spool.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    const auto fail = [&](const QString &message) {
        setError(error, message);
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    };
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery held(db);
    if (!held.exec(QStringLiteral("SELECT COUNT(*) FROM spooled_entries")) || !held.next())
        return fail(QStringLiteral("cannot read the local audit spool %1: %2").arg(shown, held.lastError().text()));
    const qint64 count = held.value(0).toLongLong();
    held.finish();
    if (count + entries.size() > m_maxEntries) {
        return fail(QStringLiteral("the local audit spool %1 is full: it holds %2 entries waiting for the shared trail, "
                                   "the most it keeps is %3, so %4 new entr%5 could not be kept. Bring the shared "
                                   "database back (its entries are forwarded in order as soon as it answers), or stop "
                                   "this monitor until it is")
                        .arg(shown)
                        .arg(count)
                        .arg(m_maxEntries)
                        .arg(entries.size())
                        .arg(entries.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies")));
    }
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO spooled_entries (") + auditContentColumns()
                        + QStringLiteral(", spooled_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        return fail(QStringLiteral("cannot write to the local audit spool %1: %2").arg(shown, insert.lastError().text()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const AuditEntry &entry : entries) {
        bindAuditContent(&insert, entry);
        insert.addBindValue(now);
        if (!insert.exec())
            return fail(QStringLiteral("cannot write to the local audit spool %1: %2").arg(shown, insert.lastError().text()));
    }
    insert.finish();
    if (!exec(QStringLiteral("COMMIT"), error)) {
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    return true;
}

QList<SpooledEntry> AuditSpool::peek(int limit, QString *error) const
{
    QList<SpooledEntry> result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT row, ") + auditContentColumns() + QStringLiteral(" FROM spooled_entries ORDER BY row LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        setError(error, QStringLiteral("cannot read the local audit spool %1: %2")
                            .arg(QDir::toNativeSeparators(m_path), query.lastError().text()));
        return result;
    }
    while (query.next()) {
        SpooledEntry spooled;
        spooled.row = query.value(0).toLongLong();
        readAuditContent(query, 1, &spooled.entry);
        result.append(spooled);
    }
    return result;
}

bool AuditSpool::removeThrough(qint64 row, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("DELETE FROM spooled_entries WHERE row <= ?"));
    query.addBindValue(row);
    if (!query.exec()) {
        setError(error, QStringLiteral("cannot update the local audit spool %1: %2")
                            .arg(QDir::toNativeSeparators(m_path), query.lastError().text()));
        return false;
    }
    return true;
}

qint64 AuditSpool::count(QString *error) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM spooled_entries")) || !query.next()) {
        setError(error, QStringLiteral("cannot read the local audit spool %1: %2")
                            .arg(QDir::toNativeSeparators(m_path), query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

bool AuditSpool::contains(const QString &id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT 1 FROM spooled_entries WHERE id = ?"));
    query.addBindValue(id);
    return query.exec() && query.next();
}

} // namespace cc
