#include "sip/probe_rtt_stats.h"

#include <algorithm>
#include <cmath>

namespace cc {

void ProbeRttStats::addAnswer(double rttMs)
{
    ++m_count;
    m_last = rttMs;
    if (m_count == 1) {
        m_min = m_max = m_mean = m_estimate = rttMs;
        m_m2 = 0;
        return;
    }
    m_min = std::min(m_min, rttMs);
    m_max = std::max(m_max, rttMs);
    const double delta = rttMs - m_mean;
    m_mean += delta / static_cast<double>(m_count);
    m_m2 += delta * (rttMs - m_mean);
    m_estimate = kEstimatorAlpha * m_estimate + (1.0 - kEstimatorAlpha) * rttMs;
}

double ProbeRttStats::stdDevMs() const
{
    return m_count > 1 ? std::sqrt(m_m2 / static_cast<double>(m_count - 1)) : 0.0;
}

QJsonObject ProbeRttStats::toJson() const
{
    QJsonObject object{{QStringLiteral("answers"), m_count}, {QStringLiteral("timeouts"), m_timeouts}};
    if (m_count > 0) {
        const auto ms = [](double value) { return std::round(value * 1000.0) / 1000.0; };
        object.insert(QStringLiteral("last_ms"), ms(m_last));
        object.insert(QStringLiteral("min_ms"), ms(m_min));
        object.insert(QStringLiteral("max_ms"), ms(m_max));
        object.insert(QStringLiteral("mean_ms"), ms(m_mean));
        object.insert(QStringLiteral("stddev_ms"), ms(stdDevMs()));
        object.insert(QStringLiteral("estimate_ms"), ms(m_estimate));
    }
    return object;
}

} // namespace cc
