#include "export_inbox.h"

#include "api/contract.h"

namespace cc::sim {

bool ExportInbox::addEntry(const QJsonObject &entry)
{
    ++m_receivedTotal;
    const QString id = entry.value(api::kKeyId).toString();
    if (m_ids.contains(id))
        return false;
    m_ids.insert(id);
    m_entries.append(entry);
    return true;
}

void ExportInbox::addMetricsBatch(const QJsonObject &batch)
{
    m_metricsBatches.append(batch);
}

QJsonObject ExportInbox::toJson() const
{
    return QJsonObject{
        {QStringLiteral("entries"), m_entries},
        {QStringLiteral("received_total"), m_receivedTotal},
        {QStringLiteral("metrics_batches"), m_metricsBatches},
        {QStringLiteral("bad_auth"), m_badAuth},
    };
}

void ExportInbox::clear()
{
    *this = ExportInbox();
}

} // namespace cc::sim
