#pragma once
// Round-trip statistics of one trunk's answered probes, as Kamailio's
// dispatcher keeps them (ds_ping_latency_stats: min, max, average, standard
// deviation, and a short-term EWMA estimate with alpha 0.9, its
// ds_latency_estimator_alpha default of 900/1000) and FreeSWITCH shows as
// ping / ping-min / ping-max. Timeouts are counted, not averaged in.

#include <QJsonObject>

namespace cc {

class ProbeRttStats final
{
public:
    static constexpr double kEstimatorAlpha = 0.9;

    void addAnswer(double rttMs);
    void addTimeout() { ++m_timeouts; }

    qint64 answers() const { return m_count; }
    qint64 timeouts() const { return m_timeouts; }
    double lastMs() const { return m_last; }
    double minMs() const { return m_min; }
    double maxMs() const { return m_max; }
    double meanMs() const { return m_mean; }
    double stdDevMs() const;
    double estimateMs() const { return m_estimate; }

    QJsonObject toJson() const;

private:
    qint64 m_count = 0;
    qint64 m_timeouts = 0;
    double m_last = 0;
    double m_min = 0;
    double m_max = 0;
    double m_mean = 0;
    double m_m2 = 0;        // Welford's running sum of squared deviations
    double m_estimate = 0;
};

} // namespace cc
