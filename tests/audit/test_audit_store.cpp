#include "audit_test_util.h"

#include "audit/audit_entry.h"
#include "audit/audit_log.h"
#include "audit/audit_store.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTest>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::test;

namespace {

class AuditChain : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("audit.sqlite"));
        appendEntries(m_path, 10);
    }

    AuditVerifyResult verify()
    {
        AuditStore store;
        QString error;
        EXPECT_TRUE(store.open(m_path, &error)) << error.toStdString();
        return store.verify();
    }

    // What someone with the file and sqlite3 would do: the triggers dropped, then each statement.
    void tamper(const QStringList &statements)
    {
        RawDb raw(m_path);
        raw.dropTriggers();
        for (const QString &sql : statements)
            ASSERT_TRUE(raw.exec(sql).isEmpty()) << sql.toStdString();
    }

    QString idAt(int sequence)
    {
        RawDb raw(m_path);
        return raw.scalar(QStringLiteral("SELECT id FROM audit_entries WHERE seq = %1").arg(sequence)).toString();
    }

    // verify() finds the chain broken at `sequence` for `problem`, and its message names that entry.
    AuditVerifyResult expectBrokenAt(AuditVerifyResult::Problem problem, qint64 sequence)
    {
        const AuditVerifyResult result = verify();
        EXPECT_EQ(result.problem, problem);
        EXPECT_EQ(result.sequence, sequence);
        EXPECT_TRUE(result.message.contains(QStringLiteral("#%1").arg(sequence))) << result.message.toStdString();
        return result;
    }

    QTemporaryDir m_dir;
    QString m_path;
};

using AuditStoreQuery = StoreFileTest;
using AuditLogWriter = StoreFileTest;
using AuditStoreFiles = StoreFileTest;

} // namespace

TEST(AuditEntryHash, IsSha256OfTheDocumentedLengthPrefixedCanonicalForm)
{
    AuditEntry entry;
    entry.id = QStringLiteral("9b2f0d1e-0000-4000-8000-000000000001");
    entry.sequence = 7;
    entry.timestampMs = 1795428900123;
    entry.eventType = QStringLiteral("failover");
    entry.channelId = QStringLiteral("ch_é1");
    entry.actor = QStringLiteral("noc@host");
    entry.source = EventSource::Automatic;
    entry.tenant = QStringLiteral("tenant-demo");
    entry.detailsJson = canonicalDetailsJson(QJsonObject{{QStringLiteral("z"), 1}, {QStringLiteral("a"), 2}});
    entry.complianceTag = QStringLiteral("telephony_channel_audit");
    entry.prevHash = genesisPrevHash();

    // Sorted keys, compact.
    EXPECT_EQ(entry.detailsJson, QStringLiteral("{\"a\":2,\"z\":1}"));
    const QByteArray expected = QByteArrayLiteral("8:ccaudit1") + "36:9b2f0d1e-0000-4000-8000-000000000001" + "1:7"
        + "13:1795428900123" + "8:failover" + "6:ch_\xc3\xa9" "1" + "8:noc@host" + "9:automatic"
        + "11:tenant-demo" + "13:{\"a\":2,\"z\":1}" + "23:telephony_channel_audit" + "64:" + QByteArray(64, '0');
    EXPECT_EQ(auditCanonicalForm(entry), expected);
    EXPECT_EQ(computeAuditHash(entry),
              QString::fromLatin1(QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex()));

    // Every field is covered: changing any one changes the hash.
    const QString original = computeAuditHash(entry);
    AuditEntry changed = entry;
    changed.source = EventSource::Manual;
    EXPECT_NE(computeAuditHash(changed), original);
    changed = entry;
    changed.prevHash[0] = u'1';
    EXPECT_NE(computeAuditHash(changed), original);
    changed = entry;
    changed.tenant += u'x';
    EXPECT_NE(computeAuditHash(changed), original);
}

TEST(AuditStoreFile, AppendsAChainFromGenesisAndReopensIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/folder/audit.sqlite"));
    appendEntries(path, 5);
    appendEntries(path, 3);   // a second session links to the first

    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(path, &error, AuditStore::OpenMode::ExistingOnly)) << error.toStdString();
    EXPECT_EQ(store.lastSequence(), 8);
    const QList<AuditEntry> all = store.tail(100, &error);
    ASSERT_EQ(all.size(), 8);
    EXPECT_EQ(all.first().prevHash, genesisPrevHash());
    for (qsizetype i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all.at(i).sequence, i + 1);
        EXPECT_EQ(all.at(i).complianceTag, QStringLiteral("telephony_channel_audit"));
        EXPECT_EQ(all.at(i).hash, computeAuditHash(all.at(i)));
        EXPECT_EQ(all.at(i).id.size(), 36);
        if (i > 0) {
            EXPECT_EQ(all.at(i).prevHash, all.at(i - 1).hash);
        }
    }
    const AuditVerifyResult result = store.verify();
    EXPECT_TRUE(result.intact()) << result.message.toStdString();
    EXPECT_EQ(result.checked, 8);

    RawDb raw(path);
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), AuditStore::kSchemaVersion);
}

TEST(AuditStoreFile, ExistingOnlyRefusesAMissingFileAndNamesIt)
{
    QTemporaryDir dir;
    AuditStore store;
    QString error;
    EXPECT_FALSE(store.open(dir.filePath(QStringLiteral("none.sqlite")), &error, AuditStore::OpenMode::ExistingOnly));
    EXPECT_TRUE(error.contains(QStringLiteral("none.sqlite")));
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("none.sqlite"))));
}

TEST(AuditStoreFile, RefusesAStoreWrittenByANewerSchema)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    appendEntries(path, 1);
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec(QStringLiteral("PRAGMA user_version=%1").arg(AuditStore::kSchemaVersion + 1)).isEmpty());
    }
    AuditStore store;
    QString error;
    EXPECT_FALSE(store.open(path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("newer"))) << error.toStdString();
}

TEST(AuditStoreFile, MigratesAVersionOneStoreAndKeepsItsChain)
{
    StoreFile file;
    appendEntries(file.path, 3);
    downgradeStore(file.path, 1, {QStringLiteral("alarms"), QStringLiteral("alarm_counter"),
                                  QStringLiteral("export_cursor"), QStringLiteral("metrics_outbox")});
    QString error;
    ASSERT_TRUE(file.open(&error)) << error.toStdString();
    EXPECT_TRUE(file.store.verify().intact());
    RawDb raw(file.path);
    EXPECT_EQ(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 3);
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM metrics_outbox")).toInt(), 0);
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM alarms")).toInt(), 0);
}

TEST_F(AuditChain, TriggersRefuseUpdateAndDelete)
{
    RawDb raw(m_path);
    const QString updateError = raw.exec(QStringLiteral("UPDATE audit_entries SET details = '{}' WHERE seq = 3"));
    EXPECT_TRUE(updateError.contains(QStringLiteral("append-only"))) << updateError.toStdString();
    const QString deleteError = raw.exec(QStringLiteral("DELETE FROM audit_entries WHERE seq = 3"));
    EXPECT_TRUE(deleteError.contains(QStringLiteral("append-only"))) << deleteError.toStdString();
    EXPECT_EQ(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_entries")).toInt(), 10);
    EXPECT_TRUE(verify().intact());
}

TEST_F(AuditChain, DetectsAnAlteredEntryAndNamesIt)
{
    const QString alteredId = idAt(6);
    tamper({QStringLiteral("UPDATE audit_entries SET channel_id = 'ch_other' WHERE seq = 6")});
    const AuditVerifyResult result = expectBrokenAt(AuditVerifyResult::Problem::HashMismatch, 6);
    EXPECT_EQ(result.id, alteredId);
    EXPECT_EQ(result.checked, 5);
}

TEST_F(AuditChain, DetectsAnAlteredHashLinkOnTheNextEntry)
{
    {
        // The tamperer rewrites entry 4 and recomputes its own hash: entry 5 no longer links.
        RawDb raw(m_path);
        raw.dropTriggers();
        AuditStore store;
        QString error;
        ASSERT_TRUE(store.open(m_path, &error));
        AuditEntry four = store.tail(10, &error).at(3);
        four.detailsJson = QStringLiteral("{\"n\":400}");
        const QString forged = computeAuditHash(four);
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE audit_entries SET details = '%1', hash = '%2' WHERE seq = 4")
                                 .arg(four.detailsJson, forged)).isEmpty());
    }
    const AuditVerifyResult result = verify();
    EXPECT_EQ(result.problem, AuditVerifyResult::Problem::PrevHashMismatch);
    EXPECT_EQ(result.sequence, 5);
}

TEST_F(AuditChain, DetectsARemovedEntry)
{
    tamper({QStringLiteral("DELETE FROM audit_entries WHERE seq = 4")});
    expectBrokenAt(AuditVerifyResult::Problem::Missing, 4);
}

TEST_F(AuditChain, DetectsARemovedFirstEntry)
{
    tamper({QStringLiteral("DELETE FROM audit_entries WHERE seq <= 2")});
    expectBrokenAt(AuditVerifyResult::Problem::Missing, 1);
}

TEST_F(AuditChain, DetectsAnInsertedEntryAndNamesIt)
{
    const QString insertedId = QStringLiteral("00000000-0000-4000-8000-00000000beef");
    // Make room after entry 4, then slip an entry in.
    tamper({QStringLiteral("UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 5"),
            QStringLiteral("UPDATE audit_entries SET seq = seq - 999 WHERE seq >= 1005"),
            QStringLiteral("INSERT INTO audit_entries SELECT 5, '%1', ts_ms, event_type, channel_id,"
                           " actor, source, tenant, '{\"fake\":true}', compliance_tag, hash, hash"
                           " FROM audit_entries WHERE seq = 4").arg(insertedId)});
    const AuditVerifyResult result = verify();
    EXPECT_FALSE(result.intact());
    EXPECT_EQ(result.sequence, 5);
    EXPECT_EQ(result.id, insertedId);
}

TEST_F(AuditChain, DetectsAForgedInsertOnTheEntryThatFollowsIt)
{
    {
        RawDb raw(m_path);
        raw.dropTriggers();
        AuditStore store;
        QString error;
        ASSERT_TRUE(store.open(m_path, &error));
        const AuditEntry four = store.tail(10, &error).at(3);
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 5")).isEmpty());
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE audit_entries SET seq = seq - 999 WHERE seq >= 1005")).isEmpty());
        // A perfectly linked and hashed forgery at #5.
        AuditEntry forged = four;
        forged.id = QStringLiteral("00000000-0000-4000-8000-00000000f00d");
        forged.sequence = 5;
        forged.prevHash = four.hash;
        forged.hash = computeAuditHash(forged);
        ASSERT_TRUE(raw.exec(QStringLiteral("INSERT INTO audit_entries SELECT 5, '%1', ts_ms, event_type, channel_id,"
                                            " actor, source, tenant, details, compliance_tag, '%2', '%3'"
                                            " FROM audit_entries WHERE seq = 4")
                                 .arg(forged.id, forged.prevHash, forged.hash)).isEmpty());
    }
    const AuditVerifyResult result = verify();
    EXPECT_FALSE(result.intact());
    // The original fifth entry, now numbered 6, no longer matches.
    EXPECT_EQ(result.sequence, 6);
    EXPECT_EQ(result.checked, 5);
}

TEST_F(AuditChain, DetectsReorderedEntries)
{
    const QString fourthId = idAt(4);
    tamper({QStringLiteral("UPDATE audit_entries SET seq = -1 WHERE seq = 3"),
            QStringLiteral("UPDATE audit_entries SET seq = 3 WHERE seq = 4"),
            QStringLiteral("UPDATE audit_entries SET seq = 4 WHERE seq = -1")});
    const AuditVerifyResult result = expectBrokenAt(AuditVerifyResult::Problem::HashMismatch, 3);
    EXPECT_EQ(result.id, fourthId);   // the entry that was moved up is named
}

TEST_F(AuditChain, DetectsAnUnknownSourceValue)
{
    tamper({QStringLiteral("UPDATE audit_entries SET source = 'nobody' WHERE seq = 2")});
    expectBrokenAt(AuditVerifyResult::Problem::Malformed, 2);
}

TEST_F(AuditChain, DetectsATimeStoredAsSomethingOtherThanAnInteger)
{
    // Same digits, so the same hash: only the column's type gives it away.
    tamper({QStringLiteral("UPDATE audit_entries SET ts_ms = CAST(CAST(ts_ms AS TEXT) AS BLOB) WHERE seq = 7")});
    ASSERT_EQ(RawDb(m_path).scalar(QStringLiteral("SELECT typeof(ts_ms) FROM audit_entries WHERE seq = 7")).toString(),
              QStringLiteral("blob"));
    expectBrokenAt(AuditVerifyResult::Problem::Malformed, 7);
}

TEST_F(AuditChain, VerificationCanBeCancelledFromItsProgress)
{
    appendEntries(m_path, 10000);
    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(m_path, &error));
    qint64 calls = 0;
    const AuditVerifyResult result = store.verify([&](qint64) { return ++calls < 2; });
    EXPECT_EQ(result.problem, AuditVerifyResult::Problem::Cancelled);
    EXPECT_LT(result.checked, 10010);
    EXPECT_EQ(calls, 2);
}

TEST_F(AuditStoreQuery, FiltersByTimeRangeChannelAndEventType)
{
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    const qint64 base = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    QList<AuditEntry> entries;
    for (int i = 0; i < 20; ++i) {
        AuditEntry entry = makeEntry(i, (i % 4 == 0) ? QStringLiteral("ch_a") : QStringLiteral("ch_b"));
        entry.timestampMs = base + i * 60000;   // one a minute
        entries.append(entry);
    }
    ASSERT_TRUE(store.appendBatch(&entries, &error)) << error.toStdString();

    const auto collect = [&](const AuditFilter &filter) {
        QList<qint64> seqs;
        EXPECT_TRUE(store.forEach(filter, [&](const AuditEntry &e) { seqs.append(e.sequence); return true; }, &error));
        EXPECT_EQ(store.count(filter), seqs.size());
        return seqs;
    };
    AuditFilter filter;
    EXPECT_EQ(collect(filter).size(), 20);
    filter.from = QDateTime::fromMSecsSinceEpoch(base + 5 * 60000, Qt::UTC);
    filter.to = QDateTime::fromMSecsSinceEpoch(base + 10 * 60000, Qt::UTC);
    EXPECT_EQ(collect(filter), (QList<qint64>{6, 7, 8, 9, 10}));   // from inclusive, to exclusive
    filter.channelId = QStringLiteral("ch_a");
    EXPECT_EQ(collect(filter), (QList<qint64>{9}));
    filter = AuditFilter();
    filter.channelId = QStringLiteral("ch_a");
    filter.eventType = QString(events::kChannelEdited);   // even i
    EXPECT_EQ(collect(filter), (QList<qint64>{1, 5, 9, 13, 17}));
    filter.eventType = QString(events::kFailoverDone);
    EXPECT_TRUE(collect(filter).isEmpty());
}

TEST_F(AuditLogWriter, CommitsBeforeReportingAndKeepsTheChainAcrossManyQueuedAppends)
{
    AuditLog log;
    QString error;
    ASSERT_TRUE(log.open(path, &error)) << error.toStdString();

    QList<quint64> tickets;
    QList<AuditEntry> committed;
    QSignalSpy batches(&log, &AuditLog::entriesCommitted);
    QObject context;
    QObject::connect(&log, &AuditLog::committed, &context, [&](quint64 ticket, const AuditEntry &entry) {
        tickets.append(ticket);
        committed.append(entry);
        // Reported only once durable: a second connection already sees it.
        AuditStore reader;
        QString readError;
        ASSERT_TRUE(reader.open(path, &readError));
        EXPECT_GE(reader.lastSequence(), entry.sequence);
    });
    QList<quint64> issued;
    for (int i = 0; i < 300; ++i)
        issued.append(log.append(makeEvent(i)));
    EXPECT_TRUE(QTest::qWaitFor([&] { return committed.size() == 300; }, 30000));
    EXPECT_EQ(tickets, issued);
    for (qsizetype i = 0; i < committed.size(); ++i)
        EXPECT_EQ(committed.at(i).sequence, i + 1);
    // Many appends, fewer transactions.
    EXPECT_LT(batches.size(), 300);
    EXPECT_EQ(batches.last().at(0).toLongLong(), 300);

    ASSERT_TRUE(open(&error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
    EXPECT_EQ(store.tail(1, &error).first().actor, defaultAuditActor());
}

TEST_F(AuditLogWriter, ClosingTheLogCommitsWhatWasStillQueued)
{
    {
        AuditLog log;
        ASSERT_TRUE(log.open(path));
        for (int i = 0; i < 500; ++i)
            log.append(makeEvent(i));
    }   // the program closes right after its last action
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    EXPECT_EQ(store.lastSequence(), 500);
    EXPECT_TRUE(store.verify().intact());
}

TEST_F(AuditLogWriter, AppendAndWaitReturnsTheCommittedEntry)
{
    AuditLog log;
    ASSERT_TRUE(log.open(path));
    AuditEvent event = makeEvent(1);
    event.actor = QStringLiteral("ops@console");
    event.source = EventSource::System;
    AuditEntry entry;
    QString error;
    ASSERT_TRUE(log.appendAndWait(event, &entry, &error)) << error.toStdString();
    EXPECT_EQ(entry.sequence, 1);
    EXPECT_EQ(entry.actor, QStringLiteral("ops@console"));
    EXPECT_EQ(entry.source, EventSource::System);
    EXPECT_EQ(entry.details().value(QStringLiteral("n")).toInt(), 1);

    // An action about no channel in particular (sign-in, an export).
    AuditEvent bare;
    bare.eventType = QString(events::kConnected);
    ASSERT_TRUE(log.appendAndWait(bare, nullptr, &error)) << error.toStdString();

    ASSERT_TRUE(open(&error)) << error.toStdString();
    const QList<AuditEntry> stored = store.tail(2, &error);
    ASSERT_EQ(stored.size(), 2);
    EXPECT_EQ(stored.first().id, entry.id);
    EXPECT_EQ(stored.first().hash, entry.hash);
    EXPECT_TRUE(stored.last().channelId.isEmpty());
    EXPECT_EQ(stored.last().detailsJson, QStringLiteral("{}"));
    EXPECT_TRUE(store.verify().intact());
}

TEST_F(AuditLogWriter, ReportsAFailureWhenTheStoreCannotBeOpened)
{
    QFile blocker(dir.filePath(QStringLiteral("file")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    AuditLog log;
    QString error;
    // A folder that cannot exist: its parent is a file.
    EXPECT_FALSE(log.open(dir.filePath(QStringLiteral("file/audit.sqlite")), &error));
    EXPECT_FALSE(error.isEmpty());
    QSignalSpy failed(&log, &AuditLog::failed);
    const quint64 ticket = log.append(makeEvent(1));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(failed.first().at(0).toULongLong(), ticket);
    EXPECT_FALSE(log.appendAndWait(makeEvent(2), nullptr, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("not open"))) << error.toStdString();
}

// Issue 12: the trail of who changed which trunk was 0644, readable by every
// local user. The store, its WAL and its shared-memory file are the owner's only.
TEST_F(AuditStoreFiles, StoreWalAndShmAreReadableAndWritableByTheOwnerOnly)
{
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    QList<AuditEntry> entries{makeEntry(1), makeEntry(2)};
    ASSERT_TRUE(store.appendBatch(&entries, &error)) << error.toStdString();
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QString name = path + suffix;
        const QFileInfo file(name);
        ASSERT_TRUE(file.exists()) << name.toStdString();
        const QFileDevice::Permissions permissions =
            file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
        EXPECT_EQ(permissions, ownerOnly) << name.toStdString() << " mode " << std::oct
                                          << static_cast<int>(permissions);
    }
}

TEST_F(AuditStoreFiles, AStoreOthersCouldReadIsTightenedWhenOpened)
{
    appendEntries(path, 3);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                    | QFileDevice::ReadOther);
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    const QFileDevice::Permissions permissions =
        QFileInfo(path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
    EXPECT_EQ(permissions, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    EXPECT_EQ(store.lastSequence(), 3);
}
