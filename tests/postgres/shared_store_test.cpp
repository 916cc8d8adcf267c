// The audit store on PostgreSQL, in-process, against a server the test starts:
// the same entries give the same chain and the same CSV as a SQLite file; the
// password comes only from libpq's PGPASSWORD and never shows in an error;
// entries are append-only and an altered one is found; migrations are versioned.

#include "postgres_environment.h"
#include "postgres_server.h"

#include "audit/audit_csv_writer.h"
#include "audit/audit_database_url.h"
#include "audit/audit_store.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;

namespace {


AuditEntry entry(int i)
{
    AuditEntry e;
    e.id = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
    e.timestampMs = 1764000000000 + i * 1000;
    e.eventType = i % 2 ? QStringLiteral("failover_done") : QStringLiteral("channel_edited");
    e.channelId = QStringLiteral("ch_%1").arg(i % 5);
    e.actor = QStringLiteral("noc@console-%1").arg(i % 3);
    e.source = i % 3 ? EventSource::Manual : EventSource::Automatic;
    e.tenant = QStringLiteral("tenant-demo");
    e.detailsJson = canonicalDetailsJson(QJsonObject{{QStringLiteral("n"), i},
                                                     {QStringLiteral("note"), QStringLiteral("=cmd \"quoted\", é %1").arg(i)}});
    return e;
}

} // namespace

class SharedStore : public cc::test::PostgresDatabaseTest
{
protected:
    SharedStore() : PostgresDatabaseTest(QStringLiteral("audit")) {}
};

TEST_F(SharedStore, TheSameEntriesGiveTheSameChainVerifyAndCsvAsAFile)
{
    QTemporaryDir dir;
    AuditStore file;
    AuditStore shared;
    QString error;
    ASSERT_TRUE(file.open(dir.filePath(QStringLiteral("audit.sqlite")), &error)) << error.toStdString();
    ASSERT_TRUE(shared.open(m_url, &error)) << error.toStdString();
    EXPECT_EQ(shared.path(), m_url);
    for (int batch = 0; batch < 3; ++batch) {
        QList<AuditEntry> a;
        for (int i = 1; i <= 40; ++i)
            a.append(entry(batch * 40 + i));
        QList<AuditEntry> b = a;
        ASSERT_TRUE(file.appendBatch(&a, &error)) << error.toStdString();
        ASSERT_TRUE(shared.appendBatch(&b, &error)) << error.toStdString();
        for (qsizetype i = 0; i < a.size(); ++i)
            EXPECT_EQ(a.at(i).hash, b.at(i).hash) << "entry " << a.at(i).sequence;
    }
    EXPECT_EQ(shared.lastSequence(), 120);
    EXPECT_EQ(shared.count({}), 120);
    const AuditVerifyResult verified = shared.verify();
    EXPECT_TRUE(verified.intact()) << verified.message.toStdString();
    EXPECT_EQ(verified.checked, 120);

    QBuffer fileCsv;
    QBuffer sharedCsv;
    fileCsv.open(QIODevice::WriteOnly);
    sharedCsv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(AuditCsvWriter::write(file, &fileCsv, {}, {}).ok);
    const AuditCsvResult csv = AuditCsvWriter::write(shared, &sharedCsv, {}, {});
    ASSERT_TRUE(csv.ok) << csv.error.toStdString();
    EXPECT_EQ(csv.rows, 120);
    EXPECT_EQ(sharedCsv.data(), fileCsv.data());
    EXPECT_EQ(shared.tail(3, &error).constLast().sequence, 120);
    EXPECT_EQ(shared.entriesAfter(118, 10, &error).size(), 2);
}

TEST_F(SharedStore, APasswordInTheUrlIsRefusedAndNeverRepeated)
{
    QString url = m_url;
    url.replace(QStringLiteral("cc@"), QStringLiteral("cc:hunter2-secret@"));
    AuditStore store;
    QString error;
    EXPECT_FALSE(store.open(url, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("PGPASSWORD"))) << error.toStdString();
    EXPECT_FALSE(error.contains(QStringLiteral("hunter2"))) << error.toStdString();
}

TEST_F(SharedStore, TheWrongPasswordFailsSayingWhyWithoutShowingIt)
{
    const QByteArray right = qgetenv("PGPASSWORD");
    qputenv("PGPASSWORD", "wrong-password-42");
    AuditStore store;
    QString error;
    const bool opened = store.open(m_url, &error);
    qputenv("PGPASSWORD", right);
    EXPECT_FALSE(opened);
    EXPECT_TRUE(error.contains(QStringLiteral("password authentication failed"))) << error.toStdString();
    EXPECT_TRUE(error.contains(m_url)) << error.toStdString();
    EXPECT_FALSE(error.contains(QStringLiteral("wrong-password-42"))) << error.toStdString();
    EXPECT_FALSE(error.contains(QString::fromLatin1(right))) << error.toStdString();
}

TEST_F(SharedStore, EntriesAreAppendOnlyAndAnAlteredOneIsNamed)
{
    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    QList<AuditEntry> entries;
    for (int i = 1; i <= 5; ++i)
        entries.append(entry(i));
    ASSERT_TRUE(store.appendBatch(&entries, &error)) << error.toStdString();
    QSqlQuery update(store.database());
    EXPECT_FALSE(update.exec(QStringLiteral("UPDATE audit_entries SET actor = 'someone' WHERE seq = 3")));
    EXPECT_TRUE(update.lastError().text().contains(QStringLiteral("append-only"))) << update.lastError().text().toStdString();
    QSqlQuery remove(store.database());
    EXPECT_FALSE(remove.exec(QStringLiteral("DELETE FROM audit_entries WHERE seq = 3")));
    // A superuser can switch the trigger off; verify still names the entry.
    const QString database = m_url.section(QLatin1Char('/'), -1);
    ASSERT_TRUE(m_server->psql(database, QStringLiteral("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only; "
                                                        "UPDATE audit_entries SET actor = 'someone' WHERE seq = 3;")))
        << m_server->error().toStdString();
    const AuditVerifyResult result = store.verify();
    EXPECT_EQ(result.problem, AuditVerifyResult::Problem::HashMismatch) << result.message.toStdString();
    EXPECT_EQ(result.sequence, 3);
}

TEST_F(SharedStore, MigrationsAreVersionedAndANewerSchemaIsRefused)
{
    AuditStore store;
    QString error;
    EXPECT_FALSE(store.open(m_url, &error, AuditStore::OpenMode::ExistingOnly));
    EXPECT_TRUE(error.contains(QStringLiteral("no audit trail"))) << error.toStdString();
    ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    QSqlQuery version(store.database());
    ASSERT_TRUE(version.exec(QStringLiteral("SELECT version FROM audit_schema_version")) && version.next());
    EXPECT_EQ(version.value(0).toInt(), AuditStore::kSchemaVersion);
    version.finish();
    store.close();
    ASSERT_TRUE(store.open(m_url, &error, AuditStore::OpenMode::ExistingOnly)) << error.toStdString();
    store.close();
    const QString database = m_url.section(QLatin1Char('/'), -1);
    ASSERT_TRUE(m_server->psql(database, QStringLiteral("UPDATE audit_schema_version SET version = 99")));
    EXPECT_FALSE(store.open(m_url, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("newer Channel Console"))) << error.toStdString();
}

TEST(PostgresUrl, TakesUserHostPortAndDatabaseAndOnlyKnownParameters)
{
    QString error;
    const auto location = parsePostgresUrl(QStringLiteral("postgresql://noc@db.example:6543/audit?sslmode=verify-full"), &error);
    ASSERT_TRUE(location) << error.toStdString();
    EXPECT_EQ(location->host, QStringLiteral("db.example"));
    EXPECT_EQ(location->port, 6543);
    EXPECT_EQ(location->user, QStringLiteral("noc"));
    EXPECT_EQ(location->database, QStringLiteral("audit"));
    EXPECT_TRUE(location->connectOptions.contains(QStringLiteral("sslmode=verify-full")));
    EXPECT_TRUE(location->connectOptions.contains(QStringLiteral("connect_timeout=10")));
    EXPECT_FALSE(parsePostgresUrl(QStringLiteral("postgresql://noc@db/audit?options=-c%20x"), &error));
    EXPECT_FALSE(parsePostgresUrl(QStringLiteral("postgresql://noc@db/"), &error));
    EXPECT_TRUE(isPostgresUrl(QStringLiteral("postgres://a@b/c")));
    EXPECT_FALSE(isPostgresUrl(QStringLiteral("/var/lib/audit.sqlite")));
}
