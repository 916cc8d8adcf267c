// The prober against SIPp, a SIP implementation nobody here wrote, as the
// carrier's server: 200, 503 and silence over UDP and TCP, and the probe's
// round trip against the time SIPp itself logged between receiving the OPTIONS
// and sending its answer.

#include "sip_test_util.h"
#include "sipp_peer.h"
#include "sipp_test.h"

#include "sip/sip_prober.h"

#include <cmath>

#include <gtest/gtest.h>

using cc::SipProbeOutcome;
using cc::SipTransport;
using cc::test::SippPeer;

namespace {

class SippProbe : public cc::test::SippTest
{
protected:
    // One probe of SIPp playing `scenario`, whose result must be `outcome` with `statusCode`.
    std::optional<cc::SipProbeResult> probeOf(const QString &scenario, int timeoutMs, SipProbeOutcome outcome,
                                              int statusCode)
    {
        if (!startSipp(scenario))
            return std::nullopt;
        const auto result = cc::test::probeAndWait(prober, sipp.uri(), timeoutMs);
        EXPECT_TRUE(result) << "no result within " << timeoutMs << " ms";
        if (result) {
            EXPECT_EQ(result->outcome, outcome) << result->summary().toStdString();
            EXPECT_EQ(result->statusCode, statusCode);
        }
        return result;
    }

    cc::SipProber prober;
};

TEST_P(SippProbe, TwoHundredIsAnAnswerWithItsRoundTrip)
{
    const auto result = probeOf(QStringLiteral("options_200.xml"), 3000, SipProbeOutcome::Answered, 200);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->reason, QStringLiteral("OK"));
    EXPECT_GT(result->rttMs, 0.0);
    EXPECT_LT(result->rttMs, 1000.0);
    EXPECT_EQ(result->retransmissions, 0);
    EXPECT_EQ(result->address, QStringLiteral("127.0.0.1:%1").arg(sipp.port()));
    EXPECT_EQ(prober.counters().malformed, 0);
    EXPECT_EQ(prober.counters().unmatched, 0);
}

TEST_P(SippProbe, RoundTripAgreesWithSippsOwnLogWithinTenMilliseconds)
{
    // SIPp holds each answer 150 ms (-d); the probe's round trip is that hold
    // plus loopback and both programs' scheduling: within 10 ms of what SIPp
    // logs. A probe timing the wrong span (its connect, a retransmission) is off
    // by tens to hundreds of ms; a loaded two-core machine or a sanitized build
    // delays either program's timestamp by a few (7 ms seen with a load of 10).
    ASSERT_TRUE(startSipp(QStringLiteral("options_200_delayed.xml"), 150));
    QList<double> rtts;
    for (int i = 0; i < 3; ++i) {
        const auto result = cc::test::probeAndWait(prober, sipp.uri(), 3000);
        ASSERT_TRUE(result);
        ASSERT_EQ(result->statusCode, 200) << result->summary().toStdString();
        rtts.append(result->rttMs);
    }
    ASSERT_TRUE(cc::test::waitUntil([this] { return sipp.exchanges().size() >= 3 && sipp.exchanges().at(2).sentUs; }));
    const QList<SippPeer::Exchange> exchanges = sipp.exchanges();
    ASSERT_EQ(exchanges.size(), 3) << "one OPTIONS per probe, no retransmission";
    for (int i = 0; i < 3; ++i) {
        const double hold = exchanges.at(i).holdMs();
        EXPECT_GE(hold, 140.0) << "SIPp's pause is its own timer, to about 10 ms";
        // SIPp stamps its log after it sent (wall clock), the probe stops its
        // monotonic clock on receipt: either may be a fraction of a ms ahead.
        EXPECT_LT(std::abs(rtts.at(i) - hold), 10.0) << "probe " << i << ": rtt " << rtts.at(i) << " ms, SIPp held it " << hold << " ms";
    }
}

TEST_P(SippProbe, FiveOhThreeIsAnAnswerWithItsCode)
{
    const auto result = probeOf(QStringLiteral("options_503.xml"), 3000, SipProbeOutcome::Answered, 503);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->reason, QStringLiteral("Service Unavailable"));
}

TEST_P(SippProbe, SilenceIsATimeoutAfterRetransmissionsOnUdpOnly)
{
    const auto result = probeOf(QStringLiteral("options_silent.xml"), 2000, SipProbeOutcome::Timeout, 0);
    ASSERT_TRUE(result);
    EXPECT_LT(result->rttMs, 0.0);
    if (GetParam() == SipTransport::Udp) {
        // Timer E: sent at 0, again at 0.5 s and 1.5 s, then Timer F at 2 s.
        EXPECT_EQ(result->retransmissions, 2);
        ASSERT_TRUE(cc::test::waitUntil([this] { return sipp.exchanges().size() >= 3; }));
        EXPECT_EQ(sipp.exchanges().size(), 3);
    } else {
        EXPECT_EQ(result->retransmissions, 0) << "no retransmission on a reliable transport (RFC 3261 17.1.2.2)";
    }
    EXPECT_TRUE(result->summary().startsWith(QStringLiteral("no answer within 2 s"))) << result->summary().toStdString();
}

TEST(SippProbeTcp, ConnectionIsReusedAcrossProbes)
{
    if (!SippPeer::available())
        GTEST_SKIP() << "sipp (sip-tester) is not installed";
    SippPeer sipp;
    QString error;
    ASSERT_TRUE(sipp.start(QStringLiteral("options_200.xml"), SipTransport::Tcp, 0, &error)) << error.toStdString();
    cc::SipProber prober;
    for (int i = 0; i < 4; ++i) {
        const auto result = cc::test::probeAndWait(prober, sipp.uri(), 3000);
        ASSERT_TRUE(result);
        EXPECT_EQ(result->statusCode, 200) << "probe " << i << ": " << result->summary().toStdString() << "; SIPp logged "
                                            << sipp.exchanges().size() << " messages";
        EXPECT_EQ(prober.streamConnections(), 1);
    }
}

INSTANTIATE_TEST_SUITE_P(Transports, SippProbe, ::testing::Values(SipTransport::Udp, SipTransport::Tcp),
                         [](const ::testing::TestParamInfo<SipTransport> &info) {
                             return info.param == SipTransport::Udp ? std::string("Udp") : std::string("Tcp");
                         });

} // namespace
