// The SIP probe's answers kept per channel for its history: one reading per
// change or per spacing, bounded per channel, channels gone forgotten.

#include "monitor/probe_rtt_history.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {

MonitorSnapshot snapshotAt(int second, const QList<std::pair<QString, std::optional<double>>> &channels, int code = 200)
{
    MonitorSnapshot snapshot;
    snapshot.takenAt = QDateTime(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC).addSecs(second);
    for (const auto &[id, rtt] : channels) {
        ChannelHealth health;
        health.id = id;
        health.probed = true;
        health.probe = rtt ? ProbeHealth::Up : ProbeHealth::Down;
        health.probeCode = rtt ? code : 0;
        health.probeRttMs = rtt;
        snapshot.channels.append(health);
    }
    return snapshot;
}

} // namespace

TEST(ProbeRttHistory, KeepsEachChangeAndASteadyTrunkOncePerSpacing)
{
    ProbeRttHistory history;
    history.record(snapshotAt(0, {{QStringLiteral("a"), 20.0}}));
    history.record(snapshotAt(5, {{QStringLiteral("a"), 20.0}}));    // the same answer 5 s later: not kept
    history.record(snapshotAt(10, {{QStringLiteral("a"), 35.0}}));   // a new round trip: kept
    history.record(snapshotAt(15, {{QStringLiteral("a"), std::nullopt}}));   // no answer: kept, without a round trip
    history.record(snapshotAt(40, {{QStringLiteral("a"), std::nullopt}}));   // still none, 25 s on: kept
    const QList<ProbeReading> readings = history.readings(QStringLiteral("a"));
    ASSERT_EQ(readings.size(), 4);
    EXPECT_EQ(readings.at(0).rttMs, 20.0);
    EXPECT_EQ(readings.at(0).code, 200);
    EXPECT_EQ(readings.at(1).rttMs, 35.0);
    EXPECT_FALSE(readings.at(2).rttMs.has_value());
    EXPECT_EQ(readings.at(2).code, 0);
    EXPECT_EQ(readings.at(3).time.secsTo(readings.at(0).time), -40);
}

TEST(ProbeRttHistory, IsBoundedPerChannelAndForgetsChannelsNoLongerListed)
{
    ProbeRttHistory history;
    for (int i = 0; i < 3 * ProbeRttHistory::kMaxReadingsPerChannel; ++i)
        history.record(snapshotAt(i, {{QStringLiteral("a"), double(i)}, {QStringLiteral("b"), 1.0}}));
    const QList<ProbeReading> a = history.readings(QStringLiteral("a"));
    ASSERT_EQ(a.size(), ProbeRttHistory::kMaxReadingsPerChannel);
    EXPECT_EQ(a.constLast().rttMs, double(3 * ProbeRttHistory::kMaxReadingsPerChannel - 1)) << "the newest kept";
    EXPECT_EQ(history.channelCount(), 2);
    history.record(snapshotAt(100000, {{QStringLiteral("a"), 1.0}}));   // b deleted on the tenant
    EXPECT_EQ(history.channelCount(), 1);
    EXPECT_TRUE(history.readings(QStringLiteral("b")).isEmpty());
    // A channel that is not probed leaves nothing.
    MonitorSnapshot unprobed = snapshotAt(100001, {{QStringLiteral("a"), 1.0}});
    unprobed.channels.append(ChannelHealth{});
    unprobed.channels.last().id = QStringLiteral("c");
    history.record(unprobed);
    EXPECT_TRUE(history.readings(QStringLiteral("c")).isEmpty());
}
