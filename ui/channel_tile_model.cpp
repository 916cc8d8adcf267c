#include "channel_tile_model.h"

#include "status_presentation.h"

#include <algorithm>

namespace cc::ui {

namespace {

// A reading is stale when it is older than three cycles (plus the bucket the
// telemetry is averaged over): the monitor or the tenant has stopped telling us.
constexpr qint64 kStaleCycles = 3;
constexpr qint64 kTelemetryBucketSlackMs = 20 * 1000;

} // namespace

ChannelTileModel::ChannelTileModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ChannelTileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant ChannelTileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChannelTile &tile = m_tiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tile.health.name.isEmpty() ? tile.health.id : tile.health.name;
    case Qt::DecorationRole:
        return statusIcon(tile.health.tenantStatus);
    case Qt::ToolTipRole: {
        QString text = tr("%1 (%2)\n%3").arg(tile.health.name, tile.health.id, statusDescription(tile.health.tenantStatus));
        if (tile.stale)
            text += QLatin1Char('\n') + tile.staleReason;
        if (!tile.alarm.isEmpty())
            text += QLatin1Char('\n') + tile.alarm;
        if (tile.health.probed)
            text += tr("\nSIP probe %1: %2").arg(probeHealthName(tile.health.probe), tile.health.probeSummary);
        if (tile.health.probeDisagreement)
            text += tr("\nThe SIP probe and the tenant disagree about this trunk.");
        return text;
    }
    case TileRole:
        return QVariant::fromValue(&tile);
    case ChannelIdRole:
        return tile.health.id;
    case SeverityRole:
        return severity(tile);
    case SearchTextRole:
        return QStringList{tile.health.name, tile.health.id, statusText(tile.health.tenantStatus),
                           healthStateName(tile.health.health), tile.routedViaName,
                           tile.stale ? tr("stale") : QString(), tile.hasData() ? QString() : tr("no data"),
                           tile.alarm}
            .join(QLatin1Char(' '));
    default:
        return {};
    }
}

int ChannelTileModel::severity(const ChannelTile &tile)
{
    // Down first, then by the tenant's word (statusRank: unhealthy > degraded > ...).
    int rank = statusRank(tile.health.tenantStatus) * 10;
    if (tile.health.health == HealthState::Down)
        rank += 100;
    if (!tile.alarm.isEmpty())
        rank += 200;
    if (tile.stale)
        rank += 5;
    else if (!tile.hasData())
        rank += 3;
    return rank;
}

void ChannelTileModel::clear()
{
    beginResetModel();
    m_tiles.clear();
    m_rowById.clear();
    m_snapshot.reset();
    m_dirtyFirst = m_dirtyLast = -1;
    endResetModel();
}

void ChannelTileModel::applySnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!snapshot)
        return;
    const MonitorSnapshotPtr previous = m_snapshot;
    m_snapshot = snapshot;

    QHash<QString, QString> names;
    names.reserve(snapshot->channels.size());
    for (const ChannelHealth &health : snapshot->channels)
        names.insert(health.id, health.name);

    // Channels gone from the tenant: removed, each as its own range (rare).
    if (previous && previous->channels.size() != 0) {
        QList<int> gone;
        for (auto it = m_rowById.cbegin(); it != m_rowById.cend(); ++it) {
            if (!names.contains(it.key()))
                gone.append(it.value());
        }
        std::sort(gone.begin(), gone.end(), std::greater<int>());
        for (int row : std::as_const(gone)) {
            beginRemoveRows({}, row, row);
            m_tiles.removeAt(row);
            endRemoveRows();
        }
        if (!gone.isEmpty()) {
            rebuildIndex();
            m_dirtyFirst = m_dirtyLast = -1;
            if (!m_tiles.isEmpty()) {
                m_dirtyFirst = 0;
                m_dirtyLast = int(m_tiles.size()) - 1;
            }
        }
    }

    QList<ChannelTile> added;
    for (const ChannelHealth &health : snapshot->channels) {
        const auto found = m_rowById.constFind(health.id);
        ChannelTile fresh;
        ChannelTile *tile = &fresh;
        if (found != m_rowById.cend())
            tile = &m_tiles[found.value()];
        const bool wasRouted = !tile->health.routedVia.isEmpty();
        const QString oldVia = tile->health.routedVia;
        tile->health = health;
        tile->latencyHistory.append(health.latencyMs);
        if (tile->latencyHistory.size() > ChannelTile::kHistoryLength)
            tile->latencyHistory.remove(0, tile->latencyHistory.size() - ChannelTile::kHistoryLength);
        if (health.routedVia.isEmpty()) {
            tile->routedViaName.clear();
            tile->routedSince = {};
        } else {
            tile->routedViaName = names.value(health.routedVia, health.routedVia);
            // Seen routed in our first look at it: it was so before we watched.
            if (!wasRouted && previous && found != m_rowById.cend())
                tile->routedSince = snapshot->takenAt;
            else if (oldVia != health.routedVia && wasRouted)
                tile->routedSince = snapshot->takenAt;
        }
        judgeStale(tile, snapshot->takenAt);
        if (found != m_rowById.cend())
            markDirty(found.value());
        else
            added.append(std::move(fresh));
    }
    if (!added.isEmpty()) {
        const int first = int(m_tiles.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_tiles += added;
        endInsertRows();
        rebuildIndex();
    }
    judgeRoutingAndAlarms();
}

void ChannelTileModel::applyEvent(const MonitorEvent &event)
{
    if (applyRouting(event))
        judgeRoutingAndAlarms();
}

void ChannelTileModel::applyEvents(const MonitorEventList &events)
{
    bool changed = false;
    for (const MonitorEvent &event : events)
        changed = applyRouting(event) || changed;
    if (changed)
        judgeRoutingAndAlarms();
}

bool ChannelTileModel::applyRouting(const MonitorEvent &event)
{
    const bool failedOver = event.type == events::kFailoverDone;
    if (!failedOver && event.type != events::kFailbackDone)
        return false;
    const int row = rowOf(event.channelId);
    if (row < 0)
        return false;
    ChannelTile &tile = m_tiles[row];
    if (failedOver) {
        const QString via = event.details.value(QStringLiteral("target")).toString();
        if (via.isEmpty())
            return false;
        const ChannelTile *target = tileById(via);
        tile.health.routedVia = via;
        tile.routedViaName = target != nullptr && !target->health.name.isEmpty() ? target->health.name : via;
        tile.routedSince = event.time;
    } else {
        tile.health.routedVia.clear();
        tile.routedViaName.clear();
        tile.routedSince = {};
    }
    markDirty(row);
    return true;
}

void ChannelTileModel::judgeRoutingAndAlarms()
{
    QHash<QString, QStringList> carried;
    for (const ChannelTile &tile : std::as_const(m_tiles)) {
        if (!tile.health.routedVia.isEmpty())
            carried[tile.health.routedVia].append(tile.health.name.isEmpty() ? tile.health.id : tile.health.name);
    }
    for (int row = 0; row < m_tiles.size(); ++row) {
        ChannelTile &tile = m_tiles[row];
        QStringList carries = carried.value(tile.health.id);
        carries.sort(Qt::CaseInsensitive);
        QString alarm;
        if (tile.health.health == HealthState::Down) {
            if (tile.health.routedVia.isEmpty()) {
                bool healthyBackup = false;
                for (const QString &backup : std::as_const(tile.health.failoverChannels)) {
                    const ChannelTile *candidate = tileById(backup);
                    healthyBackup = healthyBackup
                        || (candidate != nullptr && candidate->health.health == HealthState::Up
                            && candidate->health.tenantStatus != ChannelStatus::Unhealthy);
                }
                if (tile.health.failoverChannels.isEmpty())
                    alarm = tr("ALARM: down, no failover channel");
                else if (!healthyBackup)
                    alarm = tr("ALARM: down, no healthy backup");
            } else if (const ChannelTile *via = tileById(tile.health.routedVia);
                       via != nullptr && via->health.health == HealthState::Down) {
                alarm = tr("ALARM: down, backup %1 down too").arg(tile.routedViaName);
            }
        }
        if (carries != tile.carriesFor || alarm != tile.alarm) {
            tile.carriesFor = carries;
            tile.alarm = alarm;
            markDirty(row);
        }
    }
}

bool ChannelTileModel::judgeStale(ChannelTile *tile, const QDateTime &now) const
{
    const bool before = tile->stale;
    tile->stale = false;
    tile->staleReason.clear();
    if (!m_snapshot)
        return before;
    const qint64 cycleMs = std::max<qint64>(m_snapshot->intervalMs, 1000);
    const qint64 snapshotAge = m_snapshot->takenAt.msecsTo(now);
    if (snapshotAge > kStaleCycles * cycleMs) {
        tile->stale = true;
        tile->staleReason = tr("The monitor has not reported for %1 s").arg(snapshotAge / 1000);
    } else if (tile->health.lastSeen.isValid() && tile->health.lastSeen < m_snapshot->takenAt.addMSecs(-cycleMs)) {
        tile->stale = true;
        tile->staleReason = tr("The tenant did not list this channel in the last cycle");
    } else if (tile->health.telemetryAt.isValid()
               && tile->health.telemetryAt.msecsTo(m_snapshot->takenAt) > kStaleCycles * cycleMs + kTelemetryBucketSlackMs) {
        tile->stale = true;
        tile->staleReason = tr("The latest telemetry is from %1")
                                .arg(QLocale().toString(tile->health.telemetryAt.toLocalTime().time(), QLocale::ShortFormat));
    }
    return before != tile->stale;
}

void ChannelTileModel::updateStaleness(const QDateTime &now)
{
    for (int row = 0; row < m_tiles.size(); ++row) {
        if (judgeStale(&m_tiles[row], now))
            markDirty(row);
    }
}

bool ChannelTileModel::flush()
{
    if (m_dirtyFirst < 0)
        return false;
    const int first = m_dirtyFirst;
    const int last = std::min(m_dirtyLast, int(m_tiles.size()) - 1);
    m_dirtyFirst = m_dirtyLast = -1;
    if (last < first)
        return false;
    emit dataChanged(index(first), index(last));
    return true;
}

const ChannelTile *ChannelTileModel::tileAt(int row) const
{
    return row >= 0 && row < m_tiles.size() ? &m_tiles.at(row) : nullptr;
}

const ChannelTile *ChannelTileModel::tileById(const QString &id) const
{
    return tileAt(rowOf(id));
}

int ChannelTileModel::rowOf(const QString &id) const
{
    return m_rowById.value(id, -1);
}

void ChannelTileModel::markDirty(int row)
{
    if (m_dirtyFirst < 0) {
        m_dirtyFirst = m_dirtyLast = row;
        return;
    }
    m_dirtyFirst = std::min(m_dirtyFirst, row);
    m_dirtyLast = std::max(m_dirtyLast, row);
}

void ChannelTileModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_tiles.size());
    for (int row = 0; row < m_tiles.size(); ++row)
        m_rowById.insert(m_tiles.at(row).health.id, row);
}

} // namespace cc::ui
