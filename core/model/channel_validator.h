#pragma once
// The contract's validation table (section 2), in one place: the console's
// editor, cxonectl and the simulated tenant all call this, so the client refuses
// exactly what the tenant would refuse, with the same field paths.

#include "model/channel.h"

#include <QSet>

#include <optional>

namespace cc {

struct ValidationContext
{
    enum class Mode { Create, Update };

    Mode mode = Mode::Create;
    // The channel being edited (empty on create): a channel may not fail over to itself.
    QString selfId;
    // Every channel id of the tenant, when known; failover targets must be among them.
    std::optional<QSet<QString>> existingIds;
};

// Bounds, named after the contract's rows.
inline constexpr int kNameMinLength = 3;
inline constexpr int kNameMaxLength = 64;
inline constexpr int kSipPortMin = 5060;
inline constexpr int kSipPortMax = 5080;
inline constexpr int kCodecPriorityMin = 1;
inline constexpr int kCodecPriorityMax = 10;
inline constexpr int kIntervalSecondsMin = 30;
inline constexpr int kIntervalSecondsMax = 300;
inline constexpr int kTimeoutSecondsMin = 5;
inline constexpr int kTimeoutSecondsMax = 30;

FieldErrors validateChannelDraft(const ChannelDraft &draft, const ValidationContext &context);

} // namespace cc
