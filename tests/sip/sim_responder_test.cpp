// The simulated tenant's SIP responders: each seeded trunk answers probes as
// its simulated state says, found through the connect-to rules it publishes.

#include "sim_fixture.h"
#include "sip_test_util.h"

#include "sim_sip_responder.h"
#include "sip/sip_prober.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using cc::SipProbeOutcome;

namespace {

cc::sim::SimOptions responderOptions()
{
    cc::sim::SimOptions options;
    options.sipResponder = true;
    options.rateLimitPerMinute = 0;
    return options;
}

QString trunkUri(cc::test::SimFixture &sim, const QString &id, const QString &suffix = QString())
{
    const cc::Channel *channel = sim.tenant().channels().find(id);
    return QStringLiteral("sip:%1:%2%3").arg(channel->configuration.sipServer).arg(channel->configuration.sipPort).arg(suffix);
}

void setStatus(cc::test::SimFixture &sim, const QString &id, const QString &status)
{
    sim.fault({{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), id},
               {QStringLiteral("status"), status}});
}

} // namespace

TEST(SimSipResponder, EverySeededTrunkHasItsOwnCarrierLikeNameAndResponder)
{
    cc::test::SimFixture sim(responderOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    cc::sim::SimSipResponder *responder = sim.server().sipResponder();
    ASSERT_TRUE(responder);
    const QStringList rules = responder->connectToRules();
    EXPECT_EQ(rules.size(), 12);
    QSet<QString> servers;
    for (const QString &id : sim.tenant().channels().orderedIds())
        servers.insert(sim.tenant().channels().find(id)->configuration.sipServer);
    EXPECT_EQ(servers.size(), 12);
    EXPECT_TRUE(servers.contains(QStringLiteral("sip-01.carrier-provider.net")));
    EXPECT_TRUE(rules.first().startsWith(QStringLiteral("sip-01.carrier-provider.net:5060:127.0.0.1:")));
}

TEST(SimSipResponder, AnswersByTheTrunksSimulatedStateOverUdpAndTcp)
{
    cc::test::SimFixture sim(responderOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString healthy = sim.channelId(0);
    const QString degraded = sim.channelId(1);
    const QString unhealthy = sim.channelId(2);
    setStatus(sim, healthy, QStringLiteral("healthy"));
    setStatus(sim, degraded, QStringLiteral("degraded"));
    setStatus(sim, unhealthy, QStringLiteral("unhealthy"));
    cc::SipProberOptions options;
    options.connectTo = sim.server().sipResponder()->connectTo();
    cc::SipProber prober(options);
    for (const QString &transport : {QString(), QStringLiteral(";transport=tcp")}) {
        const auto up = cc::test::probeAndWait(prober, trunkUri(sim, healthy, transport), 1000);
        ASSERT_TRUE(up);
        EXPECT_EQ(up->statusCode, 200) << up->summary().toStdString();
        const auto busy = cc::test::probeAndWait(prober, trunkUri(sim, degraded, transport), 1000);
        ASSERT_TRUE(busy);
        EXPECT_EQ(busy->statusCode, 503) << busy->summary().toStdString();
        const auto silent = cc::test::probeAndWait(prober, trunkUri(sim, unhealthy, transport), 600);
        ASSERT_TRUE(silent);
        EXPECT_EQ(silent->outcome, SipProbeOutcome::Timeout) << silent->summary().toStdString();
    }
    // The probe followed the state: back to healthy, back to 200.
    setStatus(sim, unhealthy, QStringLiteral("healthy"));
    EXPECT_EQ(cc::test::probeAndWait(prober, trunkUri(sim, unhealthy), 1000)->statusCode, 200);
    // And an override: the tenant says healthy, the SIP server is silent.
    sim.server().sipResponder()->setAnswer(healthy, cc::sim::SimSipResponder::Answer::Silence);
    EXPECT_EQ(cc::test::probeAndWait(prober, trunkUri(sim, healthy), 600)->outcome, SipProbeOutcome::Timeout);
}

TEST(SimSipResponder, WritesAMapThatTheProberReads)
{
    cc::test::SimFixture sim(responderOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sip.map"));
    ASSERT_TRUE(sim.server().sipResponder()->writeMap(path));
    cc::SipProberOptions options;
    QString error;
    ASSERT_TRUE(options.connectTo.addFile(path, &error)) << error.toStdString();
    EXPECT_EQ(options.connectTo.size(), 12);
}
