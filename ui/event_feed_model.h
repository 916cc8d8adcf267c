#pragma once
// The dashboard's feed of recent monitor events (state changes, failovers,
// alarms), newest first, capped so a long-running console does not grow
// without bound. Names channels through a lookup the page keeps current.

#include "monitor/monitor_event.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace cc::ui {

class EventFeedModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFeedModel)

public:
    static constexpr int kDefaultCapacity = 500;

    enum Role { EventTypeRole = Qt::UserRole + 1, ChannelIdRole };

    explicit EventFeedModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void addEvent(const MonitorEvent &event);
    void clear();
    void setChannelNames(const QHash<QString, QString> &names) { m_names = names; }
    void setCapacity(int capacity);
    const MonitorEvent &eventAt(int row) const { return m_events.at(row); }

    // One line for a person: "10:42:03  Failover done: prod-east (automatic) — reason".
    QString describe(const MonitorEvent &event) const;
    // Whether the event deserves a desktop notification (a channel went down or failed over).
    static bool isNotable(const MonitorEvent &event);

private:
    QList<MonitorEvent> m_events;   // newest first
    QHash<QString, QString> m_names;
    int m_capacity = kDefaultCapacity;
};

} // namespace cc::ui
