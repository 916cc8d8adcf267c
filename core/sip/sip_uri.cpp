#include "sip/sip_uri.h"

#include "sip/sip_codec.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <osipparser2/osip_parser.h>

#include <memory>

namespace cc {

namespace {

struct UriDeleter
{
    void operator()(osip_uri_t *uri) const { osip_uri_free(uri); }
};

QString text(const char *value)
{
    return value ? QString::fromUtf8(value) : QString();
}

// RFC 3261 section 25.1 hostname: labels of letters, digits and hyphens.
bool isHostName(const QString &host)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$"));
    return pattern.match(host).hasMatch();
}

} // namespace

QString sipTransportName(SipTransport transport)
{
    switch (transport) {
    case SipTransport::Udp: return QStringLiteral("UDP");
    case SipTransport::Tcp: return QStringLiteral("TCP");
    case SipTransport::Tls: return QStringLiteral("TLS");
    }
    return QStringLiteral("UDP");
}

QString sipHostPort(const QString &host, quint16 port)
{
    const QString shown = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return shown + QLatin1Char(':') + QString::number(port);
}

std::optional<SipUri> SipUri::parse(const QString &input, QString *error)
{
    const auto fail = [error, &input](const QString &why) -> std::optional<SipUri> {
        if (error)
            *error = QStringLiteral("'%1' is not a SIP URI a probe can use: %2").arg(input, why);
        return std::nullopt;
    };
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return fail(QStringLiteral("it is empty (write it as sip:host:port, e.g. sip:sip.carrier.net:5060)"));
    if (trimmed.size() > 1024)
        return fail(QStringLiteral("it is longer than 1024 characters"));
    for (const QChar c : trimmed) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return fail(QStringLiteral("it contains a space, a control character or a non-ASCII character"));
    }
    SipCodec::ensureParserReady();
    osip_uri_t *raw = nullptr;
    if (osip_uri_init(&raw) != OSIP_SUCCESS)
        return fail(QStringLiteral("out of memory"));
    const std::unique_ptr<osip_uri_t, UriDeleter> uri(raw);
    const QByteArray bytes = trimmed.toLatin1();
    if (osip_uri_parse(uri.get(), bytes.constData()) != OSIP_SUCCESS)
        return fail(QStringLiteral("it does not parse (write it as sip:host:port or sips:host:port)"));

    SipUri result;
    const QString scheme = text(uri->scheme).toLower();
    if (scheme == QLatin1String("sips"))
        result.secure = true;
    else if (scheme != QLatin1String("sip"))
        return fail(QStringLiteral("the scheme is '%1'; only sip: and sips: are probed").arg(scheme));
    result.user = text(uri->username);
    result.host = text(uri->host);
    if (result.host.startsWith(QLatin1Char('[')) && result.host.endsWith(QLatin1Char(']')))
        result.host = result.host.mid(1, result.host.size() - 2);
    const QHostAddress literal(result.host);
    if (result.host.isEmpty() || (literal.isNull() && !isHostName(result.host)))
        return fail(QStringLiteral("'%1' is neither a host name nor an IP address").arg(result.host));
    if (literal.isNull() && result.host.contains(QLatin1Char(':')))
        return fail(QStringLiteral("an IPv6 address must be in brackets, e.g. sip:[2001:db8::1]:5060"));

    result.transport = result.secure ? SipTransport::Tls : SipTransport::Udp;
    osip_uri_param_t *param = nullptr;
    if (osip_uri_param_get_byname(&uri->url_params, const_cast<char *>("transport"), &param) == OSIP_SUCCESS && param) {
        const QString transport = text(param->gvalue).toLower();
        result.transportGiven = true;
        if (transport == QLatin1String("udp"))
            result.transport = SipTransport::Udp;
        else if (transport == QLatin1String("tcp"))
            result.transport = result.secure ? SipTransport::Tls : SipTransport::Tcp;
        else if (transport == QLatin1String("tls"))
            result.transport = SipTransport::Tls;
        else
            return fail(QStringLiteral("transport '%1' is not probed (udp, tcp or tls)").arg(transport));
        // RFC 3261 section 26.2.2: sips: needs a reliable, secured transport.
        if (result.secure && result.transport == SipTransport::Udp)
            return fail(QStringLiteral("sips: cannot be reached over UDP (RFC 3261 section 26.2.2)"));
    }
    if (uri->port && *uri->port) {
        bool ok = false;
        const uint port = text(uri->port).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return fail(QStringLiteral("the port '%1' is not 1 to 65535").arg(text(uri->port)));
        result.port = static_cast<quint16>(port);
        result.portGiven = true;
    } else {
        // RFC 3263 section 4.2 would look up SRV records for a name without a
        // port; the contract always gives sip_port, so the default port is used.
        result.port = result.transport == SipTransport::Tls ? 5061 : 5060;
    }
    return result;
}

QString SipUri::toString() const
{
    QString text = secure ? QStringLiteral("sips:") : QStringLiteral("sip:");
    if (!user.isEmpty())
        text += user + QLatin1Char('@');
    text += sipHostPort(host, port);
    if (transportGiven || (!secure && transport != SipTransport::Udp))
        text += QStringLiteral(";transport=") + sipTransportName(transport).toLower();
    return text;
}

QString SipUri::hostPort() const
{
    return sipHostPort(host, port);
}

bool SipUri::hostIsAddress() const
{
    return !QHostAddress(host).isNull();
}

} // namespace cc
