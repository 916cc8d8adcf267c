// The shared trail's local spool, in-process against the tests' PostgreSQL
// behind a TCP proxy that can take the database away (reset), stall it
// (blackhole, no RST) or slow it: entries made while the trail is away wait in
// a 0600 SQLite file and reach the trail once each, in order, with their
// original times; an entry already in the trail when the spool is forwarded
// again (a crash between the commit and the spool's delete) is not doubled; a
// person's action is refused while the trail cannot take its entry.

#include "postgres_environment.h"
#include "tcp_fault_proxy.h"

#include "audit/audit_forwarder.h"
#include "audit/audit_gate.h"
#include "audit/audit_log.h"
#include "audit/audit_spool.h"
#include "audit/audit_store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTemporaryDir>
#include <QUuid>

#include <gtest/gtest.h>

#include <memory>

using namespace cc;

namespace {

AuditEvent event(int n)
{
    AuditEvent e;
    e.eventType = QStringLiteral("health_state_changed");
    e.channelId = QStringLiteral("ch_%1").arg(n);
    e.source = EventSource::Automatic;
    e.tenant = QStringLiteral("tenant-demo");
    e.details = QJsonObject{{QStringLiteral("n"), n}};
    // Original times a minute apart, long ago: the trail must keep them.
    e.timestampMs = 1760000000000 + qint64(n) * 60000;
    return e;
}

qint64 spooled(const QString &path)
{
    AuditSpool spool;
    QString error;
    if (!spool.open(path, &error))
        return -1;
    return spool.count();
}

class SharedTrail : public cc::test::PostgresDatabaseTest
{
protected:
    SharedTrail() : PostgresDatabaseTest(QStringLiteral("spool")) {}

    void SetUp() override
    {
        PostgresDatabaseTest::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_NO_FATAL_FAILURE(startProxy());
        ASSERT_TRUE(m_dir.isValid());
        m_spoolPath = m_dir.filePath(QStringLiteral("spool.sqlite"));
    }

    // Opens `log` on the test's database through the proxy, spooling beside the test.
    bool openThroughProxy(AuditLog &log, QString *error)
    {
        log.setSpoolPath(m_spoolPath);
        return log.open(m_proxiedUrl, error);
    }

    QTemporaryDir m_dir;
    QString m_spoolPath;
};

} // namespace

TEST(AuditSpoolFile, IsCreatedForTheOwnerOnlyAndRefusesWholeBatchesWhenFull)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/spool.sqlite"));
    AuditSpool spool;
    QString error;
    ASSERT_TRUE(spool.open(path, &error)) << error.toStdString();
    EXPECT_EQ(QFile(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                                           | QFileDevice::WriteOther),
              QFileDevice::Permissions());
    spool.setMaxEntries(3);
    const auto entry = [](int n) {
        AuditEntry e;
        e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        e.timestampMs = 1000 + n;
        e.eventType = QStringLiteral("failover_done");
        e.detailsJson = QStringLiteral("{}");
        return e;
    };
    ASSERT_TRUE(spool.push({entry(1), entry(2)}, &error)) << error.toStdString();
    EXPECT_FALSE(spool.push({entry(3), entry(4)}, &error));
    EXPECT_TRUE(error.contains(QLatin1String("is full"))) << error.toStdString();
    EXPECT_TRUE(error.contains(path)) << error.toStdString();
    EXPECT_EQ(spool.count(), 2) << "a refused batch leaves nothing behind";
    const QList<SpooledEntry> oldest = spool.peek(10, &error);
    ASSERT_EQ(oldest.size(), 2);
    EXPECT_EQ(oldest.at(0).entry.timestampMs, 1001);
    ASSERT_TRUE(spool.removeThrough(oldest.at(0).row, &error));
    EXPECT_EQ(spool.count(), 1);
}

TEST_F(SharedTrail, WhileTheDatabaseIsAwayTheRefusalCountsEntriesAsTheyArriveNotAtTheNextRetry)
{
    AuditLog log;
    QString error;
    ASSERT_TRUE(openThroughProxy(log, &error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return log.gate()->takesEntries(); }, 20000)) << log.gate()->refusal().toStdString();

    m_proxy->refuse();
    log.append(event(1));
    ASSERT_TRUE(QTest::qWaitFor([&] { return log.gate()->refusal().contains(QLatin1String("1 entry waits")); }, 20000))
        << log.gate()->refusal().toStdString();
    // The forwarder retries every kRetryMs (2 s); what a person reads in the
    // refusal and the status bar must not wait for that.
    QSignalSpy spool(&log, &AuditLog::spoolChanged);
    for (int n = 2; n <= 4; ++n)
        log.append(event(n));
    EXPECT_TRUE(QTest::qWaitFor([&] { return log.gate()->refusal().contains(QLatin1String("4 entries wait")); },
                                AuditForwarder::kRetryMs * 3 / 4))
        << log.gate()->refusal().toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !spool.isEmpty() && spool.constLast().at(0).toLongLong() == 4; }, 1000));
}

TEST_F(SharedTrail, TheMonitorsEventsWaitInTheLocalSpoolWhileTheDatabaseIsAwayAndArriveOnceInOrderWithTheirTimes)
{
    AuditLog log;
    QString error;
    ASSERT_TRUE(openThroughProxy(log, &error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return log.gate()->takesEntries(); }, 20000)) << log.gate()->refusal().toStdString();
    for (int n = 1; n <= 3; ++n)
        log.append(event(n));
    ASSERT_TRUE(QTest::qWaitFor([&] { return cc::test::trailEntries(m_url).size() == 3; }, 20000));

    // The database goes away (every connection reset, nothing listens).
    QSignalSpy spool(&log, &AuditLog::spoolChanged);
    m_proxy->refuse();
    for (int n = 4; n <= 8; ++n)
        log.append(event(n));
    // spoolChanged comes from the forwarder's thread, queued: it may reach
    // the spy a moment after the file and the gate already say so. The
    // refusal says how many wait as they arrive, not only after the next
    // retry (it said "1 entry waits" for two seconds while five did).
    ASSERT_TRUE(QTest::qWaitFor(
                    [&] {
                        return spooled(m_spoolPath) == 5 && !spool.isEmpty()
                            && log.gate()->refusal().contains(QLatin1String("5 entries wait in the local spool"));
                    },
                    30000))
        << spooled(m_spoolPath) << " " << log.gate()->refusal().toStdString();
    EXPECT_EQ(QFile(m_spoolPath).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    EXPECT_EQ(cc::test::trailEntries(m_url).size(), 3);
    EXPECT_FALSE(log.gate()->takesEntries());
    ASSERT_FALSE(spool.isEmpty());
    EXPECT_FALSE(spool.constLast().at(1).toString().isEmpty()) << "the problem is said";

    // Back: the five arrive, in order, with the times they were made, once each.
    m_proxy->pass();
    ASSERT_TRUE(QTest::qWaitFor([&] { return cc::test::trailEntries(m_url).size() == 8; }, 30000)) << cc::test::trailEntries(m_url).size();
    ASSERT_TRUE(QTest::qWaitFor([&] { return log.gate()->takesEntries() && spooled(m_spoolPath) == 0; }, 15000));
    const QList<AuditEntry> entries = cc::test::trailEntries(m_url);
    for (int n = 1; n <= 8; ++n) {
        EXPECT_EQ(entries.at(n - 1).channelId, QStringLiteral("ch_%1").arg(n));
        EXPECT_EQ(entries.at(n - 1).timestampMs, event(n).timestampMs);
    }
    AuditStore store;
    ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
    EXPECT_TRUE(QTest::qWaitFor([&] { return !spool.isEmpty() && spool.constLast().at(0).toLongLong() == 0
                                    && spool.constLast().at(1).toString().isEmpty(); }, 5000));
}

TEST_F(SharedTrail, AnEntryTheTrailTookJustBeforeACrashIsNotWrittenTwice)
{
    // The forwarder committed a batch and was killed before it emptied the spool.
    QString error;
    QList<AuditEntry> batch;
    for (int n = 1; n <= 3; ++n) {
        AuditEntry e;
        e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        e.timestampMs = event(n).timestampMs;
        e.eventType = event(n).eventType;
        e.channelId = event(n).channelId;
        e.actor = QStringLiteral("svc@noc-1");
        e.source = EventSource::Automatic;
        e.tenant = QStringLiteral("tenant-demo");
        e.detailsJson = canonicalDetailsJson(event(n).details);
        e.complianceTag = QStringLiteral("SOX");
        batch.append(e);
    }
    {
        AuditSpool spool;
        ASSERT_TRUE(spool.open(m_spoolPath, &error)) << error.toStdString();
        ASSERT_TRUE(spool.push(batch, &error)) << error.toStdString();
        AuditStore store;
        ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
        QList<AuditEntry> committed = batch;
        ASSERT_TRUE(store.appendBatch(&committed, &error)) << error.toStdString();
    }
    // The next run forwards the spool again, and one more entry after it.
    AuditLog log;
    ASSERT_TRUE(openThroughProxy(log, &error)) << error.toStdString();
    AuditEntry fourth;
    bool kept = true;
    ASSERT_TRUE(log.appendAndWait(event(4), &fourth, &error, &kept)) << error.toStdString();
    EXPECT_FALSE(kept);
    const QList<AuditEntry> entries = cc::test::trailEntries(m_url);
    ASSERT_EQ(entries.size(), 4);
    for (int n = 0; n < 3; ++n)
        EXPECT_EQ(entries.at(n).id, batch.at(n).id);
    EXPECT_EQ(entries.at(3).id, fourth.id);
    EXPECT_EQ(entries.at(3).sequence, 4);
    EXPECT_EQ(spooled(m_spoolPath), 0);
    AuditStore store;
    ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
}

TEST_F(SharedTrail, APersonsActionIsLetThroughOnlyWhileTheTrailCanTakeItsEntry)
{
    AuditLog log;
    QString error;
    ASSERT_TRUE(openThroughProxy(log, &error)) << error.toStdString();
    EXPECT_TRUE(log.checkWritable(&error)) << error.toStdString();
    EXPECT_TRUE(log.gate()->refusal().isEmpty());

    m_proxy->refuse();
    EXPECT_FALSE(log.checkWritable(&error));
    EXPECT_TRUE(error.contains(QStringLiteral("postgresql://cc@127.0.0.1:%1/").arg(m_proxy->port()))) << error.toStdString();
    EXPECT_FALSE(error.contains(QString::fromLatin1(m_server->password()))) << "no password in a message";
    const QString refused = log.gate()->refusalFor(QStringLiteral("Failing trunk-1 over"));
    EXPECT_TRUE(refused.startsWith(QLatin1String("Failing trunk-1 over was not done"))) << refused.toStdString();
    EXPECT_FALSE(AuditGate::changeNotSent(log.gate()->refusal()).isEmpty());

    m_proxy->pass();
    EXPECT_TRUE(log.checkWritable(&error)) << error.toStdString();
    EXPECT_TRUE(log.gate()->takesEntries());
}

TEST_F(SharedTrail, AStalledDatabaseIsCutAtTheCallsDeadlineAndTheEntryWaitsInTheSpool)
{
    AuditLog log;
    QString error;
    ASSERT_TRUE(openThroughProxy(log, &error)) << error.toStdString();
    ASSERT_TRUE(log.checkWritable(&error)) << error.toStdString();

    // Packets still acknowledged, nothing answered, nothing closed: only our deadline ends the call.
    m_proxy->blackhole();
    QElapsedTimer clock;
    clock.start();
    bool kept = false;
    EXPECT_FALSE(log.appendAndWait(event(1), nullptr, &error, &kept));
    const qint64 waitedMs = clock.elapsed();
    EXPECT_TRUE(kept) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("kept in the local spool"))) << error.toStdString();
    EXPECT_LT(waitedMs, AuditForwarder::kCallDeadlineMs + 10000) << "the call has a deadline";
    EXPECT_EQ(spooled(m_spoolPath), 1);

    m_proxy->pass();
    ASSERT_TRUE(QTest::qWaitFor([&] { return cc::test::trailEntries(m_url).size() == 1; }, 30000));
    EXPECT_TRUE(QTest::qWaitFor([&] { return spooled(m_spoolPath) == 0; }, 10000));
    EXPECT_EQ(cc::test::trailEntries(m_url).constFirst().timestampMs, event(1).timestampMs);
}
