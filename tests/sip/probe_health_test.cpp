// ProbeHealthSettings, ProbeHealthState and ProbeRttStats: Kamailio
// dispatcher's semantics with a fake clock, no network.

#include "common/manual_clock.h"

#include "sip/probe_health_state.h"
#include "sip/probe_rtt_stats.h"

#include <gtest/gtest.h>

using cc::ProbeHealth;
using cc::ProbeHealthSettings;
using cc::ProbeHealthState;
using cc::SipProbeOutcome;
using cc::SipProbeResult;

namespace {

SipProbeResult answer(int code, double rttMs = 10)
{
    SipProbeResult result;
    result.outcome = SipProbeOutcome::Answered;
    result.statusCode = code;
    result.reason = QStringLiteral("R");
    result.rttMs = rttMs;
    return result;
}

SipProbeResult failure(SipProbeOutcome outcome = SipProbeOutcome::Timeout)
{
    SipProbeResult result;
    result.outcome = outcome;
    result.timeoutMs = 5000;
    result.reason = QStringLiteral("why");
    return result;
}

} // namespace

TEST(ProbeHealthSettings, DefaultsAreThreeAndThreeWithTwoHundredsOnly)
{
    const ProbeHealthSettings settings;
    EXPECT_EQ(settings.failuresBeforeDown, 3);
    EXPECT_EQ(settings.successesBeforeUp, 3);
    EXPECT_TRUE(settings.accepts(200));
    EXPECT_TRUE(settings.accepts(202));
    EXPECT_FALSE(settings.accepts(404));
    EXPECT_FALSE(settings.accepts(503));
    EXPECT_FALSE(settings.accepts(100));
    EXPECT_EQ(settings.replyCodesText(), QString());
}

TEST(ProbeHealthSettings, ReadsKamailiosReplyCodeSyntax)
{
    QString error;
    const auto settings = ProbeHealthSettings::withReplyCodes({}, QStringLiteral("code=404; class=4 ;code=501"), &error);
    ASSERT_TRUE(settings) << error.toStdString();
    EXPECT_TRUE(settings->accepts(404));
    EXPECT_TRUE(settings->accepts(403));
    EXPECT_TRUE(settings->accepts(501));
    EXPECT_TRUE(settings->accepts(200));
    EXPECT_FALSE(settings->accepts(503));
    EXPECT_EQ(settings->replyCodesText(), QStringLiteral("code=404;code=501;class=4"));
    for (const QString &bad : {QStringLiteral("404"), QStringLiteral("code=99"), QStringLiteral("class=7"),
                               QStringLiteral("kode=404"), QStringLiteral("code=abc")}) {
        EXPECT_FALSE(ProbeHealthSettings::withReplyCodes({}, bad, &error)) << bad.toStdString();
        EXPECT_TRUE(error.contains(bad.section(QLatin1Char('='), 0))) << error.toStdString();
    }
}

TEST(ProbeHealthSettings, OnlyAnAnswerWithAnAcceptedCodeCountsAsUp)
{
    const ProbeHealthSettings settings;
    EXPECT_TRUE(settings.countsAsUp(answer(200)));
    EXPECT_FALSE(settings.countsAsUp(answer(503)));
    EXPECT_FALSE(settings.countsAsUp(failure(SipProbeOutcome::Refused)));
    SipProbeResult odd = failure();
    odd.statusCode = 200; // a timeout never counts, whatever else it carries
    EXPECT_FALSE(settings.countsAsUp(odd));
}

TEST(ProbeHealthState, DownOnlyAfterThreeFailuresInARow)
{
    cc::ManualClock clock;
    ProbeHealthState state({}, clock);
    EXPECT_EQ(state.health(), ProbeHealth::Unknown);
    for (int i = 0; i < 3; ++i)
        state.observe(answer(200));
    ASSERT_EQ(state.health(), ProbeHealth::Up);
    EXPECT_FALSE(state.observe(failure()));
    EXPECT_FALSE(state.observe(answer(503))); // answered, but not an accepted code: a failure
    clock.advanceSeconds(30);
    EXPECT_TRUE(state.observe(failure(SipProbeOutcome::Refused)));
    EXPECT_EQ(state.health(), ProbeHealth::Down);
    EXPECT_EQ(state.since(), clock.nowUtc());
    EXPECT_EQ(state.failureRun(), 3);
}

TEST(ProbeHealthState, AFlappingTrunkNeverChangesState)
{
    cc::ManualClock clock;
    ProbeHealthState state({}, clock);
    for (int i = 0; i < 3; ++i)
        state.observe(answer(200));
    for (int i = 0; i < 20; ++i) {
        EXPECT_FALSE(state.observe(i % 3 == 2 ? answer(200) : failure()));
        EXPECT_EQ(state.health(), ProbeHealth::Up);
    }
}

TEST(ProbeHealthState, UpAgainOnlyAfterThreeAcceptedAnswers)
{
    cc::ManualClock clock;
    ProbeHealthState state({}, clock);
    for (int i = 0; i < 3; ++i)
        state.observe(failure());
    ASSERT_EQ(state.health(), ProbeHealth::Down);
    EXPECT_FALSE(state.observe(answer(200)));
    EXPECT_FALSE(state.observe(answer(200)));
    EXPECT_TRUE(state.observe(answer(200)));
    EXPECT_EQ(state.health(), ProbeHealth::Up);
}

TEST(ProbeHealthState, ThresholdsOfOneAreKamailiosDefaultsAndCancelledProbesSayNothing)
{
    cc::ManualClock clock;
    ProbeHealthSettings settings;
    settings.failuresBeforeDown = 1;
    settings.successesBeforeUp = 1;
    ProbeHealthState state(settings, clock);
    EXPECT_TRUE(state.observe(answer(200)));
    EXPECT_FALSE(state.observe(failure(SipProbeOutcome::Cancelled)));
    EXPECT_EQ(state.health(), ProbeHealth::Up);
    EXPECT_TRUE(state.observe(failure(SipProbeOutcome::DnsFailed)));
    EXPECT_EQ(state.health(), ProbeHealth::Down);
    settings.failuresBeforeDown = 0; // below one is taken as one
    state.setSettings(settings);
    EXPECT_EQ(state.settings().failuresBeforeDown, 1);
}

TEST(ProbeRttStats, KeepsMinMaxMeanDeviationAndEstimate)
{
    cc::ProbeRttStats stats;
    for (const double rtt : {10.0, 20.0, 30.0})
        stats.addAnswer(rtt);
    stats.addTimeout();
    EXPECT_EQ(stats.answers(), 3);
    EXPECT_EQ(stats.timeouts(), 1);
    EXPECT_DOUBLE_EQ(stats.minMs(), 10.0);
    EXPECT_DOUBLE_EQ(stats.maxMs(), 30.0);
    EXPECT_DOUBLE_EQ(stats.meanMs(), 20.0);
    EXPECT_DOUBLE_EQ(stats.stdDevMs(), 10.0);
    EXPECT_DOUBLE_EQ(stats.lastMs(), 30.0);
    // EWMA with alpha 0.9: 10, then 0.9*10 + 0.1*20 = 11, then 0.9*11 + 0.1*30 = 12.9.
    EXPECT_NEAR(stats.estimateMs(), 12.9, 1e-9);
    EXPECT_EQ(stats.toJson().value(QStringLiteral("max_ms")).toDouble(), 30.0);
}
