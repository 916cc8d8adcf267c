#include "metrics/histogram.h"

#include <algorithm>

namespace cc {

Histogram::Histogram(QList<double> upperBounds)
    : m_bounds(std::move(upperBounds))
{
    std::sort(m_bounds.begin(), m_bounds.end());
    m_counts.fill(0, m_bounds.size());
}

void Histogram::observe(double value)
{
    ++m_count;
    m_sum += value;
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        if (value <= m_bounds.at(i)) {
            ++m_counts[i];
            break;
        }
    }
}

void Histogram::write(PrometheusText &out, const QString &name) const
{
    quint64 cumulative = 0;
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        cumulative += m_counts.at(i);
        out.sample(name + QStringLiteral("_bucket"), {{QStringLiteral("le"), PrometheusText::formatValue(m_bounds.at(i))}},
                   static_cast<double>(cumulative));
    }
    out.sample(name + QStringLiteral("_bucket"), {{QStringLiteral("le"), QStringLiteral("+Inf")}}, static_cast<double>(m_count));
    out.sample(name + QStringLiteral("_sum"), m_sum);
    out.sample(name + QStringLiteral("_count"), static_cast<double>(m_count));
}

} // namespace cc
