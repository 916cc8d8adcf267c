#pragma once
// Helpers shared by the audit tests: events to append, raw SQL on the store's
// file (the tamperer's view, triggers dropped), and the raw bytes of every file
// SQLite keeps for it.

#include "audit/audit_entry.h"
#include "audit/audit_store.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace cc::test {

inline AuditEvent makeEvent(int i, const QString &channel = QStringLiteral("ch_test"))
{
    AuditEvent event;
    event.eventType = (i % 2) ? QString(events::kFailoverDone) : QString(events::kChannelEdited);
    event.channelId = channel;
    event.source = (i % 3 == 0) ? EventSource::Automatic : EventSource::Manual;
    event.tenant = QStringLiteral("tenant-demo");
    event.details = QJsonObject{{QStringLiteral("n"), i}, {QStringLiteral("note"), QStringLiteral("entry %1").arg(i)}};
    return event;
}

inline AuditEntry makeEntry(int i, const QString &channel = QStringLiteral("ch_test"))
{
    const AuditEvent event = makeEvent(i, channel);
    AuditEntry entry;
    entry.eventType = event.eventType;
    entry.channelId = event.channelId;
    entry.source = event.source;
    entry.tenant = event.tenant;
    entry.actor = QStringLiteral("tester@host");
    entry.detailsJson = canonicalDetailsJson(event.details);
    return entry;
}

// Appends n entries straight through a store (no writer thread).
inline void appendEntries(const QString &path, int n, const QString &channel = QStringLiteral("ch_test"))
{
    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(path, &error)) << error.toStdString();
    QList<AuditEntry> entries;
    for (int i = 1; i <= n; ++i)
        entries.append(makeEntry(i, channel));
    ASSERT_TRUE(store.appendBatch(&entries, &error)) << error.toStdString();
}

// An audit store file of its own in a temporary folder. open() opens `store` on
// it, after appendEntries(path, ...) has filled it where a test wants that.
struct StoreFile
{
    bool open(QString *error) { return store.open(path, error); }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    AuditStore store;
};

// A test suite whose tests each have a StoreFile (`using AuditCsv = StoreFileTest;`).
class StoreFileTest : public ::testing::Test, public StoreFile
{
};

// A raw connection for tampering, as someone with the file and sqlite3 would.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(reinterpret_cast<quintptr>(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
    }
    ~RawDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    // Executes and returns the error text (empty on success).
    QString exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql))
            return query.lastError().text().isEmpty() ? QStringLiteral("failed") : query.lastError().text();
        return QString();
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next())
            return QVariant();
        return query.value(0);
    }
    void dropTriggers()
    {
        ASSERT_TRUE(exec(QStringLiteral("DROP TRIGGER audit_entries_no_update")).isEmpty());
        ASSERT_TRUE(exec(QStringLiteral("DROP TRIGGER audit_entries_no_delete")).isEmpty());
    }

private:
    QString m_name;
};

// Takes a closed store file back to what an older build left: `tables` dropped,
// the schema at `version`.
inline void downgradeStore(const QString &path, int version, const QStringList &tables)
{
    RawDb raw(path);
    for (const QString &table : tables)
        ASSERT_TRUE(raw.exec(QStringLiteral("DROP TABLE ") + table).isEmpty()) << table.toStdString();
    ASSERT_TRUE(raw.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)).isEmpty());
}

// The database file and its WAL and shared-memory companions, concatenated.
inline QByteArray rawStoreBytes(const QString &path)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile file(path + suffix);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace cc::test
