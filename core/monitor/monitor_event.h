#pragma once
// One decision or observation of the monitor, with its reason: what the audit
// trail stores and the UI's feed shows. `type` is a stable name (model/event_names.h) that
// the audit store, the export and scripts key on; `details` is JSON with the
// reason and the figures behind it, and never holds a secret (it is built only
// from ids, states, statuses, versions and numbers).

#include "model/event_names.h"
#include "model/event_source.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace cc {

struct MonitorEvent
{
    QString type;
    QString channelId;       // empty for monitor-wide events
    EventSource source = EventSource::System;
    QDateTime time;          // UTC
    QJsonObject details;     // always has "reason" for a decision

    // {"type", "channel_id" (null when none), "source", "time", "details"}
    QJsonObject toJson() const;
    // One human line: "2026-11-25T10:42:00Z failover_done ch_1 (automatic): ..."
    QString toLine() const;
};

// The events of one turn of the monitor, oldest first.
using MonitorEventList = QList<MonitorEvent>;

} // namespace cc

Q_DECLARE_METATYPE(cc::MonitorEvent)
