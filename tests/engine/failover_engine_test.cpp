// The failover policy with a fake clock: hysteresis before acting, target
// choice, alarms, pause, cooldown, failback policies, conflicts and failures.

#include "common/manual_clock.h"
#include "monitor/failover_engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace cc;

namespace {

class Tenant
{
public:
    explicit Tenant(FailoverSettings settings = {}) : engine(settings, &clock) {}

    void add(const QString &id, const QStringList &failover = {}, ChannelStatus status = ChannelStatus::Healthy)
    {
        Channel channel;
        channel.id = id;
        channel.name = id + QStringLiteral("-trunk");
        channel.status = status;
        channel.version = 1;
        channel.routing.failoverChannels = failover;
        channel.configuration.codecs = {{QStringLiteral("PCMU"), 1}};
        channels.append(channel);
    }
    Channel &ch(const QString &id)
    {
        for (Channel &channel : channels) {
            if (channel.id == id)
                return channel;
        }
        ADD_FAILURE() << "no channel " << id.toStdString();
        return channels.front();
    }
    void setStatus(const QString &id, ChannelStatus status) { ch(id).status = status; }
    // `id` reads Unhealthy from now on; what the next `n` cycles bring.
    EngineOutput goDown(const QString &id, int n)
    {
        setStatus(id, ChannelStatus::Unhealthy);
        return cycles(n);
    }
    // Three good cycles bring every channel Up, then `id` is down for three.
    EngineOutput settleThenGoDown(const QString &id)
    {
        cycles(3);
        return goDown(id, 3);
    }

    // One monitor cycle, 10 s after the previous one.
    EngineOutput cycle()
    {
        clock.advanceSeconds(10);
        QList<ChannelObservation> observations;
        for (const Channel &channel : channels)
            observations.append(ChannelObservation{channel, 40.0, 5.0, 0.2, clock.nowUtc()});
        EngineOutput out = engine.observeCycle(observations);
        all.append(out);
        return out;
    }
    EngineOutput cycles(int n)
    {
        EngineOutput out;
        for (int i = 0; i < n; ++i)
            out.append(cycle());
        return out;
    }
    // The tenant carries the action out; returns what the engine says about it.
    EngineOutput complete(const FailoverAction &action)
    {
        Channel &channel = ch(action.channelId);
        EXPECT_EQ(action.expectedVersion, channel.version);
        if (action.kind == FailoverActionKind::Failover) {
            channel.routing.primaryChannelId = action.targetId;
            channel.status = ChannelStatus::Active;
        } else {
            channel.routing.primaryChannelId.clear();
        }
        ++channel.version;
        EngineOutput out = engine.actionSucceeded(action, channel);
        all.append(out);
        return out;
    }

    ManualClock clock;
    FailoverEngine engine;
    QList<Channel> channels;
    EngineOutput all;
};

int countType(const EngineOutput &out, QLatin1String type)
{
    int n = 0;
    for (const MonitorEvent &e : out.events)
        n += e.type == type ? 1 : 0;
    return n;
}

const MonitorEvent *findType(const EngineOutput &out, QLatin1String type)
{
    for (const MonitorEvent &e : out.events) {
        if (e.type == type)
            return &e;
    }
    return nullptr;
}

// One field of each object in a list the event's details carry ("candidates").
QStringList eachOf(const MonitorEvent *e, QLatin1String list, QLatin1String field)
{
    QStringList values;
    if (!e)
        return values;
    const QJsonArray items = e->details.value(list).toArray();
    for (const QJsonValue &item : items)
        values.append(item.toObject().value(field).toString());
    return values;
}

QString reasonOf(const MonitorEvent *e)
{
    return e ? e->details.value(QLatin1String("reason")).toString() : QStringLiteral("<no event>");
}

// Nothing the engine may do: no action, and an alarm saying why.
void expectAlarmInsteadOfAction(const EngineOutput &out, const QString &reason)
{
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(reasonOf(findType(out, events::kAlarm)), reason);
}

// Three channels that become Up together: a primary and two backups.
void primaryWithTwoBackups(Tenant &t)
{
    t.add(QStringLiteral("ch_a"), {QStringLiteral("ch_b1"), QStringLiteral("ch_b2")});
    t.add(QStringLiteral("ch_b1"));
    t.add(QStringLiteral("ch_b2"));
    t.cycles(3);
    ASSERT_EQ(t.engine.state(QStringLiteral("ch_a")), HealthState::Up);
}

} // namespace

TEST(FailoverPolicy, FailsOverAfterExactlyNBadCyclesToTheFirstBackup)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    EXPECT_TRUE(t.cycle().actions.isEmpty());
    EXPECT_TRUE(t.cycle().actions.isEmpty());
    const EngineOutput third = t.cycle();
    ASSERT_EQ(third.actions.size(), 1);
    EXPECT_EQ(third.actions.front().kind, FailoverActionKind::Failover);
    EXPECT_EQ(third.actions.front().targetId, QStringLiteral("ch_b1"));
    EXPECT_EQ(third.actions.front().expectedVersion, 1);
    EXPECT_EQ(third.actions.front().source, EventSource::Automatic);
    EXPECT_EQ(countType(third, events::kHealthStateChanged), 1);
    EXPECT_EQ(countType(third, events::kFailoverStarted), 1);

    const EngineOutput done = t.complete(third.actions.front());
    ASSERT_EQ(countType(done, events::kFailoverDone), 1);
    EXPECT_EQ(done.events.front().details.value(QLatin1String("target")).toString(), QStringLiteral("ch_b1"));
    // Still down and routed via the backup: nothing more to do.
    EXPECT_TRUE(t.cycles(5).actions.isEmpty());
}

TEST(FailoverPolicy, DegradedCountsAsBadToo)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Degraded);
    EXPECT_EQ(t.cycles(3).actions.size(), 1);
}

TEST(FailoverPolicy, SkipsUnhealthyFirstBackup)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_b1"), ChannelStatus::Unhealthy);
    const EngineOutput out = t.goDown(QStringLiteral("ch_a"), 3);
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.front().targetId, QStringLiteral("ch_b2"));
    const MonitorEvent *started = findType(out, events::kFailoverStarted);
    ASSERT_TRUE(started);
    const QLatin1String skipped("skipped_candidates");
    EXPECT_EQ(eachOf(started, skipped, QLatin1String("channel_id")), QStringList{QStringLiteral("ch_b1")});
    EXPECT_EQ(eachOf(started, skipped, QLatin1String("reason")), QStringList{QStringLiteral("down")});
}

TEST(FailoverPolicy, SkipsABackupThatJustTurnedBadEvenIfStillUp)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.cycles(2);
    t.setStatus(QStringLiteral("ch_b1"), ChannelStatus::Degraded);
    const EngineOutput out = t.cycle();
    ASSERT_EQ(t.engine.state(QStringLiteral("ch_b1")), HealthState::Up);
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.front().targetId, QStringLiteral("ch_b2"));
}

TEST(FailoverPolicy, NeverPicksAnUnknownBackup)
{
    Tenant t;
    t.add(QStringLiteral("ch_a"), {QStringLiteral("ch_new"), QStringLiteral("ch_gone")});
    t.add(QStringLiteral("ch_new"), {}, ChannelStatus::Provisioning);
    const EngineOutput out = t.settleThenGoDown(QStringLiteral("ch_a"));
    expectAlarmInsteadOfAction(out, QStringLiteral("no_healthy_target"));
    EXPECT_EQ(eachOf(findType(out, events::kAlarm), QLatin1String("candidates"), QLatin1String("reason")),
              (QStringList{QStringLiteral("unknown"), QStringLiteral("not_found")}));
}

TEST(FailoverPolicy, NoChainsThroughABackupThatIsItselfFailedOver)
{
    Tenant t;
    t.add(QStringLiteral("ch_a"), {QStringLiteral("ch_b"), QStringLiteral("ch_c")});
    t.add(QStringLiteral("ch_b"), {QStringLiteral("ch_c")});
    t.add(QStringLiteral("ch_c"));
    t.ch(QStringLiteral("ch_b")).routing.primaryChannelId = QStringLiteral("ch_c");
    const EngineOutput out = t.settleThenGoDown(QStringLiteral("ch_a"));
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.front().targetId, QStringLiteral("ch_c"));
}

TEST(FailoverPolicy, NoLoopsBackToAChannelRoutedViaUs)
{
    Tenant t;
    t.add(QStringLiteral("ch_a"), {QStringLiteral("ch_b")});
    t.add(QStringLiteral("ch_b"), {QStringLiteral("ch_a")});
    t.ch(QStringLiteral("ch_b")).routing.primaryChannelId = QStringLiteral("ch_a");
    const EngineOutput out = t.settleThenGoDown(QStringLiteral("ch_a"));
    expectAlarmInsteadOfAction(out, QStringLiteral("no_healthy_target"));
}

TEST(FailoverPolicy, AllBackupsDownGivesOneAlarmAndNoAction)
{
    Tenant t;
    primaryWithTwoBackups(t);
    for (const char *id : {"ch_a", "ch_b1", "ch_b2"})
        t.setStatus(QString::fromLatin1(id), ChannelStatus::Unhealthy);
    const EngineOutput out = t.cycles(10);
    EXPECT_TRUE(out.actions.isEmpty());
    int alarmsForA = 0;
    for (const MonitorEvent &e : out.events)
        alarmsForA += (e.type == events::kAlarm && e.channelId == QLatin1String("ch_a")) ? 1 : 0;
    EXPECT_EQ(alarmsForA, 1);
}

TEST(FailoverPolicy, NoFailoverChannelsIsAnAlarmSayingSo)
{
    Tenant t;
    t.add(QStringLiteral("ch_alone"));
    const EngineOutput out = t.settleThenGoDown(QStringLiteral("ch_alone"));
    expectAlarmInsteadOfAction(out, QStringLiteral("no_failover_channels"));
}

TEST(FailoverPolicy, UnknownNeverTriggersFailover)
{
    Tenant t;
    t.add(QStringLiteral("ch_a"), {QStringLiteral("ch_b")}, ChannelStatus::Provisioning);
    t.add(QStringLiteral("ch_b"));
    const EngineOutput out = t.cycles(20);
    EXPECT_EQ(t.engine.state(QStringLiteral("ch_a")), HealthState::Unknown);
    EXPECT_TRUE(out.actions.isEmpty());
    // A tenant that cannot be read is no data, not bad.
    EngineOutput blind;
    for (int i = 0; i < 10; ++i)
        blind.append(t.engine.observeNoData());
    EXPECT_TRUE(blind.actions.isEmpty());
    EXPECT_EQ(t.engine.state(QStringLiteral("ch_b")), HealthState::Unknown);
}

TEST(FailoverPolicy, FlappingChannelNeverFailsOver)
{
    Tenant t;
    primaryWithTwoBackups(t);
    EngineOutput out;
    for (int i = 0; i < 30; ++i) {
        t.setStatus(QStringLiteral("ch_a"), i % 3 == 2 ? ChannelStatus::Healthy : ChannelStatus::Unhealthy);
        out.append(t.cycle());
    }
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(countType(out, events::kHealthStateChanged), 0);
}

TEST(FailoverPolicy, PausedForAllSendsNothingUntilResumed)
{
    Tenant t;
    primaryWithTwoBackups(t);
    EXPECT_EQ(countType(t.engine.setPaused(true), events::kFailoverPaused), 1);
    const EngineOutput paused = t.goDown(QStringLiteral("ch_a"), 6);
    EXPECT_TRUE(paused.actions.isEmpty());
    EXPECT_EQ(countType(paused, events::kFailoverSkipped), 1);
    EXPECT_EQ(reasonOf(findType(paused, events::kFailoverSkipped)), QStringLiteral("paused"));
    t.engine.setPaused(false);
    EXPECT_EQ(t.cycle().actions.size(), 1);
}

TEST(FailoverPolicy, PausedForOneChannelLeavesOthersAutomatic)
{
    Tenant t;
    t.add(QStringLiteral("ch_a"), {QStringLiteral("ch_b")});
    t.add(QStringLiteral("ch_x"), {QStringLiteral("ch_b")});
    t.add(QStringLiteral("ch_b"));
    t.cycles(3);
    t.engine.setChannelPaused(QStringLiteral("ch_a"), true);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    const EngineOutput out = t.goDown(QStringLiteral("ch_x"), 3);
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.front().channelId, QStringLiteral("ch_x"));
}

TEST(FailoverPolicy, PausesSurviveForgettingTheChannels)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.engine.setPaused(true);
    t.engine.setChannelPaused(QStringLiteral("ch_a"), true);
    t.engine.forgetChannels();
    EXPECT_EQ(t.engine.state(QStringLiteral("ch_a")), HealthState::Unknown);
    EXPECT_TRUE(t.engine.isPaused());
    EXPECT_TRUE(t.engine.isChannelPaused(QStringLiteral("ch_a")));
    t.engine.setPaused(false);
    t.cycles(3);
    EXPECT_TRUE(t.goDown(QStringLiteral("ch_a"), 4).actions.isEmpty()) << "still paused for ch_a";
}

TEST(FailoverPolicy, AutoFailoverOffSaysWhyOnce)
{
    FailoverSettings settings;
    settings.autoFailover = false;
    Tenant t(settings);
    primaryWithTwoBackups(t);
    const EngineOutput out = t.goDown(QStringLiteral("ch_a"), 8);
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(countType(out, events::kFailoverSkipped), 1);
    EXPECT_EQ(reasonOf(findType(out, events::kFailoverSkipped)), QStringLiteral("auto_failover_disabled"));
}

TEST(FailoverPolicy, ActionInFlightIsNotRepeated)
{
    Tenant t;
    primaryWithTwoBackups(t);
    ASSERT_EQ(t.goDown(QStringLiteral("ch_a"), 3).actions.size(), 1);
    EXPECT_TRUE(t.cycles(5).actions.isEmpty());
    EXPECT_TRUE(t.engine.hasActionInFlight(QStringLiteral("ch_a")));
}

TEST(FailoverPolicy, CooldownStopsAFailoverRightAfterAFailback)
{
    FailoverSettings settings;
    settings.cooldownMs = 300 * 1000;
    Tenant t(settings);
    primaryWithTwoBackups(t);
    const EngineOutput first = t.goDown(QStringLiteral("ch_a"), 3);
    ASSERT_EQ(first.actions.size(), 1);
    t.complete(first.actions.front());
    // The operator fails back by hand (manual ignores the cooldown), the trunk is still bad.
    const EngineOutput back = t.engine.requestFailback(QStringLiteral("ch_a"));
    ASSERT_EQ(back.actions.size(), 1);
    t.complete(back.actions.front());
    const EngineOutput during = t.goDown(QStringLiteral("ch_a"), 6); // 60 s: within the cooldown
    EXPECT_TRUE(during.actions.isEmpty());
    EXPECT_EQ(reasonOf(findType(during, events::kFailoverSkipped)), QStringLiteral("cooldown"));
    t.clock.advanceSeconds(300);
    const EngineOutput after = t.cycle();
    ASSERT_EQ(after.actions.size(), 1);
    EXPECT_EQ(after.actions.front().targetId, QStringLiteral("ch_b1"));
}

TEST(HealthReadingOfStatus, OurOwnActiveEchoNeitherCountsNorMovesTheState)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.complete(t.cycles(3).actions.front());
    // The tenant now says "active" (our PATCH wrote it) for many cycles: still Down.
    ASSERT_EQ(t.ch(QStringLiteral("ch_a")).status, ChannelStatus::Active);
    const EngineOutput out = t.cycles(10);
    EXPECT_EQ(t.engine.state(QStringLiteral("ch_a")), HealthState::Down);
    EXPECT_EQ(countType(out, events::kHealthStateChanged), 0);
    // A channel that is not failed over and says "active" is in service: good.
    t.add(QStringLiteral("ch_live"), {}, ChannelStatus::Active);
    t.cycles(3);
    EXPECT_EQ(t.engine.state(QStringLiteral("ch_live")), HealthState::Up);
}

TEST(Failback, ManualPolicyAnnouncesOnceAndSendsNothing)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.complete(t.cycles(3).actions.front());
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Healthy);
    t.clock.advanceSeconds(3600);
    const EngineOutput out = t.cycles(10);
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(countType(out, events::kFailbackPending), 1);
    EXPECT_EQ(t.engine.state(QStringLiteral("ch_a")), HealthState::Up);
}

TEST(Failback, AutomaticWaitsForMGoodReadingsAndTheCooldown)
{
    FailoverSettings settings;
    settings.failback = FailbackPolicy::Automatic;
    settings.cooldownMs = 120 * 1000;
    Tenant t(settings);
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.complete(t.cycles(3).actions.front());
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Healthy);
    // Two good readings: not yet Up.
    EXPECT_TRUE(t.cycles(2).actions.isEmpty());
    // Third: Up, but only 30 s since the failover: cooldown.
    const EngineOutput up = t.cycle();
    EXPECT_TRUE(up.actions.isEmpty());
    EXPECT_EQ(reasonOf(findType(up, events::kFailbackSkipped)), QStringLiteral("cooldown"));
    t.clock.advanceSeconds(80);
    const EngineOutput back = t.cycle();
    ASSERT_EQ(back.actions.size(), 1);
    EXPECT_EQ(back.actions.front().kind, FailoverActionKind::Failback);
    EXPECT_EQ(countType(t.complete(back.actions.front()), events::kFailbackDone), 1);
    EXPECT_TRUE(t.engine.channel(QStringLiteral("ch_a"))->routing.primaryChannelId.isEmpty());
}

TEST(Failback, PausedAutomaticFailbackWaits)
{
    FailoverSettings settings;
    settings.failback = FailbackPolicy::Automatic;
    settings.cooldownMs = 0;
    Tenant t(settings);
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.complete(t.cycles(3).actions.front());
    t.engine.setChannelPaused(QStringLiteral("ch_a"), true);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Healthy);
    EXPECT_TRUE(t.cycles(5).actions.isEmpty());
    t.engine.setChannelPaused(QStringLiteral("ch_a"), false);
    EXPECT_EQ(t.cycle().actions.size(), 1);
}

// ch_a, down for three cycles, has its failover to ch_b1 on the way when the tenant answers 409.
class FailoverConflict : public ::testing::Test
{
protected:
    void SetUp() override
    {
        primaryWithTwoBackups(t);
        const EngineOutput out = t.goDown(QStringLiteral("ch_a"), 3);
        ASSERT_EQ(out.actions.size(), 1);
        action = out.actions.front();
    }

    Tenant t;
    FailoverAction action;
};

TEST_F(FailoverConflict, AnotherConsoleAlreadyFailedItOverSoWeDoNotActTwice)
{
    Channel current = t.ch(QStringLiteral("ch_a"));
    current.routing.primaryChannelId = QStringLiteral("ch_b2");
    current.version = 2;
    const EngineOutput out = t.engine.actionConflicted(action, current);
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(reasonOf(findType(out, events::kFailoverSkipped)), QStringLiteral("already_failed_over"));
    t.ch(QStringLiteral("ch_a")) = current;
    EXPECT_TRUE(t.cycles(5).actions.isEmpty());
}

TEST_F(FailoverConflict, AlreadyRoutedToTheSameTargetIsNotSentAgain)
{
    Channel current = t.ch(QStringLiteral("ch_a"));
    current.routing.primaryChannelId = action.targetId;
    current.version = 2;
    const EngineOutput out = t.engine.actionConflicted(action, current);
    EXPECT_TRUE(out.actions.isEmpty());
    const MonitorEvent *skipped = findType(out, events::kFailoverSkipped);
    EXPECT_EQ(reasonOf(skipped), QStringLiteral("already_failed_over"));
    ASSERT_TRUE(skipped);
    EXPECT_TRUE(skipped->details.value(QLatin1String("same_target")).toBool());
}

TEST_F(FailoverConflict, AnUnrelatedEditIsRetriedOnTheNewVersionABoundedNumberOfTimes)
{
    for (int round = 0; round < 2; ++round) {
        Channel current = t.ch(QStringLiteral("ch_a"));
        current.version = action.expectedVersion + 1;
        const EngineOutput out = t.engine.actionConflicted(action, current);
        ASSERT_EQ(out.actions.size(), 1);
        EXPECT_EQ(out.actions.front().expectedVersion, current.version);
        action = out.actions.front();
    }
    Channel current = t.ch(QStringLiteral("ch_a"));
    current.version = action.expectedVersion + 1;
    const EngineOutput last = t.engine.actionConflicted(action, current);
    EXPECT_TRUE(last.actions.isEmpty());
    EXPECT_EQ(countType(last, events::kFailoverFailed), 1);
}

TEST(FailoverFailure, IsReportedAndRetriedOnlyAfterTheDelay)
{
    FailoverSettings settings;
    settings.retryAfterFailureMs = 60 * 1000;
    Tenant t(settings);
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    const FailoverAction action = t.cycles(3).actions.front();
    const EngineOutput failed = t.engine.actionFailed(action, QStringLiteral("The tenant answered 503."),
                                                      QJsonObject{{QStringLiteral("kind"), QStringLiteral("server")}});
    EXPECT_EQ(countType(failed, events::kFailoverFailed), 1);
    EXPECT_TRUE(t.cycles(5).actions.isEmpty());
    t.clock.advanceSeconds(20);
    EXPECT_EQ(t.cycle().actions.size(), 1);
}

TEST(ManualFailover, RefusesAnUnhealthyTargetWithAReason)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_b1"), ChannelStatus::Unhealthy);
    t.cycles(3);
    const EngineOutput out = t.engine.requestFailover(QStringLiteral("ch_a"), QStringLiteral("ch_b1"));
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(reasonOf(findType(out, events::kFailoverSkipped)), QStringLiteral("target_down"));
    EXPECT_EQ(findType(out, events::kFailoverSkipped)->source, EventSource::Manual);
}

TEST(ManualFailover, GoesToTheChosenHealthyTargetEvenWhenPaused)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.engine.setPaused(true);
    const EngineOutput out = t.engine.requestFailover(QStringLiteral("ch_a"), QStringLiteral("ch_b2"));
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.front().targetId, QStringLiteral("ch_b2"));
    EXPECT_EQ(out.actions.front().source, EventSource::Manual);
    const EngineOutput done = t.complete(out.actions.front());
    EXPECT_EQ(done.events.front().source, EventSource::Manual);
    const EngineOutput back = t.engine.requestFailback(QStringLiteral("ch_a"));
    ASSERT_EQ(back.actions.size(), 1);
    EXPECT_EQ(back.actions.front().kind, FailoverActionKind::Failback);
}

TEST(ManualFailback, OfAChannelNotFailedOverIsSkippedWithAReason)
{
    Tenant t;
    primaryWithTwoBackups(t);
    const EngineOutput out = t.engine.requestFailback(QStringLiteral("ch_a"));
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_EQ(reasonOf(findType(out, events::kFailbackSkipped)), QStringLiteral("not_failed_over"));
}

TEST(QualityRule, PoorQualityCountsAsBadOnlyWhenTheRuleIsOn)
{
    for (const bool rule : {false, true}) {
        FailoverSettings settings;
        settings.qualityRule = rule;
        ManualClock clock;
        FailoverEngine engine(settings, &clock);
        Channel a;
        a.id = QStringLiteral("ch_a");
        a.status = ChannelStatus::Healthy;
        a.routing.failoverChannels = {QStringLiteral("ch_b")};
        Channel b = a;
        b.id = QStringLiteral("ch_b");
        b.routing.failoverChannels.clear();
        EngineOutput all;
        for (int i = 0; i < 6; ++i) {
            clock.advanceSeconds(10);
            // ch_a: healthy by the tenant, but 450 ms latency and 9 % loss.
            all.append(engine.observeCycle({ChannelObservation{a, 450.0, 60.0, 9.0, clock.nowUtc()},
                                            ChannelObservation{b, 40.0, 4.0, 0.1, clock.nowUtc()}}));
        }
        EXPECT_EQ(engine.state(QStringLiteral("ch_a")), rule ? HealthState::Down : HealthState::Up);
        EXPECT_EQ(all.actions.size(), rule ? 1 : 0);
    }
}

TEST(FailoverAlarm, BackupGoingDownWhileCarryingTrafficRaisesAnAlarm)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.complete(t.cycles(3).actions.front());
    const EngineOutput out = t.goDown(QStringLiteral("ch_b1"), 5);
    QStringList alarmsForA;
    for (const MonitorEvent &e : out.events) {
        if (e.type == events::kAlarm && e.channelId == QLatin1String("ch_a"))
            alarmsForA.append(e.details.value(QLatin1String("reason")).toString());
    }
    EXPECT_EQ(alarmsForA, QStringList{QStringLiteral("backup_down")});
}

TEST(MonitorEvents, CarryTypeSourceTimeAndReasonAndNothingSecret)
{
    Tenant t;
    primaryWithTwoBackups(t);
    t.setStatus(QStringLiteral("ch_a"), ChannelStatus::Unhealthy);
    t.complete(t.cycles(3).actions.front());
    ASSERT_FALSE(t.all.events.isEmpty());
    for (const MonitorEvent &e : t.all.events) {
        EXPECT_FALSE(e.type.isEmpty());
        EXPECT_TRUE(e.time.isValid());
        EXPECT_FALSE(e.details.value(QLatin1String("reason")).toString().isEmpty()) << e.type.toStdString();
        const QByteArray json = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
        EXPECT_FALSE(json.contains("password")) << json.constData();
        EXPECT_FALSE(json.contains("token")) << json.constData();
        EXPECT_FALSE(e.toLine().isEmpty());
    }
}

TEST(Snapshot, ChannelWithoutTelemetryHasNoFiguresNotZeros)
{
    ManualClock clock;
    FailoverEngine engine(FailoverSettings{}, &clock);
    Channel a;
    a.id = QStringLiteral("ch_quiet");
    a.status = ChannelStatus::Healthy;
    engine.observeCycle({ChannelObservation{a, std::nullopt, std::nullopt, std::nullopt, QDateTime()}});
    const QList<ChannelHealth> rows = engine.channelHealth();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_FALSE(rows.front().latencyMs || rows.front().mos || rows.front().score);
    const QJsonObject json = rows.front().toJson();
    EXPECT_TRUE(json.value(QLatin1String("mos")).isNull());
    EXPECT_TRUE(json.value(QLatin1String("latency_ms")).isNull());
    EXPECT_TRUE(json.value(QLatin1String("telemetry_at")).isNull());
}
