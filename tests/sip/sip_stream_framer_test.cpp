// SipStreamFramer: messages cut out of a TCP stream by Content-Length, however
// the bytes arrive, and a stream that cannot be framed given up.

#include "sip/sip_stream_framer.h"

#include <QList>
#include <QStringList>

#include <gtest/gtest.h>

namespace {

const QByteArray kFirst("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: 4\r\n\r\nabcd");
const QByteArray kSecond("SIP/2.0 503 No\r\nl: 0\r\n\r\n");

} // namespace

TEST(SipStreamFramer, SplitsBackToBackMessagesByteByByte)
{
    cc::SipStreamFramer framer;
    QList<QByteArray> messages;
    const QByteArray stream = "\r\n\r\n" + kFirst + "\r\n" + kSecond;
    for (const char c : stream)
        ASSERT_TRUE(framer.append(QByteArray(1, c), &messages));
    ASSERT_EQ(messages.size(), 2);
    EXPECT_EQ(messages.at(0), kFirst);
    EXPECT_EQ(messages.at(1), kSecond);
    EXPECT_EQ(framer.bufferedBytes(), 0);
}

TEST(SipStreamFramer, WaitsForTheBody)
{
    cc::SipStreamFramer framer;
    QList<QByteArray> messages;
    ASSERT_TRUE(framer.append(kFirst.left(kFirst.size() - 2), &messages));
    EXPECT_TRUE(messages.isEmpty());
    ASSERT_TRUE(framer.append(kFirst.right(2), &messages));
    EXPECT_EQ(messages.size(), 1);
}

TEST(SipStreamFramer, GivesUpOnUnframableStreams)
{
    const QList<QByteArray> bad{
        QByteArray("SIP/2.0 200 OK\r\nVia: x\r\n\r\n"),                           // no Content-Length
        QByteArray("SIP/2.0 200 OK\r\nContent-Length: ten\r\n\r\n"),             // not a number
        QByteArray("SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\n"),       // two lengths
        QByteArray("SIP/2.0 200 OK\r\nContent-Length: 99999999\r\n\r\n"),        // over the limit
        QByteArray(cc::SipStreamFramer::kMaxHeaderBytes + 10, 'x'),                // endless header
    };
    for (const QByteArray &bytes : bad) {
        cc::SipStreamFramer framer;
        QList<QByteArray> messages;
        QString problem;
        EXPECT_FALSE(framer.append(bytes, &messages, &problem)) << bytes.left(50).constData();
        EXPECT_FALSE(problem.isEmpty());
        EXPECT_TRUE(messages.isEmpty());
    }
}
