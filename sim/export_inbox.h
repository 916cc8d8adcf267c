#pragma once
// What the customer's export receiver (contract section 5) got: audit entries
// deduplicated by id in arrival order, metric batches, and how many requests came
// with a wrong credential (a CXone token among them).

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace cc::sim {

class ExportInbox final
{
public:
    // True when the entry's id was new.
    bool addEntry(const QJsonObject &entry);
    void addMetricsBatch(const QJsonObject &batch);
    void countBadAuth() { ++m_badAuth; }

    int uniqueEntries() const { return static_cast<int>(m_entries.size()); }
    QJsonObject toJson() const;
    void clear();

private:
    QJsonArray m_entries;
    QSet<QString> m_ids;
    QJsonArray m_metricsBatches;
    qint64 m_receivedTotal = 0;
    qint64 m_badAuth = 0;
};

} // namespace cc::sim
