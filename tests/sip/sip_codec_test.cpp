// SipCodec: the OPTIONS a probe sends is what RFC 3261 section 11 asks, and what
// comes back is read, or refused, through GNU oSIP.

#include "sip/sip_codec.h"

#include <QList>
#include <QStringList>

#include <gtest/gtest.h>

using cc::SipCodec;

namespace {

cc::SipOptionsRequest sampleRequest()
{
    cc::SipOptionsRequest request;
    request.requestUri = QStringLiteral("sip:sip.carrier-provider.net:5060");
    request.viaHost = QStringLiteral("192.0.2.10");
    request.viaPort = 40312;
    request.branch = QStringLiteral("z9hG4bKdeadbeef.1");
    request.fromTag = QStringLiteral("a1b2");
    request.callId = QStringLiteral("c0ffee-1");
    request.fromUri = QStringLiteral("sip:channel-console@192.0.2.10:40312");
    request.userAgent = QStringLiteral("Channel Console test");
    return request;
}

} // namespace

TEST(SipCodec, OptionsRequestCarriesTheHeadersOfRfc3261Section11)
{
    const QByteArray bytes = SipCodec::buildOptions(sampleRequest());
    ASSERT_FALSE(bytes.isEmpty());
    EXPECT_TRUE(bytes.startsWith("OPTIONS sip:sip.carrier-provider.net:5060 SIP/2.0\r\n")) << bytes.constData();
    for (const char *header : {"Via: SIP/2.0/UDP 192.0.2.10:40312;branch=z9hG4bKdeadbeef.1;rport", "Max-Forwards: 70",
                               "From: <sip:channel-console@192.0.2.10:40312>;tag=a1b2",
                               "To: <sip:sip.carrier-provider.net:5060>", "Call-ID: c0ffee-1", "CSeq: 1 OPTIONS",
                               "Accept: application/sdp", "Content-Length: 0"})
        EXPECT_TRUE(bytes.contains(header)) << header << "\n" << bytes.constData();
    EXPECT_TRUE(bytes.endsWith("\r\n\r\n"));
    const auto request = SipCodec::parseRequest(bytes);
    ASSERT_TRUE(request);
    EXPECT_EQ(request->method, QStringLiteral("OPTIONS"));
    EXPECT_EQ(request->branch, QStringLiteral("z9hG4bKdeadbeef.1"));
    EXPECT_EQ(request->callId, QStringLiteral("c0ffee-1"));
}

TEST(SipCodec, ResponseBuiltForARequestMatchesItsTransaction)
{
    const QByteArray request = SipCodec::buildOptions(sampleRequest());
    const QByteArray answer = SipCodec::buildResponse(request, 503, QStringLiteral("Service Unavailable"),
                                                      QStringLiteral("srv"), QStringLiteral("sim"));
    ASSERT_FALSE(answer.isEmpty());
    EXPECT_TRUE(answer.startsWith("SIP/2.0 503 Service Unavailable\r\n")) << answer.constData();
    EXPECT_TRUE(answer.contains(";tag=srv"));
    const auto response = SipCodec::parseResponse(answer);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->statusCode, 503);
    EXPECT_EQ(response->reason, QStringLiteral("Service Unavailable"));
    EXPECT_EQ(response->branch, QStringLiteral("z9hG4bKdeadbeef.1"));
    EXPECT_EQ(response->callId, QStringLiteral("c0ffee-1"));
    EXPECT_EQ(response->cseq, 1u);
    EXPECT_EQ(response->cseqMethod, QStringLiteral("OPTIONS"));
}

TEST(SipCodec, CompactHeaderFormsAreRead)
{
    const QByteArray bytes("SIP/2.0 200 OK\r\nv: SIP/2.0/UDP h:1;branch=z9hG4bKc\r\nf: <sip:a@b>;tag=1\r\n"
                           "t: <sip:c@d>\r\ni: id@h\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
    const auto response = SipCodec::parseResponse(bytes);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->branch, QStringLiteral("z9hG4bKc"));
    EXPECT_EQ(response->callId, QStringLiteral("id@h"));
}

TEST(SipCodec, MalformedAndIncompleteAnswersAreRefusedWithAReason)
{
    const QList<QByteArray> bad{
        QByteArray(), QByteArray("garbage"), QByteArray("SIP/2.0 200 OK\r\n\r\n"),
        QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n"),
        QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 OPTIONS\r\n\r\n"),
        QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\n\r\n"),
        QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 99999999999 OPTIONS\r\n\r\n"),
        QByteArray("SIP/2.0 99 Low\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n"),
        QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\0y\r\nCSeq: 1 OPTIONS\r\n\r\n", 80),
        QByteArray(70000, 'A'),
        QByteArray("OPTIONS sip:a SIP/2.0\r\n\r\n"),
    };
    for (const QByteArray &bytes : bad) {
        QString problem;
        EXPECT_FALSE(SipCodec::parseResponse(bytes, &problem)) << bytes.left(60).constData();
        EXPECT_FALSE(problem.isEmpty());
    }
}

TEST(SipCodec, ReasonPhraseIsMadePrintableAndShort)
{
    const QByteArray bytes("SIP/2.0 200 \x1b[2Jwiped\x07" + QByteArray(300, 'x')
                           + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                             "Call-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    const auto response = SipCodec::parseResponse(bytes);
    ASSERT_TRUE(response);
    EXPECT_FALSE(response->reason.contains(QChar(0x1b)));
    EXPECT_FALSE(response->reason.contains(QChar(0x07)));
    EXPECT_LE(response->reason.size(), SipCodec::kMaxReasonChars);
}
