#include "quality/codec_profile.h"

#include <array>

namespace cc {

namespace {

// Packetisation: 20 ms of audio per RTP packet, the default ptime of the RTP
// audio profile for these codecs (RFC 3551, section 4.5). Look-ahead is each
// codec's algorithmic delay beyond one frame.
constexpr double kPacketMs = 20.0;

const std::array<CodecProfile, 5> &profiles()
{
    static const std::array<CodecProfile, 5> kProfiles{{
        // G.711 mu-law / A-law: ITU-T G.113 Appendix I, Table I.1: Ie 0;
        // Table I.3: Bpl 25.1 with the packet loss concealment of G.711
        // Appendix I (4.3 without). Every current endpoint conceals loss, so
        // the PLC figure is used. No look-ahead (sample-by-sample codec).
        {QStringLiteral("PCMU"), 0.0, 25.1, kPacketMs, true},
        {QStringLiteral("PCMA"), 0.0, 25.1, kPacketMs, true},
        // G.729 Annex A (what trunks run as "G729"): G.113 Appendix I, Ie 11,
        // Bpl 19.0 (G.729A + VAD, random loss). Plain G.729 is Ie 10; the
        // annex-A figure is the conservative choice. Look-ahead 5 ms (G.729 clause 2).
        {QStringLiteral("G729"), 11.0, 19.0, kPacketMs + 5.0, true},
        // G.722 64 kbit/s: G.113 Appendix I covers narrowband codecs only; its
        // wideband values (Appendix IV, on the G.107.1 scale up to R 129) do not fit
        // this narrowband model. ASSUMED: scored like G.711 with PLC (Ie 0,
        // Bpl 25.1): a 64 kbit/s waveform-like codec with the PLC of G.722
        // Appendix III, and no credit for its wider band. Look-ahead about 1.5 ms
        // for the QMF filter bank (assumed, rounded).
        {QStringLiteral("G722"), 0.0, 25.1, kPacketMs + 1.5, false},
        // Opus (RFC 6716): not in G.113, so both figures are OUR ASSUMPTION, taken
        // on the cautious side. Ie 0: at the 24 kbit/s and up a trunk uses it is
        // transparent on this narrowband scale. Bpl 25.1: the same loss robustness
        // as G.711 with concealment, the most G.113 Appendix I credits any codec
        // with for random loss. Opus's in-band FEC (LBRR) may well do better, but
        // we know of no published G.113-style measurement to cite, so it gets no
        // credit beyond the best measured figure.
        // Look-ahead 6.5 ms (RFC 6716 section 2: 26.5 ms algorithmic delay at 20 ms frames).
        {QStringLiteral("OPUS"), 0.0, 25.1, kPacketMs + 6.5, false},
    }};
    return kProfiles;
}

} // namespace

std::optional<CodecProfile> codecProfile(const QString &name)
{
    for (const CodecProfile &profile : profiles()) {
        if (profile.name.compare(name, Qt::CaseInsensitive) == 0)
            return profile;
    }
    return std::nullopt;
}

const CodecProfile &defaultCodecProfile()
{
    return profiles().front();
}

CodecProfile preferredCodecProfile(const QList<Codec> &codecs)
{
    const Codec *best = nullptr;
    for (const Codec &codec : codecs) {
        if (!best || codec.priority < best->priority)
            best = &codec;
    }
    if (best) {
        if (std::optional<CodecProfile> profile = codecProfile(best->name))
            return *profile;
    }
    return defaultCodecProfile();
}

} // namespace cc
