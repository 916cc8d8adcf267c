#include "quality/codec_order_plan.h"

#include "api/contract.h"
#include "quality/codec_profile.h"
#include "quality/e_model.h"

#include <algorithm>
#include <limits>

namespace cc {

namespace {

// Why this order. Codecs are ranked by their E-model impairment Ie,eff at
// kCodecRankingLossPct of random loss (2 %: a lossy but still usable trunk, where
// codecs part ways; at 0 % the ranking would be about clean-line quality, not
// robustness). With the figures of codec_profile.cpp that gives:
//   OPUS, G722, PCMU, PCMA (7.0: Ie 0, Bpl 25.1 with PLC, measured for G.711 and
//   assumed for the other two; equal, so they keep the trunk's current relative
//   order and nothing moves needlessly)
//   G729 (19.0: Ie 11 and Bpl 19 per G.113 Appendix I).
// The tutorial wanted G729 ahead of PCMU as "more robust"; G.113 says otherwise:
// G.729A starts more impaired and degrades faster with loss than G.711 with PLC.
// Its merit is bandwidth (8 vs 64 kbit/s), which helps only when loss comes from
// a narrow congested link, something the telemetry cannot tell. So it goes last.
double lossImpairment(const QString &name)
{
    const std::optional<CodecProfile> profile = codecProfile(name);
    if (!profile)
        return std::numeric_limits<double>::max(); // unknown names keep their place at the end
    return effectiveEquipmentImpairment(*profile, kCodecRankingLossPct);
}

} // namespace

CodecOrderPlan planCodecOrder(const TrunkConfiguration &configuration)
{
    CodecOrderPlan plan;
    plan.current = configuration.codecs;
    std::stable_sort(plan.current.begin(), plan.current.end(),
                     [](const Codec &a, const Codec &b) { return a.priority < b.priority; });

    QList<Codec> ranked = plan.current;
    std::stable_sort(ranked.begin(), ranked.end(), [](const Codec &a, const Codec &b) {
        return lossImpairment(a.name) < lossImpairment(b.name);
    });
    // Priorities 1..n: at most five distinct codecs exist, so always within 1..10.
    // (The tutorial added 1 to each: same order, and 10 became 11.)
    for (qsizetype i = 0; i < ranked.size(); ++i)
        ranked[i].priority = static_cast<int>(i) + 1;
    plan.proposed = ranked;

    // Only the order matters to negotiation: 2,5,7 in the same order as 1,2,3 is no change.
    for (qsizetype i = 0; i < ranked.size(); ++i) {
        if (ranked.at(i).name != plan.current.at(i).name)
            plan.orderChanges = true;
    }
    plan.mediaSettingsChange = configuration.dtmfMode.value_or(QString()) != api::kDtmfRfc2833
        || configuration.rtpPayloadType.value_or(QString()) != api::kRtpPayloadDynamic;
    return plan;
}

QJsonObject CodecOrderPlan::patch() const
{
    return codecOrderPatch(proposed);
}

QJsonObject CodecOrderPlan::toJson() const
{
    return QJsonObject{{QStringLiteral("current"), codecsToJson(current)},
                       {QStringLiteral("proposed"), codecsToJson(proposed)},
                       {QStringLiteral("order_changes"), orderChanges},
                       {QStringLiteral("media_settings_change"), mediaSettingsChange},
                       {QStringLiteral("change_needed"), changeNeeded()}};
}

QString codecOrderText(const QList<Codec> &codecs)
{
    QStringList parts;
    for (const Codec &codec : codecs)
        parts.append(QStringLiteral("%1(%2)").arg(codec.name).arg(codec.priority));
    return parts.isEmpty() ? QStringLiteral("(none)") : parts.join(QStringLiteral(", "));
}

} // namespace cc
