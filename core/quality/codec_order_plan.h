#pragma once
// Media path optimisation (the tutorial's optimize_media_path, corrected): a new
// codec order that puts the codecs most robust to packet loss first, with
// priorities renumbered 1..n, and the contract's PATCH to apply it. When the
// trunk already has that order and the media settings, nothing is to be sent.

#include "model/channel.h"

#include <QJsonObject>
#include <QList>

namespace cc {

// The packet loss at which codecs are ranked (percent), see codec_order_plan.cpp.
inline constexpr double kCodecRankingLossPct = 2.0;

struct CodecOrderPlan
{
    QList<Codec> current;   // the trunk's codecs, in its current priority order
    QList<Codec> proposed;  // the robust order, priorities 1..n
    bool orderChanges = false;
    bool mediaSettingsChange = false; // dtmf_mode or rtp_payload_type not yet RFC2833 / dynamic

    bool changeNeeded() const { return orderChanges || mediaSettingsChange; }
    // The contract's media path PATCH for `proposed` (cc::codecOrderPatch).
    QJsonObject patch() const;
    // {"current": [...], "proposed": [...], "order_changes", "media_settings_change"}
    QJsonObject toJson() const;
};

CodecOrderPlan planCodecOrder(const TrunkConfiguration &configuration);

// "OPUS(1), G722(2)": the codecs with their priorities, in order; "(none)" for none.
QString codecOrderText(const QList<Codec> &codecs);

} // namespace cc
