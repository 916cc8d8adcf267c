#pragma once
// Cuts a TCP or TLS byte stream into SIP messages by their Content-Length
// (RFC 3261 section 18.3: mandatory on stream transports), skipping the CRLF
// keep-alives of RFC 5626 section 4.4.1. Bounded: a header section over 16 KiB,
// a missing or absurd Content-Length, or a body over the message limit makes
// the stream unusable, and the caller drops the connection.

#include <QByteArray>
#include <QList>
#include <QString>

namespace cc {

class SipStreamFramer final
{
public:
    static constexpr int kMaxHeaderBytes = 16 * 1024;

    // Adds received bytes and appends each complete message to `messages`.
    // False with `problem` set when the stream cannot be framed any more.
    bool append(const QByteArray &bytes, QList<QByteArray> *messages, QString *problem = nullptr);
    void clear() { m_buffer.clear(); }
    qsizetype bufferedBytes() const { return m_buffer.size(); }

private:
    QByteArray m_buffer;
};

} // namespace cc
