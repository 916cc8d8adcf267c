#include "sip/sip_codec.h"

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include <memory>

namespace cc {

namespace {

struct MessageDeleter
{
    void operator()(osip_message_t *message) const { osip_message_free(message); }
};
using MessagePtr = std::unique_ptr<osip_message_t, MessageDeleter>;

MessagePtr newMessage()
{
    SipCodec::ensureParserReady();
    osip_message_t *raw = nullptr;
    if (osip_message_init(&raw) != OSIP_SUCCESS)
        return MessagePtr();
    return MessagePtr(raw);
}

// Parses bytes into an oSIP message; null with `problem` set.
MessagePtr parseMessage(const QByteArray &bytes, QString *problem)
{
    const auto fail = [problem](const QString &why) {
        if (problem)
            *problem = why;
        return MessagePtr();
    };
    if (bytes.isEmpty())
        return fail(QStringLiteral("empty message"));
    if (bytes.size() > SipCodec::kMaxMessageBytes)
        return fail(QStringLiteral("message of %1 bytes, over the %2-byte limit").arg(bytes.size()).arg(SipCodec::kMaxMessageBytes));
    // oSIP reads the buffer up to `length`, but some of its header parsers
    // look for terminators with C string functions: give it a NUL-free copy.
    if (bytes.contains('\0'))
        return fail(QStringLiteral("message contains a NUL byte"));
    MessagePtr message = newMessage();
    if (!message)
        return fail(QStringLiteral("out of memory"));
    if (osip_message_parse(message.get(), bytes.constData(), static_cast<size_t>(bytes.size())) != OSIP_SUCCESS)
        return fail(QStringLiteral("not a well-formed SIP message"));
    return message;
}

// Runs one of oSIP's *_to_str functions and takes over the string it made.
template<typename Header, typename ToString>
QString headerToString(ToString toString, Header *header)
{
    char *text = nullptr;
    if (!header || toString(header, &text) != OSIP_SUCCESS || !text)
        return QString();
    const QString value = QString::fromLatin1(text);
    osip_free(text);
    return value;
}

// The branch, Call-ID and CSeq every message of a transaction carries
// (RFC 3261 section 8.1.1); false with `problem` set when one is missing.
bool readTransactionKeys(osip_message_t *message, QString *branch, QString *callId, quint32 *cseq, QString *method,
                         QString *problem)
{
    const auto fail = [problem](const QString &why) {
        if (problem)
            *problem = why;
        return false;
    };
    osip_via_t *via = nullptr;
    if (osip_message_get_via(message, 0, &via) < 0 || !via)
        return fail(QStringLiteral("no Via header"));
    osip_generic_param_t *param = nullptr;
    if (osip_via_param_get_byname(via, const_cast<char *>("branch"), &param) != OSIP_SUCCESS || !param || !param->gvalue)
        return fail(QStringLiteral("no branch in the top Via header"));
    *branch = SipCodec::printable(QByteArray(param->gvalue), 256);
    if (!message->call_id)
        return fail(QStringLiteral("no Call-ID header"));
    *callId = headerToString(osip_call_id_to_str, message->call_id);
    if (callId->isEmpty())
        return fail(QStringLiteral("an empty Call-ID header"));
    if (!message->cseq || !message->cseq->number || !message->cseq->method)
        return fail(QStringLiteral("no CSeq header"));
    bool ok = false;
    const qulonglong number = QByteArray(message->cseq->number).toULongLong(&ok);
    // RFC 3261 section 8.1.1.5: a 32-bit unsigned integer.
    if (!ok || number > 0xffffffffULL)
        return fail(QStringLiteral("a CSeq number that is not a 32-bit number"));
    *cseq = static_cast<quint32>(number);
    *method = SipCodec::printable(QByteArray(message->cseq->method), 32);
    return true;
}

QByteArray messageBytes(osip_message_t *message)
{
    char *text = nullptr;
    size_t length = 0;
    if (osip_message_to_str(message, &text, &length) != OSIP_SUCCESS || !text)
        return QByteArray();
    QByteArray bytes(text, static_cast<qsizetype>(length));
    osip_free(text);
    return bytes;
}

void dropTrace(const char *, int, osip_trace_level_t, const char *, va_list)
{
}

} // namespace

void SipCodec::ensureParserReady()
{
    // parser_init() fills static tables: once, before any thread parses. oSIP's
    // own trace (stderr) is off: what the network sends is not ours to print.
    static const int ready = [] {
        // Debian's oSIP traces to stderr unless handed a function: hand it one
        // that drops everything, and turn every level off as well.
        osip_trace_initialize_func(END_TRACE_LEVEL, &dropTrace);
        for (int level = TRACE_LEVEL0; level < END_TRACE_LEVEL; ++level)
            osip_trace_disable_level(static_cast<osip_trace_level_t>(level));
        return parser_init();
    }();
    Q_UNUSED(ready);
}

QString SipCodec::printable(const QByteArray &bytes, int maxChars)
{
    QString text;
    text.reserve(std::min<qsizetype>(bytes.size(), maxChars));
    for (const char c : bytes) {
        if (text.size() >= maxChars)
            break;
        const auto u = static_cast<unsigned char>(c);
        text.append(u >= 0x20 && u < 0x7f ? QLatin1Char(c) : QLatin1Char('?'));
    }
    return text;
}

QByteArray SipCodec::buildOptions(const SipOptionsRequest &request)
{
    MessagePtr message = newMessage();
    if (!message)
        return QByteArray();
    osip_message_set_method(message.get(), osip_strdup("OPTIONS"));
    osip_message_set_version(message.get(), osip_strdup("SIP/2.0"));
    osip_uri_t *uri = nullptr;
    if (osip_uri_init(&uri) != OSIP_SUCCESS)
        return QByteArray();
    if (osip_uri_parse(uri, request.requestUri.toLatin1().constData()) != OSIP_SUCCESS) {
        osip_uri_free(uri);
        return QByteArray();
    }
    osip_message_set_uri(message.get(), uri);

    // rport (RFC 3581): the answer goes back to the address and port the
    // request came from, which is what a prober behind NAT needs.
    const QByteArray via = QStringLiteral("SIP/2.0/%1 %2;branch=%3;rport")
                               .arg(sipTransportName(request.transport), sipHostPort(request.viaHost, request.viaPort),
                                    request.branch)
                               .toLatin1();
    const QByteArray from = (QLatin1Char('<') + request.fromUri + QStringLiteral(">;tag=") + request.fromTag).toLatin1();
    const QByteArray to = (QLatin1Char('<') + request.requestUri + QLatin1Char('>')).toLatin1();
    const QByteArray cseq = (QString::number(request.cseq) + QStringLiteral(" OPTIONS")).toLatin1();
    if (osip_message_set_via(message.get(), via.constData()) != OSIP_SUCCESS
        || osip_message_set_from(message.get(), from.constData()) != OSIP_SUCCESS
        || osip_message_set_to(message.get(), to.constData()) != OSIP_SUCCESS
        || osip_message_set_call_id(message.get(), request.callId.toLatin1().constData()) != OSIP_SUCCESS
        || osip_message_set_cseq(message.get(), cseq.constData()) != OSIP_SUCCESS)
        return QByteArray();
    // RFC 3261 section 8.1.1.6 and 11.1.
    osip_message_set_header(message.get(), "Max-Forwards", "70");
    osip_message_set_header(message.get(), "Accept", "application/sdp");
    if (!request.userAgent.isEmpty())
        osip_message_set_header(message.get(), "User-Agent", request.userAgent.toLatin1().constData());
    osip_message_set_content_length(message.get(), "0");
    return messageBytes(message.get());
}

std::optional<SipResponseInfo> SipCodec::parseResponse(const QByteArray &bytes, QString *problem)
{
    if (!bytes.startsWith("SIP/2.0 ")) {
        if (problem)
            *problem = QStringLiteral("not a SIP/2.0 response");
        return std::nullopt;
    }
    MessagePtr message = parseMessage(bytes, problem);
    if (!message)
        return std::nullopt;
    if (!MSG_IS_RESPONSE(message.get()) || message->status_code < 100 || message->status_code > 699) {
        if (problem)
            *problem = QStringLiteral("a status code outside 100 to 699");
        return std::nullopt;
    }
    SipResponseInfo info;
    info.statusCode = message->status_code;
    info.reason = printable(QByteArray(message->reason_phrase ? message->reason_phrase : ""));
    if (!readTransactionKeys(message.get(), &info.branch, &info.callId, &info.cseq, &info.cseqMethod, problem))
        return std::nullopt;
    return info;
}

std::optional<SipRequestInfo> SipCodec::parseRequest(const QByteArray &bytes, QString *problem)
{
    MessagePtr message = parseMessage(bytes, problem);
    if (!message)
        return std::nullopt;
    if (!MSG_IS_REQUEST(message.get()) || !message->sip_method || !message->req_uri) {
        if (problem)
            *problem = QStringLiteral("not a SIP request");
        return std::nullopt;
    }
    SipRequestInfo info;
    info.method = printable(QByteArray(message->sip_method), 32);
    info.requestUri = printable(headerToString(osip_uri_to_str, message->req_uri).toLatin1(), 1024);
    if (!readTransactionKeys(message.get(), &info.branch, &info.callId, &info.cseq, &info.cseqMethod, problem))
        return std::nullopt;
    return info;
}

QByteArray SipCodec::buildResponse(const QByteArray &requestBytes, int statusCode, const QString &reason,
                                   const QString &toTag, const QString &userAgent, QString *problem)
{
    MessagePtr request = parseMessage(requestBytes, problem);
    if (!request)
        return QByteArray();
    if (!MSG_IS_REQUEST(request.get()) || !request->from || !request->to || !request->call_id || !request->cseq
        || osip_list_size(&request->vias) < 1) {
        if (problem)
            *problem = QStringLiteral("a request without Via, From, To, Call-ID or CSeq cannot be answered");
        return QByteArray();
    }
    MessagePtr response = newMessage();
    if (!response)
        return QByteArray();
    osip_message_set_version(response.get(), osip_strdup("SIP/2.0"));
    osip_message_set_status_code(response.get(), statusCode);
    osip_message_set_reason_phrase(response.get(), osip_strdup(reason.toLatin1().constData()));
    for (int i = 0; i < osip_list_size(&request->vias); ++i) {
        auto *via = static_cast<osip_via_t *>(osip_list_get(&request->vias, i));
        const QByteArray value = headerToString(osip_via_to_str, via).toLatin1();
        if (value.isEmpty() || osip_message_set_via(response.get(), value.constData()) != OSIP_SUCCESS) {
            if (problem)
                *problem = QStringLiteral("a Via header that cannot be copied");
            return QByteArray();
        }
    }
    const QByteArray from = headerToString(osip_from_to_str, request->from).toLatin1();
    const QByteArray to = headerToString(osip_to_to_str, request->to).toLatin1();
    const QByteArray callId = headerToString(osip_call_id_to_str, request->call_id).toLatin1();
    const QByteArray cseq = headerToString(osip_cseq_to_str, request->cseq).toLatin1();
    if (osip_message_set_from(response.get(), from.constData()) != OSIP_SUCCESS
        || osip_message_set_to(response.get(), to.constData()) != OSIP_SUCCESS
        || osip_message_set_call_id(response.get(), callId.constData()) != OSIP_SUCCESS
        || osip_message_set_cseq(response.get(), cseq.constData()) != OSIP_SUCCESS) {
        if (problem)
            *problem = QStringLiteral("a From, To, Call-ID or CSeq header that cannot be copied");
        return QByteArray();
    }
    osip_generic_param_t *tag = nullptr;
    if (!toTag.isEmpty() && osip_to_get_tag(response->to, &tag) != OSIP_SUCCESS)
        osip_to_set_tag(response->to, osip_strdup(toTag.toLatin1().constData()));
    if (!userAgent.isEmpty())
        osip_message_set_header(response.get(), "Server", userAgent.toLatin1().constData());
    osip_message_set_content_length(response.get(), "0");
    return messageBytes(response.get());
}

} // namespace cc
