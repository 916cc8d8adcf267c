#pragma once
// The figures `cxonectl monitor --metrics-listen` serves to Prometheus, in the
// base units Prometheus asks for (seconds, ratios): per channel (labels
// channel_id and name) the latest snapshot's health, quality and routing; for
// the monitor its cycles, their duration (a histogram), failovers, failbacks
// and standing alarms, and whether it leads (once a leader lease exists); for
// the client its requests by route and code and the rate budget left.
//
// Thread-safe: snapshots and events arrive on the owner's thread, requests are
// counted on the monitor worker's thread, and a scrape reads on the server's.

#include "metrics/histogram.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_snapshot.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QMutex>
#include <QPair>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace cc {

class MonitorMetrics final
{
public:
    MonitorMetrics();
    Q_DISABLE_COPY_MOVE(MonitorMetrics)

    void observeSnapshot(const MonitorSnapshotPtr &snapshot);
    void observeEvent(const MonitorEvent &event);
    // One answered (status > 0) or unanswered (status 0, code "none") request.
    void observeApiRequest(const QByteArray &method, const QString &urlPath, int status);
    // The budget is read at each scrape; without a source the family is left out.
    void setBudgetSource(std::function<int()> remaining);
    // nullopt: no leader lease in use, and cxone_monitor_leader is left out.
    void setLeader(std::optional<bool> leader);

    QByteArray render() const;

private:
    mutable QMutex m_mutex;
    MonitorSnapshotPtr m_last;
    quint64 m_cycles = 0;
    Histogram m_cycleSeconds;
    quint64 m_failovers = 0;
    quint64 m_failbacks = 0;
    QSet<QString> m_alarmed;               // channels whose latest alarm still stands
    QMap<QPair<QString, QString>, quint64> m_requests;   // (route, code) -> count
    std::function<int()> m_budgetRemaining;
    std::optional<bool> m_leader;
};

} // namespace cc
