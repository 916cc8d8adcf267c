#pragma once
// A probe target as a SIP URI (RFC 3261 section 19.1): sip: or sips:, a host
// name or IP literal, a port, and the transport (the "transport" parameter, or
// TLS for sips:). Parsed with GNU oSIP, then checked: what a probe cannot use
// (another scheme, a transport we do not speak, a host that is not a name or an
// address) is refused with a sentence saying why.

#include <QString>

#include <optional>

namespace cc {

enum class SipTransport { Udp, Tcp, Tls };

// "UDP", "TCP", "TLS": the Via header's spelling (RFC 3261 section 20.42).
QString sipTransportName(SipTransport transport);

struct SipUri
{
    bool secure = false;           // sips:
    QString user;                  // optional user part, kept in the Request-URI
    QString host;                  // a name, or an IP literal without brackets
    quint16 port = 5060;
    bool portGiven = false;        // false: 5060 (5061 for TLS) was assumed
    SipTransport transport = SipTransport::Udp;
    bool transportGiven = false;   // the URI carried ;transport=

    // Null with `error` set when the text is not a URI a probe can use.
    static std::optional<SipUri> parse(const QString &text, QString *error = nullptr);

    // "sip:host:port;transport=tcp", as sent in the Request-URI and To header.
    QString toString() const;
    // "host:port", with an IPv6 literal in brackets.
    QString hostPort() const;
    bool hostIsAddress() const;
};

// "host:port" with brackets around an IPv6 literal.
QString sipHostPort(const QString &host, quint16 port);

} // namespace cc
