#include "sip/sip_connect_to.h"

#include "sip/sip_uri.h"

#include <QFile>
#include <QHostAddress>

namespace cc {

namespace {

QString key(const QString &host, quint16 port)
{
    return host.toLower() + QLatin1Char(':') + QString::number(port);
}

// Reads "host:port" (IPv6 literal in brackets) from the front of `text`.
bool takeEndpoint(QString *text, SipEndpoint *endpoint, QString *error)
{
    QString host;
    if (text->startsWith(QLatin1Char('['))) {
        const qsizetype close = text->indexOf(QLatin1Char(']'));
        if (close < 0) {
            *error = QStringLiteral("an IPv6 address without its closing bracket");
            return false;
        }
        host = text->mid(1, close - 1);
        if (QHostAddress(host).protocol() != QAbstractSocket::IPv6Protocol) {
            *error = QStringLiteral("'%1' in brackets is not an IPv6 address").arg(host);
            return false;
        }
        *text = text->mid(close + 1);
    } else {
        const qsizetype colon = text->indexOf(QLatin1Char(':'));
        host = colon < 0 ? *text : text->left(colon);
        *text = colon < 0 ? QString() : text->mid(colon);
    }
    if (host.isEmpty() || !SipUri::parse(QStringLiteral("sip:") + sipHostPort(host, 5060))) {
        *error = QStringLiteral("'%1' is not a host name or an IP address").arg(host);
        return false;
    }
    if (!text->startsWith(QLatin1Char(':'))) {
        *error = QStringLiteral("no port after '%1'").arg(host);
        return false;
    }
    *text = text->mid(1);
    const qsizetype colon = text->indexOf(QLatin1Char(':'));
    const QString portText = colon < 0 ? *text : text->left(colon);
    *text = colon < 0 ? QString() : text->mid(colon + 1);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        *error = QStringLiteral("the port '%1' is not 1 to 65535").arg(portText);
        return false;
    }
    endpoint->host = host;
    endpoint->port = static_cast<quint16>(port);
    return true;
}

} // namespace

bool SipConnectTo::addRule(const QString &rule, QString *error)
{
    QString problem;
    QString rest = rule.trimmed();
    SipEndpoint from;
    SipEndpoint to;
    const bool ok = takeEndpoint(&rest, &from, &problem) && takeEndpoint(&rest, &to, &problem)
        && (rest.isEmpty() || (problem = QStringLiteral("unexpected '%1' at the end").arg(rest)).isEmpty());
    if (!ok) {
        if (error)
            *error = QStringLiteral("connect-to rule '%1' is not HOST1:PORT1:HOST2:PORT2: %2").arg(rule.trimmed(), problem);
        return false;
    }
    m_rules.insert(key(from.host, from.port), to);
    return true;
}

bool SipConnectTo::addFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("cannot read the connect-to file %1: %2").arg(path, file.errorString());
        return false;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine(4096)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        QString problem;
        if (!addRule(line, &problem)) {
            if (error)
                *error = QStringLiteral("%1 line %2: %3").arg(path).arg(lineNumber).arg(problem);
            return false;
        }
    }
    return true;
}

std::optional<SipEndpoint> SipConnectTo::redirect(const QString &host, quint16 port) const
{
    const auto it = m_rules.constFind(key(host, port));
    if (it == m_rules.cend())
        return std::nullopt;
    return *it;
}

QString SipConnectTo::ruleText(const SipEndpoint &from, const SipEndpoint &to)
{
    return sipHostPort(from.host, from.port) + QLatin1Char(':') + sipHostPort(to.host, to.port);
}

} // namespace cc
