#pragma once
// What the E-model needs to know about a voice codec: its equipment impairment
// (Ie), its packet-loss robustness (Bpl) and the delay it adds. The numbers and
// where each comes from are in codec_profile.cpp.

#include "model/channel.h"

#include <QString>

#include <optional>

namespace cc {

struct CodecProfile
{
    QString name;               // the contract's codec name (PCMU, PCMA, G729, G722, OPUS)
    double ie = 0.0;            // equipment impairment factor, ITU-T G.107 / G.113
    double bpl = 0.0;           // packet-loss robustness factor, random loss
    double codecDelayMs = 0.0;  // packetisation plus algorithmic look-ahead, one way
    bool fromG113 = false;      // false: Ie and Bpl are this project's assumption (see the .cpp)
};

// The profile of a contract codec name; none for a name the contract does not know.
std::optional<CodecProfile> codecProfile(const QString &name);

// The profile used when a channel's codec is not known (telemetry names no codec):
// G.711, the baseline every SIP trunk offers.
const CodecProfile &defaultCodecProfile();

// The codec a call on this trunk negotiates first: the one with the lowest
// priority number; the default profile when there is none or it is unknown.
CodecProfile preferredCodecProfile(const QList<Codec> &codecs);

} // namespace cc
