// The alarms' logic without a database or a screen (issue 15): what raises an
// alarm and what clears it, the ids, acknowledge and shelve with their rules,
// and the restart case (a monitor that has not judged anything yet changes
// nothing). Time is a fake clock; ids come from a counter.

#include "alarms/alarm_actions.h"
#include "alarms/alarm_book.h"
#include "alarms/alarm_filter.h"

#include "common/manual_clock.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {

ChannelHealth channel(const QString &id, HealthState health, ChannelStatus status = ChannelStatus::Healthy)
{
    ChannelHealth row;
    row.id = id;
    row.name = QStringLiteral("trunk-") + id;
    row.health = health;
    row.tenantStatus = status;
    row.latencyMs = 40.0;
    row.jitterMs = 5.0;
    row.packetLossPct = 0.1;
    row.score = 100.0;
    row.mos = 4.3;
    row.telemetryAt = QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
    return row;
}

ChannelHealth withoutData(ChannelHealth row)
{
    row.latencyMs.reset();
    row.jitterMs.reset();
    row.packetLossPct.reset();
    row.score.reset();
    row.mos.reset();
    row.telemetryAt = QDateTime();
    return row;
}

class AlarmBookTest : public ::testing::Test
{
protected:
    AlarmBookTest()
        : m_book(QStringLiteral("http://tenant|demo"), QStringLiteral("NOC tenant"), AlarmRuleSettings(), &m_clock)
    {
    }

    // One monitor cycle 10 s after the last.
    AlarmChanges cycle(const QList<ChannelHealth> &rows, bool tenantRead = true)
    {
        m_clock.advanceSeconds(10);
        MonitorSnapshot snapshot;
        snapshot.cycle = ++m_cycle;
        snapshot.takenAt = m_clock.nowUtc();
        snapshot.channels = rows;
        snapshot.tenantRead = tenantRead;
        if (!tenantRead) {
            snapshot.problem = QStringLiteral("no answer from the tenant in 15 s");
            snapshot.problemKind = QStringLiteral("timeout");
        }
        return m_book.observeSnapshot(snapshot, m_ids);
    }

    AlarmChanges cycle(const MonitorSnapshot &base)
    {
        m_clock.advanceSeconds(10);
        MonitorSnapshot snapshot = base;
        snapshot.takenAt = m_clock.nowUtc();
        return m_book.observeSnapshot(snapshot, m_ids);
    }

    const Alarm *open(AlarmKind kind, const QString &channelId = {}) const
    {
        for (const Alarm &alarm : m_book.openAlarms()) {
            if (alarm.kind == kind && alarm.channelId == channelId)
                return m_book.find(alarm.number);
        }
        return nullptr;
    }

    cc::ManualClock m_clock{QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC)};
    CountingAlarmIds m_ids;
    AlarmBook m_book;
    quint64 m_cycle = 0;
};

} // namespace

TEST_F(AlarmBookTest, ADownChannelWithNoBackupIsAnAlarmOneCycleAfterTheMonitorsVerdict)
{
    const ChannelHealth down = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    EXPECT_TRUE(cycle({down}).raised.isEmpty()) << "the failover the monitor decides in the same cycle comes first";
    const AlarmChanges changes = cycle({down});
    ASSERT_EQ(changes.raised.size(), 1);
    const Alarm &alarm = changes.raised.first();
    EXPECT_EQ(alarm.id(), QStringLiteral("A1"));
    EXPECT_EQ(alarm.kind, AlarmKind::Down);
    EXPECT_EQ(alarm.severity(), AlarmSeverity::Critical);
    EXPECT_EQ(alarm.channelName, QStringLiteral("trunk-1"));
    EXPECT_EQ(alarm.tenant, QStringLiteral("NOC tenant"));
    EXPECT_TRUE(alarm.summary.contains(QStringLiteral("no failover channel is configured"))) << alarm.summary.toStdString();
    EXPECT_EQ(alarm.firstSeen, m_clock.nowUtc().addSecs(-10)) << "first seen when it began to stand";
    EXPECT_EQ(alarm.stateAt(m_clock.nowUtc()), AlarmState::New);
    EXPECT_EQ(m_book.unacknowledged(), 1);
    EXPECT_TRUE(cycle({down}).isEmpty()) << "standing on: no second alarm";
    EXPECT_EQ(m_book.openAlarms().size(), 1);
    EXPECT_EQ(m_book.openAlarms().first().lastSeen, m_clock.nowUtc());
}

TEST_F(AlarmBookTest, ADownChannelNamesItsUnhealthyBackups)
{
    ChannelHealth primary = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    primary.failoverChannels = {QStringLiteral("2")};
    const ChannelHealth backup = channel(QStringLiteral("2"), HealthState::Down, ChannelStatus::Unhealthy);
    cycle({primary, backup});
    cycle({primary, backup});
    const Alarm *alarm = open(AlarmKind::Down, QStringLiteral("1"));
    ASSERT_NE(alarm, nullptr);
    EXPECT_TRUE(alarm->summary.contains(QStringLiteral("no failover channel is healthy (trunk-2 down)")))
        << alarm->summary.toStdString();
}

TEST_F(AlarmBookTest, AFailoverOnItsWayIsNotADownWithNoBackup)
{
    // At start the backups are not judged yet: the failover comes a cycle after the verdict.
    ChannelHealth primary = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    primary.failoverChannels = {QStringLiteral("2")};
    ChannelHealth backup = channel(QStringLiteral("2"), HealthState::Unknown);
    EXPECT_TRUE(cycle({primary, backup}).isEmpty());
    backup.health = HealthState::Up;
    primary.actionInFlight = true;
    EXPECT_TRUE(cycle({primary, backup}).isEmpty()) << "the PATCH is on its way";
    primary.actionInFlight = false;
    primary.routedVia = QStringLiteral("2");
    const AlarmChanges changes = cycle({primary, backup});
    ASSERT_EQ(changes.raised.size(), 1);
    EXPECT_EQ(changes.raised.first().kind, AlarmKind::FailedOver);
    EXPECT_TRUE(changes.cleared.isEmpty()) << "no Down alarm came and went";
}

TEST_F(AlarmBookTest, AFailoverInForceIsAFailedOverAlarmNotADown)
{
    ChannelHealth primary = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    primary.failoverChannels = {QStringLiteral("2")};
    const ChannelHealth backup = channel(QStringLiteral("2"), HealthState::Up);
    EXPECT_TRUE(cycle({primary, backup}).isEmpty());
    primary.routedVia = QStringLiteral("2");   // the monitor failed it over
    const AlarmChanges changes = cycle({primary, backup});
    ASSERT_EQ(changes.raised.size(), 1);
    EXPECT_EQ(changes.raised.first().kind, AlarmKind::FailedOver);
    EXPECT_EQ(changes.raised.first().summary, QStringLiteral("routed via trunk-2"));
    EXPECT_EQ(open(AlarmKind::Down, QStringLiteral("1")), nullptr);

    // The backup fails too: the calls meet a dead trunk again.
    ChannelHealth deadBackup = backup;
    deadBackup.health = HealthState::Down;
    const AlarmChanges worse = cycle({primary, deadBackup});
    ASSERT_EQ(worse.cleared.size(), 1);
    EXPECT_EQ(worse.cleared.first().kind, AlarmKind::FailedOver);
    cycle({primary, deadBackup});
    const Alarm *down = open(AlarmKind::Down, QStringLiteral("1"));
    ASSERT_NE(down, nullptr);
    EXPECT_EQ(down->summary, QStringLiteral("routed via trunk-2, which is down too"));
}

TEST_F(AlarmBookTest, AClearedAlarmLeavesTheOpenListAndTheSameProblemLaterIsANewAlarm)
{
    ChannelHealth row = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    cycle({row});
    const qint64 first = cycle({row}).raised.value(0).number;
    ASSERT_EQ(first, 1);
    row.health = HealthState::Up;
    row.tenantStatus = ChannelStatus::Healthy;
    const AlarmChanges cleared = cycle({row});
    ASSERT_EQ(cleared.cleared.size(), 1);
    EXPECT_EQ(cleared.cleared.first().number, first);
    EXPECT_EQ(cleared.cleared.first().stateAt(m_clock.nowUtc()), AlarmState::Cleared);
    EXPECT_TRUE(m_book.openAlarms().isEmpty());
    ASSERT_EQ(m_book.recentlyCleared().size(), 1);
    EXPECT_EQ(m_book.recentlyCleared().first().durationMsAt(m_clock.nowUtc()), 20000);
    EXPECT_EQ(m_book.toSet()->alarms.size(), 1) << "the set shows the recently cleared too";

    row.health = HealthState::Down;
    cycle({row});
    const AlarmChanges again = cycle({row});
    ASSERT_EQ(again.raised.size(), 1);
    EXPECT_EQ(again.raised.first().id(), QStringLiteral("A2")) << "a new alarm, not the old one reopened";
}

TEST_F(AlarmBookTest, TheRecentlyClearedListIsBounded)
{
    ChannelHealth row = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    for (int i = 0; i < AlarmBook::kRecentCleared + 20; ++i) {
        row.health = HealthState::Down;
        cycle({row});
        cycle({row});
        row.health = HealthState::Up;
        cycle({row});
    }
    EXPECT_EQ(m_book.recentlyCleared().size(), AlarmBook::kRecentCleared);
    EXPECT_EQ(m_book.recentlyCleared().first().number, AlarmBook::kRecentCleared + 20) << "newest first";
}

TEST_F(AlarmBookTest, AcknowledgeNeedsACommentAndKeepsTheAlarmListedButQuiet)
{
    const ChannelHealth down = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    cycle({down});
    cycle({down});
    EXPECT_EQ(m_book.acknowledge(1, QStringLiteral("ana@noc"), QStringLiteral("  ")).outcome,
              AlarmActionResult::Outcome::Invalid);
    const AlarmActionResult unknown = m_book.acknowledge(99, QStringLiteral("ana@noc"), QStringLiteral("on it"));
    EXPECT_EQ(unknown.outcome, AlarmActionResult::Outcome::NotFound);
    EXPECT_TRUE(unknown.message.contains(QStringLiteral("no alarm A99"))) << unknown.message.toStdString();

    const AlarmActionResult done = m_book.acknowledge(1, QStringLiteral("ana@noc"), QStringLiteral("carrier ticket 4411"));
    ASSERT_EQ(done.outcome, AlarmActionResult::Outcome::Done) << done.message.toStdString();
    EXPECT_EQ(done.alarm.acknowledgedBy, QStringLiteral("ana@noc"));
    EXPECT_EQ(done.alarm.ackComment, QStringLiteral("carrier ticket 4411"));
    EXPECT_EQ(m_book.openAlarms().size(), 1) << "still listed";
    EXPECT_EQ(m_book.openAlarms().first().stateAt(m_clock.nowUtc()), AlarmState::Acknowledged);
    EXPECT_EQ(m_book.unacknowledged(), 0);
    EXPECT_EQ(m_book.acknowledge(1, QStringLiteral("bo@noc"), QStringLiteral("me too")).outcome,
              AlarmActionResult::Outcome::Already);
    EXPECT_EQ(m_book.find(1)->acknowledgedBy, QStringLiteral("ana@noc"));
}

TEST_F(AlarmBookTest, AShelvedAlarmIsHiddenUntilItsTimeThenComesBackIfItStillStands)
{
    const ChannelHealth down = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    cycle({down});
    cycle({down});
    const QDateTime until = m_clock.nowUtc().addSecs(30 * 60);
    const AlarmActionResult shelved = m_book.shelve(1, QStringLiteral("ana@noc"), until, QStringLiteral("carrier maintenance"));
    ASSERT_EQ(shelved.outcome, AlarmActionResult::Outcome::Done) << shelved.message.toStdString();
    EXPECT_EQ(m_book.find(1)->stateAt(m_clock.nowUtc()), AlarmState::Shelved);
    EXPECT_EQ(m_book.unacknowledged(), 0);
    m_clock.advanceSeconds(29 * 60);
    EXPECT_EQ(m_book.find(1)->stateAt(m_clock.nowUtc()), AlarmState::Shelved);
    m_clock.advanceSeconds(60);
    cycle({down});
    EXPECT_EQ(m_book.find(1)->stateAt(m_clock.nowUtc()), AlarmState::New) << "back, and asking for a person again";
    EXPECT_EQ(m_book.unacknowledged(), 1);
    EXPECT_EQ(m_book.unshelve(1, QStringLiteral("ana@noc")).outcome, AlarmActionResult::Outcome::Already);
}

TEST_F(AlarmBookTest, ShelvingNeedsATimeFromAMinuteToADayAheadAndAReasonOfAReadableLength)
{
    const ChannelHealth down = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    cycle({down});
    cycle({down});
    const QString who = QStringLiteral("ana@noc");
    EXPECT_EQ(m_book.shelve(1, who, m_clock.nowUtc().addSecs(600), QString(kAlarmCommentMaxLength + 1, u'x')).outcome,
              AlarmActionResult::Outcome::Invalid);
    EXPECT_EQ(m_book.acknowledge(1, who, QString(kAlarmCommentMaxLength + 1, u'x')).outcome,
              AlarmActionResult::Outcome::Invalid);
    EXPECT_EQ(m_book.shelve(1, who, m_clock.nowUtc().addSecs(-60), QStringLiteral("x")).outcome,
              AlarmActionResult::Outcome::Invalid);
    EXPECT_EQ(m_book.shelve(1, who, m_clock.nowUtc().addSecs(25 * 3600), QStringLiteral("x")).outcome,
              AlarmActionResult::Outcome::Invalid);
    ASSERT_EQ(m_book.shelve(1, who, m_clock.nowUtc().addSecs(3600), QString()).outcome, AlarmActionResult::Outcome::Done)
        << "the time says much of why: a reason is not required";
    const AlarmActionResult back = m_book.unshelve(1, who);
    EXPECT_EQ(back.outcome, AlarmActionResult::Outcome::Done);
    EXPECT_EQ(m_book.find(1)->stateAt(m_clock.nowUtc()), AlarmState::New);
}

TEST_F(AlarmBookTest, ACycleWithoutVerdictsNeitherClearsNorRaises)
{
    // What a restart meets: the acknowledged alarm from the store, and a
    // monitor that needs three readings before it says anything.
    Alarm stored;
    stored.number = 7;
    stored.tenantKey = m_book.tenantKey();
    stored.tenant = m_book.tenant();
    stored.kind = AlarmKind::Down;
    stored.channelId = QStringLiteral("1");
    stored.channelName = QStringLiteral("trunk-1");
    stored.firstSeen = m_clock.nowUtc().addSecs(-3600);
    stored.lastSeen = m_clock.nowUtc().addSecs(-60);
    stored.acknowledgedAt = m_clock.nowUtc().addSecs(-1800);
    stored.acknowledgedBy = QStringLiteral("ana@noc");
    stored.ackComment = QStringLiteral("carrier ticket 4411");
    m_book.adopt(stored);

    const ChannelHealth unjudged = channel(QStringLiteral("1"), HealthState::Unknown, ChannelStatus::Unhealthy);
    EXPECT_TRUE(cycle({unjudged}).isEmpty());
    EXPECT_TRUE(cycle({unjudged}, false).isEmpty()) << "a cycle that could not read the tenant knows nothing new";
    const ChannelHealth down = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    EXPECT_TRUE(cycle({down}).isEmpty()) << "the same problem: the same alarm";
    ASSERT_NE(m_book.find(7), nullptr);
    EXPECT_EQ(m_book.find(7)->stateAt(m_clock.nowUtc()), AlarmState::Acknowledged);
    EXPECT_EQ(m_book.find(7)->firstSeen, stored.firstSeen);
}

TEST_F(AlarmBookTest, ChannelsNeverCheckedAtConnectAreOneTenantWideAlarmAfterTheGraceNotOneEach)
{
    QList<ChannelHealth> rows;
    for (int i = 0; i < 988; ++i)
        rows.append(withoutData(channel(QString::number(i), HealthState::Unknown)));
    for (int i = 0; i < 59; ++i)   // just under ten minutes of cycles
        EXPECT_TRUE(cycle(rows).raised.isEmpty()) << "cycle " << i;
    const AlarmChanges changes = cycle(rows);
    ASSERT_EQ(changes.raised.size(), 1);
    const Alarm &alarm = changes.raised.first();
    EXPECT_EQ(alarm.kind, AlarmKind::NoData);
    EXPECT_TRUE(alarm.channelId.isEmpty());
    EXPECT_TRUE(alarm.summary.startsWith(QStringLiteral("988 channels have sent no telemetry since the monitor started")))
        << alarm.summary.toStdString();
    EXPECT_TRUE(alarm.summary.contains(QStringLiteral("and 985 more"))) << alarm.summary.toStdString();

    rows = {channel(QStringLiteral("0"), HealthState::Up)};
    EXPECT_EQ(cycle(rows).cleared.size(), 1) << "data arrived (or the channels went): it clears";
}

TEST_F(AlarmBookTest, AChannelThatLosesItsDataIsAnAlarmAfterThreeCyclesOrAMinute)
{
    const ChannelHealth live = channel(QStringLiteral("1"), HealthState::Up);
    cycle({live});
    const ChannelHealth silent = withoutData(live);
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(cycle({silent}).raised.isEmpty()) << "within the grace: " << i;
    const AlarmChanges changes = cycle({silent});
    ASSERT_EQ(changes.raised.size(), 1);
    EXPECT_EQ(changes.raised.first().kind, AlarmKind::NoData);
    EXPECT_EQ(changes.raised.first().channelId, QStringLiteral("1"));
    EXPECT_TRUE(changes.raised.first().summary.startsWith(QStringLiteral("no telemetry for 1 min")))
        << changes.raised.first().summary.toStdString();
    EXPECT_EQ(cycle({live}).cleared.size(), 1);
}

TEST_F(AlarmBookTest, AFailedTelemetryQueryIsNotNoDataOnEveryChannel)
{
    const ChannelHealth live = channel(QStringLiteral("1"), HealthState::Up);
    cycle({live});
    MonitorSnapshot snapshot;
    snapshot.channels = {withoutData(live)};
    snapshot.problem = QStringLiteral("telemetry: 503 Service Unavailable");
    snapshot.problemKind = QStringLiteral("server");
    for (int i = 0; i < 12; ++i)
        EXPECT_TRUE(cycle(snapshot).raised.isEmpty());
}

TEST_F(AlarmBookTest, DegradedQualityIsJudgedByTheMonitorsThresholdsWithItsHysteresis)
{
    ChannelHealth row = channel(QStringLiteral("1"), HealthState::Up);
    const AlarmRuleSettings rules;
    row.score = rules.quality.minScore - 20.0;   // the tutorial's score under its 80
    EXPECT_TRUE(cycle({row}).isEmpty());
    EXPECT_TRUE(cycle({row}).isEmpty());
    const AlarmChanges changes = cycle({row});
    ASSERT_EQ(changes.raised.size(), 1) << "after N = 3 readings";
    EXPECT_EQ(changes.raised.first().kind, AlarmKind::Degraded);
    EXPECT_EQ(changes.raised.first().severity(), AlarmSeverity::Minor);
    EXPECT_TRUE(changes.raised.first().summary.contains(QStringLiteral("quality score 60 under 80")))
        << changes.raised.first().summary.toStdString();
    row.score = 100.0;
    row.mos = rules.quality.minMos - 0.4;
    EXPECT_TRUE(cycle({row}).isEmpty()) << "the MOS under 3.6 keeps it standing";
    EXPECT_TRUE(m_book.openAlarms().first().summary.contains(QStringLiteral("MOS 3.20 under 3.6")))
        << m_book.openAlarms().first().summary.toStdString();
    row.mos = 4.3;
    EXPECT_TRUE(cycle({row}).isEmpty());
    EXPECT_TRUE(cycle({row}).isEmpty());
    EXPECT_EQ(cycle({row}).cleared.size(), 1) << "after M = 3 good readings";
}

TEST_F(AlarmBookTest, TheTenantsDegradedStatusIsDegradedQualityToo)
{
    const ChannelHealth row = channel(QStringLiteral("1"), HealthState::Up, ChannelStatus::Degraded);
    cycle({row});
    cycle({row});
    const AlarmChanges changes = cycle({row});
    ASSERT_EQ(changes.raised.size(), 1);
    EXPECT_EQ(changes.raised.first().summary, QStringLiteral("the tenant says degraded"));
}

TEST_F(AlarmBookTest, ARateLimitedCycleIsTheBudgetSpentUntilTwoCyclesHaveBudgetLeft)
{
    MonitorSnapshot snapshot;
    snapshot.channels = {channel(QStringLiteral("1"), HealthState::Up)};
    snapshot.problem = QStringLiteral("still rate limited after 4 retries");
    snapshot.problemKind = QStringLiteral("rate_limited");
    const AlarmChanges changes = cycle(snapshot);
    ASSERT_EQ(changes.raised.size(), 1);
    EXPECT_EQ(changes.raised.first().kind, AlarmKind::BudgetSpent);
    EXPECT_TRUE(changes.raised.first().channelId.isEmpty());
    snapshot.problem.clear();
    snapshot.problemKind.clear();
    snapshot.budgetLimit = 100;
    snapshot.budgetRemaining = 0;
    EXPECT_TRUE(cycle(snapshot).isEmpty()) << "nothing left this minute: still spent";
    snapshot.budgetRemaining = 40;
    EXPECT_TRUE(cycle(snapshot).isEmpty());
    EXPECT_EQ(cycle(snapshot).cleared.size(), 1);
}

TEST_F(AlarmBookTest, TheMonitorIsStaleWithoutCyclesOrWhenItCannotReadTheTenant)
{
    const ChannelHealth row = channel(QStringLiteral("1"), HealthState::Up);
    cycle({row});
    m_clock.advanceSeconds(29);
    EXPECT_TRUE(m_book.checkStale(m_ids).isEmpty());
    m_clock.advanceSeconds(2);
    const AlarmChanges stale = m_book.checkStale(m_ids);
    ASSERT_EQ(stale.raised.size(), 1);
    EXPECT_EQ(stale.raised.first().kind, AlarmKind::MonitorStale);
    EXPECT_EQ(stale.raised.first().severity(), AlarmSeverity::Critical);
    EXPECT_TRUE(stale.raised.first().summary.startsWith(QStringLiteral("no monitor cycle for 31 s")))
        << stale.raised.first().summary.toStdString();
    EXPECT_EQ(cycle({row}).cleared.size(), 1) << "a cycle that read the tenant ends it";

    cycle({row}, false);
    cycle({row}, false);
    const AlarmChanges unread = cycle({row}, false);
    ASSERT_EQ(unread.raised.size(), 1);
    EXPECT_TRUE(unread.raised.first().summary.startsWith(QStringLiteral("the tenant could not be read for 3 cycles")))
        << unread.raised.first().summary.toStdString();
}

TEST_F(AlarmBookTest, TheTenantAndTheProbeDisagreeingIsAnAlarm)
{
    ChannelHealth row = channel(QStringLiteral("1"), HealthState::Up);
    row.probed = true;
    row.probe = ProbeHealth::Down;
    row.probeSummary = QStringLiteral("no answer in 2 s");
    row.probeDisagreement = true;
    const AlarmChanges changes = cycle({row});
    ASSERT_EQ(changes.raised.size(), 1);
    EXPECT_EQ(changes.raised.first().kind, AlarmKind::ProbeDisagreement);
    EXPECT_EQ(changes.raised.first().summary, QStringLiteral("the tenant says up, the SIP probe says down (no answer in 2 s)"));
    row.probeDisagreement = false;
    EXPECT_EQ(cycle({row}).cleared.size(), 1);
}

TEST_F(AlarmBookTest, ADeletedChannelsAlarmsEndAndADisabledOnesToo)
{
    const ChannelHealth down = channel(QStringLiteral("1"), HealthState::Down, ChannelStatus::Unhealthy);
    const ChannelHealth other = channel(QStringLiteral("2"), HealthState::Down, ChannelStatus::Unhealthy);
    cycle({down, other});
    ASSERT_EQ(cycle({down, other}).raised.size(), 2);
    const ChannelHealth disabled = channel(QStringLiteral("2"), HealthState::Down, ChannelStatus::Disabled);
    const AlarmChanges changes = cycle({disabled});
    EXPECT_EQ(changes.cleared.size(), 2);
    EXPECT_TRUE(m_book.openAlarms().isEmpty());
}

TEST_F(AlarmBookTest, AnotherTenantsAlarmIsNotAdopted)
{
    Alarm foreign;
    foreign.number = 3;
    foreign.tenantKey = QStringLiteral("http://other|x");
    foreign.kind = AlarmKind::Down;
    foreign.channelId = QStringLiteral("1");
    m_book.adopt(foreign);
    EXPECT_TRUE(m_book.openAlarms().isEmpty());
}

TEST(AlarmIds, ArePrintedWithAnAAndReadWithOrWithoutIt)
{
    EXPECT_EQ(alarmIdText(17), QStringLiteral("A17"));
    EXPECT_EQ(parseAlarmId(QStringLiteral("A17")), 17);
    EXPECT_EQ(parseAlarmId(QStringLiteral("a17")), 17);
    EXPECT_EQ(parseAlarmId(QStringLiteral(" 17 ")), 17);
    EXPECT_FALSE(parseAlarmId(QStringLiteral("A")));
    EXPECT_FALSE(parseAlarmId(QStringLiteral("A-17")));
    EXPECT_FALSE(parseAlarmId(QStringLiteral("A0")));
    EXPECT_FALSE(parseAlarmId(QStringLiteral("B17")));
}

TEST(ShelveDuration, ReadsMinutesAndHoursAndRefusesTheRest)
{
    QString error;
    EXPECT_EQ(parseShelveDuration(QStringLiteral("30m"), &error), 30 * 60 * 1000);
    EXPECT_EQ(parseShelveDuration(QStringLiteral("1h"), &error), 3600 * 1000);
    EXPECT_EQ(parseShelveDuration(QStringLiteral("1h30m"), &error), 90 * 60 * 1000);
    EXPECT_EQ(parseShelveDuration(QStringLiteral("15"), &error), 15 * 60 * 1000);
    EXPECT_EQ(parseShelveDuration(QStringLiteral("90s"), &error), 90 * 1000);
    EXPECT_EQ(parseShelveDuration(QStringLiteral("soon"), &error), -1);
    EXPECT_TRUE(error.contains(QStringLiteral("not a duration"))) << error.toStdString();
    EXPECT_EQ(parseShelveDuration(QStringLiteral("25h"), &error), -1);
    EXPECT_TRUE(error.contains(QStringLiteral("at most 24h"))) << error.toStdString();
    EXPECT_EQ(parseShelveDuration(QStringLiteral("30s"), &error), -1);
    EXPECT_EQ(durationText(90 * 60 * 1000), QStringLiteral("1 h 30 min"));
}

TEST(AlarmTexts, SayHowLongInOneWayForAlarmsAndShelves)
{
    EXPECT_EQ(durationText(-5000), QStringLiteral("0 s"));
    EXPECT_EQ(durationText(59 * 1000), QStringLiteral("59 s"));
    EXPECT_EQ(durationText(90 * 1000), QStringLiteral("1 min"));
    EXPECT_EQ(durationText(59 * 60 * 1000 + 59 * 1000), QStringLiteral("59 min"));
    EXPECT_EQ(durationText(2 * 3600 * 1000), QStringLiteral("2 h"));
    EXPECT_EQ(durationText(2 * 3600 * 1000 + 5 * 60 * 1000), QStringLiteral("2 h 5 min"));
}

TEST(ShiftChange, IsTheNextOfTheDaysShiftTimes)
{
    const QList<QTime> changes = parseShiftChanges(QStringLiteral("19:00, 07:00"));
    ASSERT_EQ(changes.size(), 2);
    const QDateTime morning(QDate(2026, 11, 25), QTime(9, 30), Qt::LocalTime);
    EXPECT_EQ(nextShiftChange(morning, changes), QDateTime(QDate(2026, 11, 25), QTime(19, 0), Qt::LocalTime));
    const QDateTime night(QDate(2026, 11, 25), QTime(23, 0), Qt::LocalTime);
    EXPECT_EQ(nextShiftChange(night, changes), QDateTime(QDate(2026, 11, 26), QTime(7, 0), Qt::LocalTime));
    EXPECT_EQ(parseShiftChanges(QStringLiteral("nonsense")).size(), 2) << "the default shifts";
}

TEST(AlarmFilterTest, ShowsWhatAsksForAPersonAndFindsByIdOrName)
{
    const QDateTime now(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
    Alarm fresh;
    fresh.number = 17;
    fresh.kind = AlarmKind::Down;
    fresh.channelName = QStringLiteral("sip-east-7");
    Alarm acked = fresh;
    acked.number = 18;
    acked.acknowledgedAt = now;
    Alarm shelved = fresh;
    shelved.number = 19;
    shelved.shelvedUntil = now.addSecs(600);
    Alarm cleared = fresh;
    cleared.number = 20;
    cleared.clearedAt = now;

    AlarmFilter filter;
    EXPECT_TRUE(filter.matches(fresh, now));
    EXPECT_TRUE(filter.matches(acked, now));
    EXPECT_TRUE(filter.matches(shelved, now));
    EXPECT_FALSE(filter.matches(cleared, now));
    filter.includeCleared = true;
    EXPECT_TRUE(filter.matches(cleared, now));
    filter.unacknowledgedOnly = true;
    EXPECT_TRUE(filter.matches(fresh, now));
    EXPECT_FALSE(filter.matches(acked, now));
    EXPECT_FALSE(filter.matches(shelved, now));
    EXPECT_FALSE(filter.matches(cleared, now));

    AlarmFilter text;
    text.text = QStringLiteral("a17");
    EXPECT_TRUE(text.matches(fresh, now));
    EXPECT_FALSE(text.matches(acked, now)) << "an id finds that alarm only";
    text.text = QStringLiteral("EAST-7");
    EXPECT_TRUE(text.matches(acked, now));
    text.text = QStringLiteral("calls not carried");
    EXPECT_TRUE(text.matches(fresh, now));
    text.text = QStringLiteral("west");
    EXPECT_FALSE(text.matches(fresh, now));
}
