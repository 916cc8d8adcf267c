#include "monitor/probe_rtt_history.h"

#include <QSet>

namespace cc {

void ProbeRttHistory::record(const MonitorSnapshot &snapshot, int minSpacingSeconds)
{
    QSet<QString> listed;
    listed.reserve(snapshot.channels.size());
    for (const ChannelHealth &health : snapshot.channels) {
        listed.insert(health.id);
        if (!health.probed || (health.probeCode == 0 && !health.probeRttMs && health.probe == ProbeHealth::Unknown))
            continue;   // not probed, or no probe has finished yet
        QList<ProbeReading> &kept = m_readings[health.id];
        const ProbeReading reading{snapshot.takenAt, health.probeRttMs, health.probeCode};
        if (!kept.isEmpty()) {
            const ProbeReading &last = kept.constLast();
            const bool same = last.code == reading.code && last.rttMs == reading.rttMs;
            if (same && last.time.secsTo(reading.time) < minSpacingSeconds)
                continue;
        }
        kept.append(reading);
        if (kept.size() > kMaxReadingsPerChannel)
            kept.remove(0, kept.size() - kMaxReadingsPerChannel);
    }
    for (auto it = m_readings.begin(); it != m_readings.end();) {
        if (listed.contains(it.key()))
            ++it;
        else
            it = m_readings.erase(it);
    }
}

QList<ProbeReading> ProbeRttHistory::readings(const QString &channelId) const
{
    return m_readings.value(channelId);
}

} // namespace cc
