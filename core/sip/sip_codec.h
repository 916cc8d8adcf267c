#pragma once
// SIP messages built and parsed with GNU oSIP's parser (libosipparser2): the
// OPTIONS request of a probe (RFC 3261 section 11.1), the response a probe
// waits for, and, for the simulated tenant's responder, the request it gets
// and the answer it gives (section 8.2.6). Whatever arrives from the network is
// hostile until checked: every parse is bounded, every failure is a sentence,
// never a crash (fuzzed by fuzz/fuzz_sip_message.cpp).

#include "sip/sip_uri.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace cc {

struct SipOptionsRequest
{
    QString requestUri;          // also the To header's URI
    SipTransport transport = SipTransport::Udp;
    QString viaHost;             // sent-by host: where answers come back to
    quint16 viaPort = 0;
    QString branch;              // starts with the RFC 3261 magic cookie z9hG4bK
    QString fromTag;
    QString callId;
    quint32 cseq = 1;
    QString fromUri;             // sip:probe@host
    QString userAgent;
};

// What a probe needs from an answer.
struct SipResponseInfo
{
    int statusCode = 0;
    QString reason;              // printable ASCII only, at most 128 characters
    QString branch;              // of the topmost Via
    QString callId;
    quint32 cseq = 0;
    QString cseqMethod;
};

// What a responder needs from a request.
struct SipRequestInfo
{
    QString method;
    QString requestUri;
    QString branch;
    QString callId;
    quint32 cseq = 0;
    QString cseqMethod;
};

class SipCodec final
{
public:
    // RFC 3261 section 18.1.1: a message must fit a UDP datagram here; stream
    // messages are bounded the same way (sip_stream_framer.h).
    static constexpr int kMaxMessageBytes = 65535;
    static constexpr int kMaxReasonChars = 128;

    // oSIP's parser tables, set up once per process (thread-safe).
    static void ensureParserReady();

    static QByteArray buildOptions(const SipOptionsRequest &request);

    // Null with `problem` set when the bytes are not a well-formed SIP response
    // with a Via branch, Call-ID and CSeq.
    static std::optional<SipResponseInfo> parseResponse(const QByteArray &bytes, QString *problem = nullptr);
    static std::optional<SipRequestInfo> parseRequest(const QByteArray &bytes, QString *problem = nullptr);

    // The answer to `request` with this code: its Via headers, From, Call-ID and
    // CSeq copied, a tag added to To (RFC 3261 section 8.2.6.2). Empty with
    // `problem` set when the request is not one that can be answered.
    static QByteArray buildResponse(const QByteArray &request, int statusCode, const QString &reason,
                                    const QString &toTag, const QString &userAgent, QString *problem = nullptr);

    // Printable ASCII only (a reason phrase reaches terminals and logs), cut to `maxChars`.
    static QString printable(const QByteArray &bytes, int maxChars = kMaxReasonChars);
};

} // namespace cc
