// The failover rule on two signals, with a fake clock: the tenant's verdict
// and the SIP probe's (Both by default, TenantOnly, ProbeOnly, Either), a backup
// failing its probe skipped, a lasting disagreement raised once and cleared,
// and probe changes as events.

#include "common/manual_clock.h"
#include "monitor/failover_engine.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {

FailoverSettings probing(FailoverSignal signal)
{
    FailoverSettings settings;
    settings.probing = true;
    settings.signal = signal;
    settings.failback = FailbackPolicy::Automatic;
    settings.cooldownMs = 0;
    return settings;
}

class TwoSignals
{
public:
    explicit TwoSignals(const FailoverSettings &settings) : engine(settings, &clock)
    {
        add(QStringLiteral("a"), {QStringLiteral("b"), QStringLiteral("c")});
        add(QStringLiteral("b"));
        add(QStringLiteral("c"));
    }

    void add(const QString &id, const QStringList &failover = {})
    {
        Channel channel;
        channel.id = id;
        channel.name = id;
        channel.status = ChannelStatus::Healthy;
        channel.version = 1;
        channel.routing.failoverChannels = failover;
        channels.append(channel);
    }
    Channel &ch(const QString &id)
    {
        for (Channel &channel : channels) {
            if (channel.id == id)
                return channel;
        }
        return channels.front();
    }
    // `id` reads Unhealthy from now on; what the next `n` cycles bring.
    EngineOutput goDown(const QString &id, int n)
    {
        ch(id).status = ChannelStatus::Unhealthy;
        return cycles(n);
    }
    EngineOutput cycles(int n)
    {
        EngineOutput out;
        for (int i = 0; i < n; ++i) {
            clock.advanceSeconds(10);
            QList<ChannelObservation> observations;
            for (const Channel &channel : channels)
                observations.append(ChannelObservation{channel, 40.0, 5.0, 0.2, clock.nowUtc()});
            out.append(engine.observeCycle(observations));
        }
        all.append(out);
        return out;
    }
    // A probe result of `id` at a 10 s cadence (the engine knows a channel once a cycle listed it).
    EngineOutput probe(const QString &id, ProbeHealth health, const QString &summary = QStringLiteral("200 OK in 5.0 ms"))
    {
        ProbeObservation observation;
        observation.health = health;
        observation.intervalMs = 10 * 1000;
        observation.code = health == ProbeHealth::Up ? 200 : 0;
        if (health == ProbeHealth::Up)
            observation.rttMs = 5.0;
        observation.summary = summary;
        EngineOutput out = engine.observeProbe(id, observation);
        all.append(out);
        return out;
    }
    void probeAll(ProbeHealth health)
    {
        for (const Channel &channel : std::as_const(channels))
            probe(channel.id, health);
    }

    ManualClock clock;
    FailoverEngine engine;
    QList<Channel> channels;
    EngineOutput all;
};

QList<MonitorEvent> ofType(const EngineOutput &out, QLatin1String type)
{
    QList<MonitorEvent> found;
    for (const MonitorEvent &event : out.events) {
        if (event.type == type)
            found.append(event);
    }
    return found;
}

} // namespace

TEST(FailoverSignalRule, BothNeedsTenantAndProbeDownAndFailbackNeedsBothUp)
{
    EXPECT_FALSE(downForFailover(FailoverSignal::Both, HealthState::Up, ProbeHealth::Down));
    EXPECT_FALSE(downForFailover(FailoverSignal::Both, HealthState::Down, ProbeHealth::Unknown));
    EXPECT_TRUE(downForFailover(FailoverSignal::Both, HealthState::Down, ProbeHealth::Down));
    EXPECT_TRUE(downForFailover(FailoverSignal::Either, HealthState::Up, ProbeHealth::Down));
    EXPECT_TRUE(downForFailover(FailoverSignal::Either, HealthState::Down, ProbeHealth::Up));
    EXPECT_TRUE(downForFailover(FailoverSignal::TenantOnly, HealthState::Down, ProbeHealth::Up));
    EXPECT_FALSE(downForFailover(FailoverSignal::TenantOnly, HealthState::Up, ProbeHealth::Down));
    EXPECT_TRUE(downForFailover(FailoverSignal::ProbeOnly, HealthState::Up, ProbeHealth::Down));
    EXPECT_FALSE(downForFailover(FailoverSignal::ProbeOnly, HealthState::Down, ProbeHealth::Up));
    EXPECT_FALSE(upForFailback(FailoverSignal::Both, HealthState::Up, ProbeHealth::Down));
    EXPECT_FALSE(upForFailback(FailoverSignal::Either, HealthState::Up, ProbeHealth::Unknown));
    EXPECT_TRUE(upForFailback(FailoverSignal::Both, HealthState::Up, ProbeHealth::Up));
    EXPECT_TRUE(upForFailback(FailoverSignal::TenantOnly, HealthState::Up, ProbeHealth::Down));
    EXPECT_TRUE(upForFailback(FailoverSignal::ProbeOnly, HealthState::Down, ProbeHealth::Up));
    for (const FailoverSignal signal : {FailoverSignal::Both, FailoverSignal::TenantOnly, FailoverSignal::ProbeOnly, FailoverSignal::Either})
        EXPECT_EQ(failoverSignalFromName(failoverSignalName(signal)), signal);
    EXPECT_FALSE(failoverSignalFromName(QStringLiteral("any")).has_value());
}

TEST(FailoverProbeSignal, BothRuleDoesNotFailOverOnTheProbeAlone)
{
    TwoSignals t(probing(FailoverSignal::Both));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    ASSERT_EQ(t.engine.state(QStringLiteral("a")), HealthState::Up);
    const EngineOutput out = t.probe(QStringLiteral("a"), ProbeHealth::Down, QStringLiteral("no answer within 5 s"));
    EXPECT_EQ(ofType(out, events::kSipProbeStateChanged).size(), 1);
    EXPECT_TRUE(out.actions.isEmpty());
    EXPECT_TRUE(t.cycles(5).actions.isEmpty());
    // The tenant comes to the same view: now both say down.
    const EngineOutput agreed = t.goDown(QStringLiteral("a"), 3);
    ASSERT_EQ(agreed.actions.size(), 1);
    EXPECT_EQ(agreed.actions.first().targetId, QStringLiteral("b"));
    const QList<MonitorEvent> started = ofType(agreed, events::kFailoverStarted);
    ASSERT_EQ(started.size(), 1);
    EXPECT_EQ(started.first().details.value(QStringLiteral("signals")).toObject().value(QStringLiteral("rule")).toString(),
              QStringLiteral("both"));
}

TEST(FailoverProbeSignal, BothRuleDoesNotFailOverOnTheTenantAloneWhileTheProbeIsUnknown)
{
    TwoSignals t(probing(FailoverSignal::Both));
    EXPECT_TRUE(t.goDown(QStringLiteral("a"), 4).actions.isEmpty());
    EXPECT_EQ(t.engine.state(QStringLiteral("a")), HealthState::Down);
}

TEST(FailoverProbeSignal, EitherRuleFailsOverOnTheProbeAloneAtOnce)
{
    TwoSignals t(probing(FailoverSignal::Either));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    const EngineOutput out = t.probe(QStringLiteral("a"), ProbeHealth::Down, QStringLiteral("no answer within 5 s"));
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.first().channelId, QStringLiteral("a"));
    EXPECT_EQ(out.actions.first().targetId, QStringLiteral("b"));
}

TEST(FailoverProbeSignal, TenantOnlyRuleIgnoresTheProbe)
{
    TwoSignals t(probing(FailoverSignal::TenantOnly));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    EXPECT_TRUE(t.probe(QStringLiteral("a"), ProbeHealth::Down).actions.isEmpty());
    t.ch(QStringLiteral("a")).status = ChannelStatus::Unhealthy;
    t.probe(QStringLiteral("a"), ProbeHealth::Up);
    EXPECT_EQ(t.cycles(3).actions.size(), 1);
}

TEST(FailoverProbeSignal, ProbeOnlyRuleIgnoresTheTenant)
{
    TwoSignals t(probing(FailoverSignal::ProbeOnly));
    t.cycles(1);
    t.probeAll(ProbeHealth::Up);
    EXPECT_TRUE(t.goDown(QStringLiteral("a"), 4).actions.isEmpty());
    EXPECT_EQ(t.probe(QStringLiteral("a"), ProbeHealth::Down).actions.size(), 1);
}

TEST(FailoverProbeSignal, WithoutProbingTheTenantAloneDecidesWhateverTheRule)
{
    FailoverSettings settings = probing(FailoverSignal::Both);
    settings.probing = false;
    TwoSignals t(settings);
    EXPECT_EQ(t.goDown(QStringLiteral("a"), 3).actions.size(), 1);
}

TEST(FailoverProbeSignal, BackupFailingItsProbeIsSkipped)
{
    TwoSignals t(probing(FailoverSignal::Both));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    t.probe(QStringLiteral("b"), ProbeHealth::Down, QStringLiteral("no answer within 5 s"));
    t.probe(QStringLiteral("a"), ProbeHealth::Down);
    const EngineOutput out = t.goDown(QStringLiteral("a"), 3);
    ASSERT_EQ(out.actions.size(), 1);
    EXPECT_EQ(out.actions.first().targetId, QStringLiteral("c"));
    const QList<MonitorEvent> started = ofType(out, events::kFailoverStarted);
    ASSERT_EQ(started.size(), 1);
    const QJsonArray skipped = started.first().details.value(QStringLiteral("skipped_candidates")).toArray();
    ASSERT_EQ(skipped.size(), 1);
    EXPECT_EQ(skipped.at(0).toObject().value(QStringLiteral("channel_id")).toString(), QStringLiteral("b"));
    EXPECT_EQ(skipped.at(0).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("probe_down"));
    // A manual failover to it is refused too, naming the probe.
    const EngineOutput manual = t.engine.requestFailover(QStringLiteral("c"), QStringLiteral("b"));
    ASSERT_EQ(ofType(manual, events::kFailoverSkipped).size(), 1);
    EXPECT_EQ(ofType(manual, events::kFailoverSkipped).first().details.value(QStringLiteral("reason")).toString(),
              QStringLiteral("target_probe_down"));
}

TEST(FailoverProbeSignal, LastingDisagreementIsRaisedOnceAfterTwoProbeIntervalsAndCleared)
{
    TwoSignals t(probing(FailoverSignal::Both));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    t.probe(QStringLiteral("a"), ProbeHealth::Down, QStringLiteral("no answer within 5 s"));
    t.clock.advanceSeconds(10);
    EXPECT_TRUE(ofType(t.probe(QStringLiteral("a"), ProbeHealth::Down), events::kSipProbeDisagreement).isEmpty());
    t.clock.advanceSeconds(10);
    const EngineOutput raised = t.probe(QStringLiteral("a"), ProbeHealth::Down, QStringLiteral("no answer within 5 s"));
    const QList<MonitorEvent> alarms = ofType(raised, events::kSipProbeDisagreement);
    ASSERT_EQ(alarms.size(), 1);
    EXPECT_EQ(alarms.first().channelId, QStringLiteral("a"));
    EXPECT_EQ(alarms.first().details.value(QStringLiteral("reason")).toString(), QStringLiteral("tenant_up_probe_down"));
    EXPECT_TRUE(ofType(t.cycles(3), events::kSipProbeDisagreement).isEmpty());   // once, not every cycle
    ASSERT_EQ(t.engine.channelHealth().first().id, QStringLiteral("a"));
    EXPECT_TRUE(t.engine.channelHealth().first().probeDisagreement);
    EXPECT_EQ(t.engine.channelHealth().first().probe, ProbeHealth::Down);
    const EngineOutput cleared = t.probe(QStringLiteral("a"), ProbeHealth::Up);
    EXPECT_EQ(ofType(cleared, events::kSipProbeDisagreementCleared).size(), 1);
    EXPECT_FALSE(t.engine.channelHealth().first().probeDisagreement);
}

TEST(FailoverProbeSignal, ShortDisagreementRaisesNothing)
{
    TwoSignals t(probing(FailoverSignal::Both));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    t.probe(QStringLiteral("a"), ProbeHealth::Down);
    t.clock.advanceSeconds(10);
    t.probe(QStringLiteral("a"), ProbeHealth::Up);
    EXPECT_TRUE(ofType(t.all, events::kSipProbeDisagreement).isEmpty());
    EXPECT_TRUE(ofType(t.all, events::kSipProbeDisagreementCleared).isEmpty());
}

TEST(FailoverProbeSignal, TenantDownWhileProbeAnswersIsADisagreementToo)
{
    TwoSignals t(probing(FailoverSignal::Both));
    t.cycles(1);
    t.probeAll(ProbeHealth::Up);
    t.goDown(QStringLiteral("a"), 5);
    const QList<MonitorEvent> alarms = ofType(t.all, events::kSipProbeDisagreement);
    ASSERT_EQ(alarms.size(), 1);
    EXPECT_EQ(alarms.first().details.value(QStringLiteral("reason")).toString(), QStringLiteral("tenant_down_probe_up"));
    EXPECT_TRUE(t.all.actions.isEmpty());
}

TEST(FailoverProbeSignal, FailbackWaitsForTheProbeToo)
{
    TwoSignals t(probing(FailoverSignal::Either));
    t.cycles(3);
    t.probeAll(ProbeHealth::Up);
    const EngineOutput out = t.probe(QStringLiteral("a"), ProbeHealth::Down);
    ASSERT_EQ(out.actions.size(), 1);
    Channel &a = t.ch(QStringLiteral("a"));
    a.routing.primaryChannelId = QStringLiteral("b");
    a.status = ChannelStatus::Active;
    ++a.version;
    t.engine.actionSucceeded(out.actions.first(), a);
    a.status = ChannelStatus::Healthy;
    EXPECT_TRUE(t.cycles(4).actions.isEmpty());   // the tenant says up; the probe still says down
    const EngineOutput back = t.probe(QStringLiteral("a"), ProbeHealth::Up);
    ASSERT_EQ(back.actions.size(), 1);
    EXPECT_EQ(back.actions.first().kind, FailoverActionKind::Failback);
}

TEST(FailoverProbeSignal, ProbeStateChangesAreEventsNamingTheResult)
{
    TwoSignals t(probing(FailoverSignal::Both));
    t.cycles(1);
    const EngineOutput up = t.probe(QStringLiteral("a"), ProbeHealth::Up);
    const QList<MonitorEvent> changes = ofType(up, events::kSipProbeStateChanged);
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.first().details.value(QStringLiteral("from")).toString(), QStringLiteral("unknown"));
    EXPECT_EQ(changes.first().details.value(QStringLiteral("to")).toString(), QStringLiteral("up"));
    EXPECT_EQ(changes.first().details.value(QStringLiteral("code")).toInt(), 200);
    EXPECT_TRUE(changes.first().toLine().contains(QStringLiteral("sip_probe_state_changed a (system): probes_answered")));
    EXPECT_TRUE(ofType(t.probe(QStringLiteral("a"), ProbeHealth::Up), events::kSipProbeStateChanged).isEmpty());
}
