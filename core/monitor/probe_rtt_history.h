#pragma once
// The SIP probe's answers per channel over the last while, for a channel's
// history: round trip (none when the probe got no answer) and the final code,
// fed from the monitor's snapshots. Bounded per channel, and across channels by
// forgetting those no snapshot lists any more, so a console on a wall for days
// holds the same memory on the last day as on the first.

#include "monitor/monitor_snapshot.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace cc {

struct ProbeReading
{
    QDateTime time;                 // the snapshot that carried it (UTC)
    std::optional<double> rttMs;    // none: no answer
    int code = 0;                   // the final answer's SIP code; 0: none
};

class ProbeRttHistory final
{
public:
    // Per channel; the oldest readings go first beyond it (an hour at a 15 s probe interval).
    static constexpr int kMaxReadingsPerChannel = 240;

    // Takes each probed channel's answer when it differs from the last kept,
    // or when `minSpacingSeconds` have passed since (a steady trunk is one reading per spacing).
    void record(const MonitorSnapshot &snapshot, int minSpacingSeconds = 15);
    QList<ProbeReading> readings(const QString &channelId) const;
    qsizetype channelCount() const { return m_readings.size(); }

private:
    QHash<QString, QList<ProbeReading>> m_readings;
};

} // namespace cc
