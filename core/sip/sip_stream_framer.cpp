#include "sip/sip_stream_framer.h"

#include "sip/sip_codec.h"

namespace cc {

namespace {

// The Content-Length of a header section (its long or compact "l" name, any
// case, RFC 3261 section 7.3.3); -1 when absent, -2 when not a number.
qint64 contentLength(const QByteArray &headers)
{
    qint64 found = -1;
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name != "content-length" && name != "l")
            continue;
        bool ok = false;
        const QByteArray value = line.mid(colon + 1).trimmed();
        const qint64 length = value.toLongLong(&ok);
        if (!ok || length < 0 || value.size() > 10)
            return -2;
        // Two different lengths are a request smuggling attempt, not a message.
        if (found >= 0 && found != length)
            return -2;
        found = length;
    }
    return found;
}

} // namespace

bool SipStreamFramer::append(const QByteArray &bytes, QList<QByteArray> *messages, QString *problem)
{
    const auto fail = [this, problem](const QString &why) {
        if (problem)
            *problem = why;
        m_buffer.clear();
        return false;
    };
    m_buffer.append(bytes);
    for (;;) {
        qsizetype start = 0;
        while (start < m_buffer.size() && (m_buffer.at(start) == '\r' || m_buffer.at(start) == '\n'))
            ++start;
        if (start > 0)
            m_buffer.remove(0, start);
        if (m_buffer.isEmpty())
            return true;
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeaderBytes)
                return fail(QStringLiteral("a header section longer than %1 bytes").arg(kMaxHeaderBytes));
            return true;
        }
        if (end > kMaxHeaderBytes)
            return fail(QStringLiteral("a header section longer than %1 bytes").arg(kMaxHeaderBytes));
        const qint64 length = contentLength(m_buffer.left(end));
        if (length == -1)
            return fail(QStringLiteral("a message without Content-Length on a stream (RFC 3261 section 18.3)"));
        if (length < 0)
            return fail(QStringLiteral("a Content-Length that is not one number"));
        const qint64 total = end + 4 + length;
        if (total > SipCodec::kMaxMessageBytes)
            return fail(QStringLiteral("a message of %1 bytes, over the %2-byte limit").arg(total).arg(SipCodec::kMaxMessageBytes));
        if (m_buffer.size() < total)
            return true;
        messages->append(m_buffer.left(total));
        m_buffer.remove(0, total);
    }
}

} // namespace cc
