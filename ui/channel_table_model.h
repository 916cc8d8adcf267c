#pragma once
// The tenant's channels as a table for the Channels page. Fed a whole list per
// refresh or monitor tick, it diffs by channel id so views keep their selection
// and scroll position, and sends as few signals as it can (5,000 rows stay smooth).

#include "model/channel.h"
#include "monitor/monitor_snapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace cc::ui {

class ChannelTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelTableModel)

public:
    enum class Column { Name, Id, Status, Trunk, Codecs, FailoverTargets, RoutedVia, Updated, Count };
    Q_ENUM(Column)

    enum Role {
        // The value the proxy sorts by: numbers and times as numbers.
        RawValueRole = Qt::UserRole + 1,
        ChannelIdRole,
    };

    explicit ChannelTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Makes the rows equal to `channels`: rows whose id vanished are removed,
    // rows whose channel changed are updated in place, new ids are appended.
    void applyChannels(const QList<Channel> &channels);
    // A monitor cycle's view: status, name and routing of the channels already
    // listed are updated in place. True when a full list is due: the cycle saw
    // other channels than the table has (added or deleted on the tenant), or a
    // channel's routing changed (its version and update time changed with it).
    bool applyHealth(const QList<ChannelHealth> &health);
    // One channel created or changed by this console (an editor's save).
    void upsertChannel(const Channel &channel);
    void removeChannel(const QString &id);

    const QList<Channel> &channels() const { return m_channels; }
    const Channel *channelAt(int row) const;
    const Channel *channelById(const QString &id) const;
    int rowOf(const QString &id) const;
    // The channel's name for display, or the id itself when it is unknown.
    QString displayName(const QString &id) const;

    static int column(Column c) { return static_cast<int>(c); }

private:
    QVariant displayData(const Channel &channel, Column column) const;
    QVariant rawData(const Channel &channel, Column column) const;
    void rebuildIndex();
    void emitRowRangesChanged(const QList<int> &rows);
    void emitChanges(QList<int> rows, bool namesChanged);

    QList<Channel> m_channels;
    QHash<QString, int> m_rowById;
};

} // namespace cc::ui
