#pragma once
// Media path optimisation against the tenant: reads the channel, plans the
// loss-robust codec order (codec_order_plan.h) and, when asked and when there
// is something to change, applies it with the contract's PATCH and If-Match.
// Nothing to change: nothing is sent and no "optimised" event is made (the
// tutorial logged media_path_optimized whatever happened).

#include "client/api_client.h"
#include "monitor/monitor_event.h"
#include "quality/codec_order_plan.h"

#include <QObject>

#include <functional>
#include <optional>

namespace cc {

struct MediaPathOutcome
{
    QString channelId;
    CodecOrderPlan plan;
    bool applied = false;            // a PATCH was sent and accepted
    qint64 version = 0;              // the channel's version after (or as read)
    std::optional<ApiError> error;   // reading or patching failed (a 412: re-run to plan again)
    // media_path_optimized when applied; media_path_optimization_failed when the
    // PATCH failed; none otherwise.
    std::optional<MonitorEvent> event;
};

using MediaPathDone = std::function<void(const MediaPathOutcome &outcome)>;

// `source` goes into the event (manual from a person, automatic from a policy).
void optimizeMediaPath(ApiClient *client, const QString &channelId, bool apply, EventSource source,
                       QObject *context, MediaPathDone done);

} // namespace cc
