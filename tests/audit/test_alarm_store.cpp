// The alarms in a real SQLite file beside the audit chain (issue 15): raises
// and clears written with their audit entries, acknowledgements and shelves
// recorded with who and why, the state read back after a restart, changes made
// by another connection (another process) reaching the keeper, and two keepers
// of one tenant sharing one alarm.

#include "alarms/alarm_keeper.h"
#include "alarms/alarm_store.h"
#include "audit/audit_store.h"

#include "audit_test_util.h"
#include "console_alarms.h"
#include "monitor_rows.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc;
using cc::test::channelRow;
using cc::test::snapshotOf;

namespace {

const QString kTenantKey = QStringLiteral("http://127.0.0.1:1|demo");

QList<AuditEntry> entriesOfType(AuditStore &store, const QString &type)
{
    QList<AuditEntry> found;
    AuditFilter filter;
    filter.eventType = type;
    QString error;
    store.forEach(filter, [&](const AuditEntry &entry) {
        found.append(entry);
        return true;
    }, &error);
    return found;
}

// The test's own audit store (`store`, on `path`), open; one SystemClock.
class AlarmStoreFile : public test::StoreFileTest
{
protected:
    void SetUp() override
    {
        QString error;
        ASSERT_TRUE(open(&error)) << error.toStdString();
    }

    // A book's raise of a down channel (two cycles), written as the keeper writes it.
    Alarm raiseDown(test::ConsoleAlarms &console, const QString &id)
    {
        AlarmChanges changes;
        for (int i = 0; i < 2; ++i) {
            console.ids.beginRound();
            changes = console.book.observeSnapshot(*snapshotOf({channelRow(id, HealthState::Down)}), console.ids);
        }
        EXPECT_EQ(changes.raised.size(), 1);
        QString error;
        EXPECT_TRUE(console.alarms.persist(changes, nullptr, &error)) << error.toStdString();
        return changes.raised.value(0);
    }

    AlarmRuleSettings rules() const
    {
        MonitorSettings settings;
        settings.intervalMs = 1000;
        return AlarmRuleSettings::fromMonitor(settings);
    }

    // A console's keeper on this test's store, polling every `pollIntervalMs`.
    AlarmKeeperOptions keeperOptions(int pollIntervalMs) const
    {
        AlarmKeeperOptions options;
        options.storePath = path;
        options.tenantKey = kTenantKey;
        options.tenant = QStringLiteral("NOC tenant");
        options.rules = rules();
        options.actor = QStringLiteral("ana@noc");
        options.pollIntervalMs = pollIntervalMs;
        return options;
    }

    SystemClock m_clock;
};

} // namespace

TEST_F(AlarmStoreFile, ARaiseAndAClearAreRowsAndAuditEntriesOfOneChain)
{
    test::ConsoleAlarms console(&store, kTenantKey, QStringLiteral("NOC tenant"), rules(), &m_clock);
    const Alarm raised = raiseDown(console, QStringLiteral("ch_1"));
    EXPECT_EQ(raised.id(), QStringLiteral("A1"));

    QList<Alarm> stored;
    qint64 revision = 0;
    QString error;
    ASSERT_TRUE(console.alarms.load(kTenantKey, 10, &stored, &revision, &error)) << error.toStdString();
    ASSERT_EQ(stored.size(), 1);
    EXPECT_EQ(stored.first().number, 1);
    EXPECT_EQ(stored.first().channelName, QStringLiteral("trunk-ch_1"));
    EXPECT_TRUE(stored.first().isOpen());
    EXPECT_GT(revision, 0);

    const QList<AuditEntry> raisedEntries = entriesOfType(store, QStringLiteral("alarm_raised"));
    ASSERT_EQ(raisedEntries.size(), 1);
    EXPECT_EQ(raisedEntries.first().channelId, QStringLiteral("ch_1"));
    EXPECT_EQ(raisedEntries.first().tenant, QStringLiteral("NOC tenant"));
    EXPECT_EQ(raisedEntries.first().details().value(QStringLiteral("alarm_id")).toString(), QStringLiteral("A1"));

    const MonitorSnapshotPtr up = snapshotOf({channelRow(QStringLiteral("ch_1"), HealthState::Up)});
    const AlarmChanges cleared = console.book.observeSnapshot(*up, console.ids);
    ASSERT_EQ(cleared.cleared.size(), 1);
    ASSERT_TRUE(console.alarms.persist(cleared, nullptr, &error)) << error.toStdString();
    EXPECT_EQ(entriesOfType(store, QStringLiteral("alarm_cleared")).size(), 1);
    stored.clear();
    ASSERT_TRUE(console.alarms.load(kTenantKey, 10, &stored, &revision, &error));
    ASSERT_EQ(stored.size(), 1);
    EXPECT_FALSE(stored.first().isOpen());
    EXPECT_TRUE(store.verify().intact()) << "the alarms' entries are links of the one chain";
}

TEST_F(AlarmStoreFile, AnAcknowledgementAndAShelfRecordWhoAndWhyAndAreReadBackAfterReopening)
{
    {
        test::ConsoleAlarms console(&store, kTenantKey, QStringLiteral("NOC tenant"), rules(), &m_clock);
        raiseDown(console, QStringLiteral("ch_1"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const AlarmActionResult ack =
            console.alarms.acknowledge(1, QStringLiteral("ana@noc"), QStringLiteral("carrier ticket 4411"), now);
        ASSERT_EQ(ack.outcome, AlarmActionResult::Outcome::Done) << ack.message.toStdString();
        const AlarmActionResult shelf = console.alarms.shelve(1, QStringLiteral("bo@noc"), now.addSecs(1800),
                                                              QStringLiteral("carrier maintenance until 11:00"), now);
        ASSERT_EQ(shelf.outcome, AlarmActionResult::Outcome::Done) << shelf.message.toStdString();
        EXPECT_EQ(console.alarms.acknowledge(1, QStringLiteral("cy@noc"), QStringLiteral("again"), now).outcome,
                  AlarmActionResult::Outcome::Already);
        EXPECT_EQ(console.alarms.acknowledge(42, QStringLiteral("cy@noc"), QStringLiteral("x"), now).outcome,
                  AlarmActionResult::Outcome::NotFound);
    }
    store.close();

    AuditStore reopened;
    QString error;
    ASSERT_TRUE(reopened.open(path, &error)) << error.toStdString();
    AlarmStore alarms(&reopened);
    const std::optional<Alarm> alarm = alarms.find(1, &error);
    ASSERT_TRUE(alarm) << error.toStdString();
    EXPECT_EQ(alarm->acknowledgedBy, QStringLiteral("ana@noc"));
    EXPECT_EQ(alarm->ackComment, QStringLiteral("carrier ticket 4411"));
    EXPECT_EQ(alarm->shelvedBy, QStringLiteral("bo@noc"));
    EXPECT_EQ(alarm->stateAt(QDateTime::currentDateTimeUtc()), AlarmState::Shelved);

    const QList<AuditEntry> acks = entriesOfType(reopened, QStringLiteral("alarm_acknowledged"));
    ASSERT_EQ(acks.size(), 1) << "the repeated acknowledgement changed nothing and recorded nothing";
    EXPECT_EQ(acks.first().actor, QStringLiteral("ana@noc"));
    EXPECT_EQ(acks.first().source, EventSource::Manual);
    EXPECT_EQ(acks.first().channelId, QStringLiteral("ch_1"));
    EXPECT_EQ(acks.first().details().value(QStringLiteral("comment")).toString(), QStringLiteral("carrier ticket 4411"));
    const QList<AuditEntry> shelves = entriesOfType(reopened, QStringLiteral("alarm_shelved"));
    ASSERT_EQ(shelves.size(), 1);
    EXPECT_EQ(shelves.first().actor, QStringLiteral("bo@noc"));
    EXPECT_EQ(shelves.first().details().value(QStringLiteral("for_minutes")).toInt(), 30);
    EXPECT_EQ(shelves.first().details().value(QStringLiteral("reason")).toString(),
              QStringLiteral("carrier maintenance until 11:00"));
    EXPECT_TRUE(reopened.verify().intact());
}

TEST_F(AlarmStoreFile, AClearedAlarmCannotBeAcknowledged)
{
    test::ConsoleAlarms console(&store, kTenantKey, QStringLiteral("NOC tenant"), rules(), &m_clock);
    raiseDown(console, QStringLiteral("ch_1"));
    QString error;
    const MonitorSnapshotPtr up = snapshotOf({channelRow(QStringLiteral("ch_1"), HealthState::Up)});
    ASSERT_TRUE(console.alarms.persist(console.book.observeSnapshot(*up, console.ids), nullptr, &error));
    const AlarmActionResult late = console.alarms.acknowledge(1, QStringLiteral("ana@noc"), QStringLiteral("on it"),
                                                              QDateTime::currentDateTimeUtc());
    EXPECT_EQ(late.outcome, AlarmActionResult::Outcome::NotOpen);
    EXPECT_TRUE(late.message.contains(QStringLiteral("cleared"))) << late.message.toStdString();
    EXPECT_TRUE(entriesOfType(store, QStringLiteral("alarm_acknowledged")).isEmpty());
}

TEST_F(AlarmStoreFile, TwoMonitorsOfOneTenantShareOneAlarm)
{
    AuditStore second;
    QString error;
    ASSERT_TRUE(second.open(path, &error)) << error.toStdString();
    test::ConsoleAlarms consoleA(&store, kTenantKey, QStringLiteral("NOC tenant"), rules(), &m_clock);
    test::ConsoleAlarms consoleB(&second, kTenantKey, QStringLiteral("NOC tenant"), rules(), &m_clock);
    const Alarm a = raiseDown(consoleA, QStringLiteral("ch_1"));

    const MonitorSnapshotPtr down = snapshotOf({channelRow(QStringLiteral("ch_1"), HealthState::Down)});
    AlarmChanges changesB;
    for (int i = 0; i < 2; ++i)
        changesB = consoleB.book.observeSnapshot(*down, consoleB.ids);
    ASSERT_EQ(changesB.raised.size(), 1);
    EXPECT_NE(changesB.raised.first().number, a.number) << "B numbered its own before it wrote";
    QList<Alarm> adopted;
    ASSERT_TRUE(consoleB.alarms.persist(changesB, &adopted, &error)) << error.toStdString();
    ASSERT_EQ(adopted.size(), 1);
    EXPECT_EQ(adopted.first().number, a.number);
    consoleB.book.adopt(adopted.first());
    ASSERT_EQ(consoleB.book.openAlarms().size(), 1);
    EXPECT_EQ(consoleB.book.openAlarms().first().number, a.number);
    EXPECT_EQ(entriesOfType(store, QStringLiteral("alarm_raised")).size(), 1) << "one raise in the trail";
}

TEST_F(AlarmStoreFile, AVersionTwoStoreGetsTheAlarmsTablesAndKeepsItsChain)
{
    test::appendEntries(path, 3);
    store.close();
    test::downgradeStore(path, 2, {QStringLiteral("alarms"), QStringLiteral("alarm_counter")});
    QString error;
    ASSERT_TRUE(store.open(path, &error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
    AlarmStore alarms(&store);
    EXPECT_EQ(alarms.reserveNumbers(4, &error), 1) << error.toStdString();
    EXPECT_EQ(alarms.reserveNumbers(4, &error), 5);
}

TEST_F(AlarmStoreFile, TheKeeperReadsItsStateBackAfterARestartAndHearsOtherProcesses)
{
    store.close();
    const AlarmKeeperOptions options = keeperOptions(100);
    const auto latest = [](const QSignalSpy &spy) { return spy.constLast().at(0).value<AlarmSetPtr>(); };
    const ChannelHealth down = channelRow(QStringLiteral("ch_1"), HealthState::Down);
    {
        AlarmKeeper keeper(options);
        QSignalSpy changed(&keeper, &AlarmKeeper::alarmsChanged);
        QSignalSpy finished(&keeper, &AlarmKeeper::actionFinished);
        keeper.start();
        keeper.observeSnapshot(snapshotOf({down}));
        keeper.observeSnapshot(snapshotOf({down}));
        ASSERT_TRUE(QTest::qWaitFor([&] { return !changed.isEmpty() && !latest(changed)->alarms.isEmpty(); }, 10000));
        const Alarm raised = latest(changed)->alarms.first();
        EXPECT_EQ(raised.stateAt(QDateTime::currentDateTimeUtc()), AlarmState::New);
        const quint64 request = keeper.acknowledge(raised.number, QStringLiteral("carrier ticket 4411"));
        ASSERT_TRUE(finished.wait(10000));
        EXPECT_EQ(finished.first().at(0).toULongLong(), request);
        const AlarmActionResult result = finished.first().at(1).value<AlarmActionResult>();
        EXPECT_EQ(result.outcome, AlarmActionResult::Outcome::Done) << result.message.toStdString();
        EXPECT_EQ(latest(changed)->unacknowledgedAt(QDateTime::currentDateTimeUtc()), 0);
    }

    // A restart: a new keeper on the same file, a monitor that has judged nothing yet.
    AlarmKeeper keeper(options);
    QSignalSpy changed(&keeper, &AlarmKeeper::alarmsChanged);
    keeper.start();
    ASSERT_TRUE(changed.wait(10000));
    ASSERT_EQ(latest(changed)->alarms.size(), 1);
    const Alarm back = latest(changed)->alarms.first();
    EXPECT_EQ(back.id(), QStringLiteral("A1"));
    EXPECT_EQ(back.stateAt(QDateTime::currentDateTimeUtc()), AlarmState::Acknowledged);
    EXPECT_EQ(back.ackComment, QStringLiteral("carrier ticket 4411"));
    ChannelHealth unjudged = down;
    unjudged.health = HealthState::Unknown;
    keeper.observeSnapshot(snapshotOf({unjudged}));
    keeper.observeSnapshot(snapshotOf({down}));

    // Another process (cxonectl alarms shelve) on its own connection.
    {
        AuditStore other;
        QString error;
        ASSERT_TRUE(other.open(path, &error)) << error.toStdString();
        AlarmStore alarms(&other);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        ASSERT_EQ(alarms.shelve(1, QStringLiteral("bo@noc"), now.addSecs(3600), QStringLiteral("maintenance"), now).outcome,
                  AlarmActionResult::Outcome::Done);
    }
    ASSERT_TRUE(QTest::qWaitFor([&] {
        return !latest(changed)->alarms.isEmpty()
            && latest(changed)->alarms.first().stateAt(QDateTime::currentDateTimeUtc()) == AlarmState::Shelved;
    }, 10000)) << "the keeper reads what another process wrote";
    EXPECT_EQ(latest(changed)->alarms.size(), 1) << "still the one alarm, the same id";
    EXPECT_EQ(latest(changed)->alarms.first().number, 1);
}

// A console deferring to a monitor service (or a standby) follows the alarms
// without judging: its own monitor's silence is not "the monitor is stale".
// Judging again counts the silence from then, not from when it started.
TEST_F(AlarmStoreFile, AKeeperThatDoesNotJudgeRaisesNoStaleAlarmAndJudgingAgainCountsFromThen)
{
    store.close();
    AlarmKeeperOptions options = keeperOptions(50);
    options.rules.staleAfterMs = 600;
    const auto latest = [](const QSignalSpy &spy) { return spy.constLast().at(0).value<AlarmSetPtr>(); };

    AlarmKeeper keeper(options);
    QSignalSpy changed(&keeper, &AlarmKeeper::alarmsChanged);
    keeper.setJudging(false);
    keeper.start();
    ASSERT_TRUE(changed.wait(10000));
    QTest::qWait(1200);   // twice the silence that would raise "stale"
    EXPECT_TRUE(latest(changed)->alarms.isEmpty()) << "a keeper that does not judge raised an alarm";

    QElapsedTimer sinceJudging;
    sinceJudging.start();
    keeper.setJudging(true);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !latest(changed)->alarms.isEmpty(); }, 10000));
    EXPECT_GE(sinceJudging.elapsed(), 550) << "the silence before judging was counted";
    EXPECT_EQ(latest(changed)->alarms.first().kind, AlarmKind::MonitorStale);
}
