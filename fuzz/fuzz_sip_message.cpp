// libFuzzer target: every way bytes from the network reach the SIP code of
// core/sip (oSIP's parser behind SipCodec, the stream framer, the URI parser).
// Nothing may crash, hang or leak whatever the input. Seeds are in
// fuzz_sip_message_corpus/; tests/sip/sip_fuzz_corpus_test.cpp replays them in
// the ordinary test suite.
//
//   clang++ -fsanitize=fuzzer,address ... fuzz_sip_message.cpp -lcc_core ...
//   ./fuzz_sip_message fuzz/fuzz_sip_message_corpus

#include "sip/sip_codec.h"
#include "sip/sip_stream_framer.h"
#include "sip/sip_uri.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    // A datagram, as the prober and the simulated responder take it.
    (void)cc::SipCodec::parseResponse(bytes);
    (void)cc::SipCodec::parseRequest(bytes);
    (void)cc::SipCodec::buildResponse(bytes, 200, QStringLiteral("OK"), QStringLiteral("fuzz"), QStringLiteral("fuzz"));

    // A stream, cut in two at a point the input chooses, as TCP delivers it.
    cc::SipStreamFramer framer;
    QList<QByteArray> messages;
    const qsizetype cut = bytes.isEmpty() ? 0 : static_cast<unsigned char>(bytes.at(0)) % (bytes.size() + 1);
    if (framer.append(bytes.left(cut), &messages))
        framer.append(bytes.mid(cut), &messages);
    for (const QByteArray &message : std::as_const(messages))
        (void)cc::SipCodec::parseResponse(message);

    // A URI typed by a user or read from the tenant.
    (void)cc::SipUri::parse(QString::fromLatin1(bytes.left(2048)));
    return 0;
}
