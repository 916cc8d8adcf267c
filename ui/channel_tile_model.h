#pragma once
// The dashboard's tiles, one row per channel, fed by the monitor's snapshots.
// applySnapshot() updates the rows and only marks them dirty; flush() (called
// by the dashboard's single repaint timer) sends one dataChanged over the dirty
// range, so 1,000 channels updating every cycle cost one repaint, not 1,000.
// Rows keep their place (new channels are appended, vanished ones removed), so
// the view's selection and scroll survive.

#include "channel_tile.h"

#include "monitor/monitor_event.h"

#include <QAbstractListModel>
#include <QHash>

namespace cc::ui {

class ChannelTileModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelTileModel)

public:
    enum Role {
        TileRole = Qt::UserRole + 1,   // const ChannelTile *
        ChannelIdRole,
        // Worse is higher: down, unhealthy, degraded, stale, failed over, no data, up.
        SeverityRole,
        // Name, id, status words: what the filter box matches.
        SearchTextRole,
    };

    explicit ChannelTileModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Forgets every tile (another tenant's monitor takes over).
    void clear();
    // A monitor cycle. Returns at once; views learn of it at the next flush().
    void applySnapshot(const MonitorSnapshotPtr &snapshot);
    // A routing change the monitor made after its snapshot (failover_done,
    // failback_done): shown at once, with the event's time, not a cycle later.
    void applyEvent(const MonitorEvent &event);
    // Several at once: routing and alarms judged once for all of them.
    void applyEvents(const MonitorEventList &events);
    // Re-judges staleness against `now` (the snapshot's age counts as well).
    void updateStaleness(const QDateTime &now);
    // Sends the pending change signals; true when there were any.
    bool flush();
    bool isDirty() const { return m_dirtyFirst >= 0; }

    const ChannelTile *tileAt(int row) const;
    const ChannelTile *tileById(const QString &id) const;
    int rowOf(const QString &id) const;
    MonitorSnapshotPtr snapshot() const { return m_snapshot; }

    static int severity(const ChannelTile &tile);

private:
    void markDirty(int row);
    void rebuildIndex();
    // Who is carried by whom, and which tiles need a person: over every tile at once.
    void judgeRoutingAndAlarms();
    // A failover or failback done: the tile's routing (true when it changed).
    bool applyRouting(const MonitorEvent &event);
    bool judgeStale(ChannelTile *tile, const QDateTime &now) const;

    QList<ChannelTile> m_tiles;
    QHash<QString, int> m_rowById;
    MonitorSnapshotPtr m_snapshot;
    int m_dirtyFirst = -1;
    int m_dirtyLast = -1;
};

} // namespace cc::ui
