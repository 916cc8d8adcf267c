#pragma once
// What one dashboard tile shows: the channel's latest health from the monitor,
// its recent latency readings for the sparkline, where its traffic is routed
// and since when, and whether the reading is stale. Plain data, held by
// ChannelTileModel and painted by ChannelTileDelegate.

#include "monitor/monitor_snapshot.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace cc::ui {

struct ChannelTile
{
    // Sparkline length: the last readings, one per monitor cycle.
    static constexpr int kHistoryLength = 30;

    ChannelHealth health;
    // Latency per cycle, oldest first; nullopt where the cycle had no data (a gap).
    QList<std::optional<double>> latencyHistory;
    QString routedViaName;      // the backup's name, when routed via one
    QDateTime routedSince;      // when the failover was done (the feed's time); invalid if it predates us
    QStringList carriesFor;     // names of the channels whose traffic is routed via this one
    QString alarm;              // why this channel needs a person now; empty when it does not
    bool stale = false;         // the reading is too old to trust (see ChannelTileModel)
    QString staleReason;

    bool hasData() const { return health.latencyMs.has_value() || health.jitterMs.has_value()
                                  || health.packetLossPct.has_value(); }
};

} // namespace cc::ui

Q_DECLARE_METATYPE(const cc::ui::ChannelTile *)
