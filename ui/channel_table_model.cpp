#include "channel_table_model.h"

#include "row_table.h"

#include "status_presentation.h"

#include <QLocale>
#include <QSet>

namespace cc::ui {

namespace {

QString codecsText(const QList<Codec> &codecs)
{
    QStringList names;
    names.reserve(codecs.size());
    for (const Codec &codec : codecs)
        names.append(codec.name);
    return names.join(QStringLiteral(", "));
}

} // namespace

ChannelTableModel::ChannelTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ChannelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_channels.size());
}

int ChannelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant ChannelTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Channel &channel = m_channels.at(index.row());
    const auto col = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(channel, col);
    case Qt::ToolTipRole:
        if (col == Column::Status)
            return statusDescription(channel.status);
        if (col == Column::RoutedVia && !channel.isFailedOver())
            return tr("%1 carries its own traffic").arg(channel.name);
        if (col == Column::RoutedVia)
            return tr("Traffic of %1 is routed via %2 (%3)")
                .arg(channel.name, displayName(channel.routing.primaryChannelId), channel.routing.primaryChannelId);
        return displayData(channel, col);
    case Qt::DecorationRole:
        // Status is shown by icon and word together, never by colour alone.
        if (col == Column::Status)
            return statusIcon(channel.status);
        return {};
    case RawValueRole:
        return rawData(channel, col);
    case ChannelIdRole:
        return channel.id;
    default:
        return {};
    }
}

QVariant ChannelTableModel::displayData(const Channel &channel, Column column) const
{
    switch (column) {
    case Column::Name:
        return channel.name;
    case Column::Id:
        return channel.id;
    case Column::Status:
        return statusText(channel.status);
    case Column::Trunk:
        return QStringLiteral("%1:%2").arg(channel.configuration.sipServer).arg(channel.configuration.sipPort);
    case Column::Codecs:
        return codecsText(channel.configuration.codecs);
    case Column::FailoverTargets: {
        QStringList names;
        for (const QString &id : channel.routing.failoverChannels)
            names.append(displayName(id));
        return names.join(QStringLiteral(" → "));
    }
    case Column::RoutedVia:
        return channel.isFailedOver() ? displayName(channel.routing.primaryChannelId) : tr("(itself)");
    case Column::Updated:
        return channel.updatedAt.isValid()
            ? QLocale().toString(channel.updatedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
            : QString();
    case Column::Count:
        break;
    }
    return {};
}

QVariant ChannelTableModel::rawData(const Channel &channel, Column column) const
{
    switch (column) {
    case Column::Status:
        // Worst first when sorted descending: the order of statusRank().
        return statusRank(channel.status);
    case Column::Trunk:
        // Server, then port as a number: "a:5070" after "a:5062".
        return QStringLiteral("%1:%2").arg(channel.configuration.sipServer).arg(channel.configuration.sipPort, 5, 10, QLatin1Char('0'));
    case Column::Updated:
        return channel.updatedAt.isValid() ? channel.updatedAt.toMSecsSinceEpoch() : qint64(0);
    default:
        return displayData(channel, column);
    }
}

QVariant ChannelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // In Column order.
    const QStringList titles{tr("Name"), tr("Id"), tr("Status"), tr("Trunk"), tr("Codecs"),
                             tr("Failover targets"), tr("Routed via"), tr("Updated")};
    return columnTitle(*this, titles, section, orientation, role);
}

void ChannelTableModel::applyChannels(const QList<Channel> &channels)
{
    QHash<QString, qsizetype> incoming;
    incoming.reserve(channels.size());
    for (qsizetype i = 0; i < channels.size(); ++i)
        incoming.insert(channels.at(i).id, i);

    // Names shown in other rows (failover targets, routed via) follow a rename
    // or a removal, so those columns are refreshed for every row then.
    bool namesChanged = false;

    // Removals, from the bottom up, one signal per contiguous run.
    for (int row = static_cast<int>(m_channels.size()) - 1; row >= 0;) {
        if (incoming.contains(m_channels.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_channels.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_channels.remove(first, row - first + 1);
        endRemoveRows();
        namesChanged = true;
        row = first - 1;
    }
    rebuildIndex();

    // Changes in place.
    QList<int> changedRows;
    QSet<QString> seen;
    seen.reserve(m_channels.size());
    for (int row = 0; row < m_channels.size(); ++row) {
        Channel &current = m_channels[row];
        const Channel &next = channels.at(incoming.value(current.id));
        seen.insert(current.id);
        if (current == next)
            continue;
        if (current.name != next.name)
            namesChanged = true;
        current = next;
        changedRows.append(row);
    }
    emitChanges(changedRows, false);

    // Additions, appended in the order given, in one signal.
    QList<Channel> added;
    for (const Channel &channel : channels) {
        if (!seen.contains(channel.id)) {
            seen.insert(channel.id);
            added.append(channel);
        }
    }
    if (!added.isEmpty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1); // last is inclusive
        m_channels.append(added);
        rebuildIndex();
        endInsertRows();
        namesChanged = true;
    }

    if (namesChanged && !m_channels.isEmpty()) {
        const int last = rowCount() - 1;
        emit dataChanged(index(0, column(Column::FailoverTargets)), index(last, column(Column::RoutedVia)));
    }
}

bool ChannelTableModel::applyHealth(const QList<ChannelHealth> &health)
{
    bool membershipDiffers = health.size() != m_channels.size();
    bool namesChanged = false;
    QList<int> changedRows;
    for (const ChannelHealth &h : health) {
        const int row = rowOf(h.id);
        if (row < 0) {
            membershipDiffers = true;
            continue;
        }
        Channel &channel = m_channels[row];
        if (channel.status == h.tenantStatus && channel.routing.primaryChannelId == h.routedVia && channel.name == h.name)
            continue;
        namesChanged |= channel.name != h.name;
        membershipDiffers |= channel.routing.primaryChannelId != h.routedVia;
        channel.status = h.tenantStatus;
        channel.routing.primaryChannelId = h.routedVia;
        channel.name = h.name;
        changedRows.append(row);
    }
    std::sort(changedRows.begin(), changedRows.end());
    emitChanges(changedRows, namesChanged);
    return membershipDiffers;
}

void ChannelTableModel::emitChanges(QList<int> rows, bool namesChanged)
{
    if (m_channels.isEmpty())
        return;
    // Past half the rows, one signal for all is cheaper for the proxy and the
    // view than many small ones.
    if (rows.size() * 2 > m_channels.size()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    emitRowRangesChanged(rows);
    if (namesChanged)
        emit dataChanged(index(0, column(Column::FailoverTargets)), index(rowCount() - 1, column(Column::RoutedVia)));
}

void ChannelTableModel::upsertChannel(const Channel &channel)
{
    const int row = rowOf(channel.id);
    if (row < 0) {
        const int first = rowCount();
        beginInsertRows({}, first, first);
        m_channels.append(channel);
        m_rowById.insert(channel.id, first);
        endInsertRows();
    } else {
        const bool renamed = m_channels.at(row).name != channel.name;
        m_channels[row] = channel;
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
        if (!renamed)
            return;
    }
    emit dataChanged(index(0, column(Column::FailoverTargets)), index(rowCount() - 1, column(Column::RoutedVia)));
}

void ChannelTableModel::removeChannel(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_channels.removeAt(row);
    rebuildIndex();
    endRemoveRows();
    if (!m_channels.isEmpty())
        emit dataChanged(index(0, column(Column::FailoverTargets)), index(rowCount() - 1, column(Column::RoutedVia)));
}

const Channel *ChannelTableModel::channelAt(int row) const
{
    return row >= 0 && row < m_channels.size() ? &m_channels.at(row) : nullptr;
}

const Channel *ChannelTableModel::channelById(const QString &id) const
{
    return channelAt(rowOf(id));
}

int ChannelTableModel::rowOf(const QString &id) const
{
    return m_rowById.value(id, -1);
}

QString ChannelTableModel::displayName(const QString &id) const
{
    const Channel *channel = channelById(id);
    return channel ? channel->name : id;
}

void ChannelTableModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_channels.size());
    for (int row = 0; row < m_channels.size(); ++row)
        m_rowById.insert(m_channels.at(row).id, row);
}

void ChannelTableModel::emitRowRangesChanged(const QList<int> &rows)
{
    // `rows` is ascending: one signal per contiguous run.
    const int lastColumn = columnCount() - 1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        emit dataChanged(index(rows.at(i), 0), index(rows.at(j), lastColumn));
        i = j + 1;
    }
}

} // namespace cc::ui
