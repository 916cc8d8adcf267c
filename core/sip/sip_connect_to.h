#pragma once
// Where a probe of HOST:PORT really connects, when told otherwise: curl's
// --connect-to HOST1:PORT1:HOST2:PORT2, for SIP. The Request-URI and To header
// still name the trunk (so a carrier sees the probe it would get), only the
// connection goes elsewhere. The simulated tenant uses it to send the probes of
// its carrier-like trunk names to its loopback responders; an operator uses it
// to probe one SBC of a cluster, or through split-horizon DNS.
//
// One rule a line in a file ("# comments" and blank lines allowed), IPv6 in
// brackets: sip-01.carrier-provider.net:5060:127.0.0.1:40312

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace cc {

struct SipEndpoint
{
    QString host;   // a name or an IP literal (no brackets)
    quint16 port = 0;
};

class SipConnectTo final
{
public:
    // Adds one rule; false with `error` naming what is wrong with it.
    bool addRule(const QString &rule, QString *error = nullptr);
    // Reads a file of rules; false with `error` naming the file and the line.
    bool addFile(const QString &path, QString *error = nullptr);

    // Where HOST:PORT goes instead, if a rule says so (host names match in any case).
    std::optional<SipEndpoint> redirect(const QString &host, quint16 port) const;
    int size() const { return static_cast<int>(m_rules.size()); }
    bool isEmpty() const { return m_rules.isEmpty(); }

    // "HOST1:PORT1:HOST2:PORT2", with brackets around IPv6 literals.
    static QString ruleText(const SipEndpoint &from, const SipEndpoint &to);

private:
    QHash<QString, SipEndpoint> m_rules; // key: lower-case host + ':' + port
};

} // namespace cc
