// The Prometheus text the monitor serves: base units, escaping, histogram,
// absent figures left out, and promtool accepting the whole scrape.

#include "metrics/api_route.h"
#include "metrics/histogram.h"
#include "metrics/monitor_metrics.h"
#include "metrics/prometheus_text.h"
#include "metrics_tool.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace cc;

namespace {

// The labels of snapshotWithTwoChannels()'s two rows, escaped as the exposition format wants.
const QString kLabelsA = QStringLiteral("{channel_id=\"ch_1\",name=\"Carrier \\\"A\\\" \\\\ east\\nline\"}");
const QString kLabelsB = QStringLiteral("{channel_id=\"ch_2\",name=\"Carrier B\"}");

MonitorSnapshotPtr snapshotWithTwoChannels()
{
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->cycle = 1;
    snapshot->cycleMs = 120;
    ChannelHealth up;
    up.id = QStringLiteral("ch_1");
    up.name = QStringLiteral("Carrier \"A\" \\ east\nline");
    up.health = HealthState::Up;
    up.latencyMs = 42.0;
    up.jitterMs = 5.0;
    up.packetLossPct = 0.5;
    up.mos = 4.2;
    ChannelHealth down;
    down.id = QStringLiteral("ch_2");
    down.name = QStringLiteral("Carrier B");
    down.health = HealthState::Down;
    down.routedVia = QStringLiteral("ch_1");
    snapshot->channels = {up, down};
    return snapshot;
}

} // namespace

TEST(PrometheusText, EscapesLabelValuesAsTheFormatAsks)
{
    EXPECT_EQ(PrometheusText::escapeLabelValue(QStringLiteral("a\"b\\c\nd")), QStringLiteral("a\\\"b\\\\c\\nd"));
}

TEST(PrometheusText, WritesNumbersShortestAndSpecialValuesAsPrometheusSpellsThem)
{
    EXPECT_EQ(PrometheusText::formatValue(0.042), QStringLiteral("0.042"));
    EXPECT_EQ(PrometheusText::formatValue(3.0), QStringLiteral("3"));
    EXPECT_EQ(PrometheusText::formatValue(std::numeric_limits<double>::infinity()), QStringLiteral("+Inf"));
    EXPECT_EQ(PrometheusText::formatValue(-std::numeric_limits<double>::infinity()), QStringLiteral("-Inf"));
    EXPECT_EQ(PrometheusText::formatValue(std::nan("")), QStringLiteral("NaN"));
}

TEST(Histogram, CountsAreCumulativeAndInfHoldsEveryObservation)
{
    Histogram histogram({0.1, 1.0});
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(7.0);
    PrometheusText out;
    histogram.write(out, QStringLiteral("d"));
    const QByteArray text = out.text();
    EXPECT_TRUE(text.contains("d_bucket{le=\"0.1\"} 1\n")) << text.constData();
    EXPECT_TRUE(text.contains("d_bucket{le=\"1\"} 2\n")) << text.constData();
    EXPECT_TRUE(text.contains("d_bucket{le=\"+Inf\"} 3\n")) << text.constData();
    EXPECT_TRUE(text.contains("d_sum 7.55\n")) << text.constData();
    EXPECT_TRUE(text.contains("d_count 3\n")) << text.constData();
}

TEST(ApiRoute, ChannelIdsBecomeOneRouteAndTheBasePathIsDropped)
{
    EXPECT_EQ(apiRouteTemplate(QStringLiteral("/api/v2/channels/ch_7f3a2c")), QStringLiteral("/api/v2/channels/{id}"));
    EXPECT_EQ(apiRouteTemplate(QStringLiteral("/tenant/x/api/v2/channels")), QStringLiteral("/api/v2/channels"));
    EXPECT_EQ(apiRouteTemplate(QStringLiteral("/api/v2/telemetry/metrics")), QStringLiteral("/api/v2/telemetry/metrics"));
    EXPECT_EQ(apiRouteTemplate(QStringLiteral("/api/v2/oauth/token")), QStringLiteral("/api/v2/oauth/token"));
}

TEST(MonitorMetrics, ChannelFiguresAreInBaseUnitsAndAbsentFiguresAreLeftOut)
{
    MonitorMetrics metrics;
    metrics.observeSnapshot(snapshotWithTwoChannels());
    const QString text = QString::fromUtf8(metrics.render());
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_up") + kLabelsA + QStringLiteral(" 1\n"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_up") + kLabelsB + QStringLiteral(" 0\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_latency_seconds") + kLabelsA + QStringLiteral(" 0.042\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_jitter_seconds") + kLabelsA + QStringLiteral(" 0.005\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_packet_loss_ratio") + kLabelsA + QStringLiteral(" 0.005\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_mos") + kLabelsA + QStringLiteral(" 4.2\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_routed_via_backup") + kLabelsB + QStringLiteral(" 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_channel_routed_via_backup") + kLabelsA + QStringLiteral(" 0\n")));
    // ch_2 had no telemetry: no latency sample at all, not a zero.
    EXPECT_FALSE(text.contains(QStringLiteral("cxone_channel_latency_seconds") + kLabelsB));
    EXPECT_FALSE(text.contains(QStringLiteral("cxone_channel_mos") + kLabelsB));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_cycles_total 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_cycle_duration_seconds_bucket{le=\"0.25\"} 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_cycle_duration_seconds_bucket{le=\"0.1\"} 0\n")));
    // No lease in use: the leader gauge is not claimed.
    EXPECT_FALSE(text.contains(QStringLiteral("cxone_monitor_leader")));
}

TEST(MonitorMetrics, SipProbeFiguresAppearForProbedChannelsWhoseProbeHasDecided)
{
    auto snapshot = std::make_shared<MonitorSnapshot>(*snapshotWithTwoChannels());
    snapshot->channels[0].probed = true;
    snapshot->channels[0].probe = ProbeHealth::Up;
    snapshot->channels[0].probeCode = 200;
    snapshot->channels[0].probeRttMs = 12.5;
    snapshot->channels[1].probed = true;
    snapshot->channels[1].probe = ProbeHealth::Down;   // no answer: no round trip
    MonitorMetrics metrics;
    metrics.observeSnapshot(snapshot);
    const QString text = QString::fromUtf8(metrics.render());
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_sip_probe_up") + kLabelsA + QStringLiteral(" 1\n"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_sip_probe_up") + kLabelsB + QStringLiteral(" 0\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_sip_probe_rtt_seconds") + kLabelsA + QStringLiteral(" 0.0125\n")));
    EXPECT_FALSE(text.contains(QStringLiteral("cxone_sip_probe_rtt_seconds") + kLabelsB));

    // Unprobed (or not yet decided) channels claim nothing.
    MonitorMetrics unprobed;
    unprobed.observeSnapshot(snapshotWithTwoChannels());
    const QString plain = QString::fromUtf8(unprobed.render());
    EXPECT_FALSE(plain.contains(QStringLiteral("cxone_sip_probe_up{")));
    EXPECT_FALSE(plain.contains(QStringLiteral("cxone_sip_probe_rtt_seconds{")));
}

TEST(MonitorMetrics, CountsFailoversFailbacksRequestsAndStandingAlarms)
{
    MonitorMetrics metrics;
    MonitorEvent alarm{QString(events::kAlarm), QStringLiteral("ch_3"), EventSource::Automatic, {}, {}};
    MonitorEvent failover{QString(events::kFailoverDone), QStringLiteral("ch_2"), EventSource::Automatic, {}, {}};
    MonitorEvent failback{QString(events::kFailbackDone), QStringLiteral("ch_2"), EventSource::Manual, {}, {}};
    metrics.observeEvent(alarm);
    metrics.observeEvent(failover);
    metrics.observeEvent(failback);
    metrics.observeEvent(failover);
    metrics.observeApiRequest("GET", QStringLiteral("/api/v2/channels"), 200);
    metrics.observeApiRequest("GET", QStringLiteral("/api/v2/channels"), 200);
    metrics.observeApiRequest("PATCH", QStringLiteral("/api/v2/channels/ch_2"), 412);
    metrics.observeApiRequest("POST", QStringLiteral("/api/v2/telemetry/metrics"), 0);
    metrics.setBudgetSource([] { return 57; });
    QString text = QString::fromUtf8(metrics.render());
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_failovers_total 2\n"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_failbacks_total 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_alarms 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_api_requests_total{route=\"GET /api/v2/channels\",code=\"200\"} 2\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_api_requests_total{route=\"PATCH /api/v2/channels/{id}\",code=\"412\"} 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_api_requests_total{route=\"POST /api/v2/telemetry/metrics\",code=\"none\"} 1\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_api_budget_remaining 57\n")));
    // The alarmed channel is up on its own route again: the alarm no longer stands.
    auto snapshot = std::make_shared<MonitorSnapshot>();
    ChannelHealth recovered;
    recovered.id = QStringLiteral("ch_3");
    recovered.health = HealthState::Up;
    snapshot->channels = {recovered};
    metrics.observeSnapshot(snapshot);
    text = QString::fromUtf8(metrics.render());
    EXPECT_TRUE(text.contains(QStringLiteral("cxone_monitor_alarms 0\n"))) << text.toStdString();
}

TEST(MonitorMetrics, LeaderGaugeAppearsOnceALeaseIsInUse)
{
    MonitorMetrics metrics;
    metrics.setLeader(false);
    EXPECT_TRUE(metrics.render().contains("cxone_monitor_leader 0\n"));
    metrics.setLeader(true);
    EXPECT_TRUE(metrics.render().contains("cxone_monitor_leader 1\n"));
}

TEST(MonitorMetrics, PromtoolAcceptsTheWholeScrape)
{
    MonitorMetrics metrics;
    metrics.observeSnapshot(snapshotWithTwoChannels());
    metrics.observeApiRequest("GET", QStringLiteral("/api/v2/channels"), 200);
    metrics.setBudgetSource([] { return 98; });
    metrics.setLeader(true);
    const test::PromtoolResult result = test::promtoolCheckMetrics(metrics.render());
    ASSERT_TRUE(result.ran) << "promtool is missing: scripts/setup installs Debian's prometheus package";
    EXPECT_EQ(result.exitCode, 0) << result.output.toStdString();
    EXPECT_TRUE(result.output.trimmed().isEmpty()) << result.output.toStdString();
}
