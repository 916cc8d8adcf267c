#pragma once
// The dashboard's feed of recent monitor events (state changes, failovers,
// alarms), newest first, capped so a long-running console does not grow
// without bound. Names channels through a lookup the page keeps current.
// Each line carries the engine's own readable message (the one the audit trail
// stores in the event's details), with channel ids replaced by names. Every
// channel's first verdict (unknown -> up or down, one per channel when the
// monitor starts: about 1,000 at scale) is folded into one "First verdicts"
// line that counts them, naming the channels found down.

#include "monitor/monitor_event.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QHash>
#include <QList>
#include <QSet>

namespace cc::ui {

class EventFeedModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFeedModel)

public:
    static constexpr int kDefaultCapacity = 500;

    enum Role {
        EventTypeRole = Qt::UserRole + 1,
        ChannelIdRole,
        // The line, the channel's id and the event's type: what the feed's search matches.
        SearchTextRole,
    };
    // The type of the line that sums up the first verdicts (not a monitor event type).
    static const QString kFirstVerdictsType;

    explicit EventFeedModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void addEvent(const MonitorEvent &event);
    // Several at once, oldest first: one insertion and at most one change
    // signalled, however many (a cycle's 5,000 first verdicts fold into one line).
    void addEvents(const MonitorEventList &events);
    void clear();
    void setChannelNames(const QHash<QString, QString> &names) { m_names = names; }
    void setCapacity(int capacity);
    const MonitorEvent &eventAt(int row) const { return m_events.at(row); }

    // One line for a person: "10:42:03  Failover done: prod-east (automatic) — reason".
    QString describe(const MonitorEvent &event) const;
    // Whether the event deserves a desktop notification (a channel went down or failed over).
    static bool isNotable(const MonitorEvent &event);

private:
    // True when `event` was folded into the first-verdicts line: the newest
    // such line in `fresh` (rows not yet inserted, oldest first), else in the
    // model (then *changedRow is its row), else a new one appended to `fresh`.
    bool foldFirstVerdict(const MonitorEvent &event, QList<MonitorEvent> &fresh, int *changedRow);
    QString withNames(QString text) const;
    void trimToCapacity();

    QList<MonitorEvent> m_events;   // newest first
    QSet<QString> m_judged;         // channels whose first verdict has been seen
    QHash<QString, QString> m_names;
    mutable QList<QIcon> m_icons;   // warning, action, information: made on first use
    int m_capacity = kDefaultCapacity;
};

} // namespace cc::ui
