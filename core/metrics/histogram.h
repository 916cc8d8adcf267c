#pragma once
// A Prometheus histogram: cumulative counts under fixed upper bounds (seconds
// for durations), their sum and count. Not thread-safe by itself: its owner
// (MonitorMetrics) holds the lock.

#include "metrics/prometheus_text.h"

#include <QList>
#include <QString>

namespace cc {

class Histogram final
{
public:
    explicit Histogram(QList<double> upperBounds);

    void observe(double value);
    // NAME_bucket{le=...} (cumulative, +Inf last), NAME_sum, NAME_count.
    void write(PrometheusText &out, const QString &name) const;

    quint64 count() const { return m_count; }
    double sum() const { return m_sum; }

private:
    QList<double> m_bounds;
    QList<quint64> m_counts;   // per bound, not cumulative
    quint64 m_count = 0;
    double m_sum = 0.0;
};

} // namespace cc
