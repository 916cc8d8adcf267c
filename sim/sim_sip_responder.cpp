#include "sim_sip_responder.h"

#include "sim_logging.h"
#include "sim_tenant.h"

#include "sip/sip_codec.h"
#include "sip/sip_stream_framer.h"

#include <QFile>
#include <QNetworkDatagram>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

namespace cc::sim {

namespace {

QString endpointKey(const QString &host, quint16 port)
{
    return host.toLower() + QLatin1Char(':') + QString::number(port);
}

} // namespace

SimSipResponder::SimSipResponder(SimTenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
    , m_syncTimer(new QTimer(this))
{
    m_syncTimer->setInterval(1000);
    connect(m_syncTimer, &QTimer::timeout, this, &SimSipResponder::sync);
}

SimSipResponder::~SimSipResponder() = default;

bool SimSipResponder::start(QString *error)
{
    for (const QString &id : m_tenant.channels().orderedIds()) {
        if (!bind(id, error))
            return false;
    }
    m_syncTimer->start();
    return true;
}

void SimSipResponder::sync()
{
    const QStringList ids = m_tenant.channels().orderedIds();
    const QSet<QString> present(ids.cbegin(), ids.cend());
    for (auto it = m_endpoints.begin(); it != m_endpoints.end();) {
        const Channel *channel = m_tenant.channels().find(it.key());
        const bool moved = channel
            && endpointKey(channel->configuration.sipServer, static_cast<quint16>(channel->configuration.sipPort)) != (*it)->key;
        if (present.contains(it.key()) && !moved) {
            ++it;
            continue;
        }
        m_owners.remove((*it)->key);
        it = m_endpoints.erase(it);
    }
    for (const QString &id : ids) {
        QString error;
        if (!m_endpoints.contains(id) && !bind(id, &error))
            qCWarning(lcSim) << "no SIP responder for" << id << error;
    }
}

bool SimSipResponder::bind(const QString &channelId, QString *error)
{
    const Channel *channel = m_tenant.channels().find(channelId);
    if (!channel)
        return true;
    const QString key = endpointKey(channel->configuration.sipServer, static_cast<quint16>(channel->configuration.sipPort));
    if (m_owners.contains(key))
        return true;
    auto endpoint = std::make_shared<Endpoint>();
    endpoint->channelId = channelId;
    endpoint->key = key;
    endpoint->serverHost = channel->configuration.sipServer;
    endpoint->serverPort = static_cast<quint16>(channel->configuration.sipPort);
    // The same free port for UDP and TCP: a few tries, since another program
    // may take the TCP port between the two binds.
    for (int attempt = 0; attempt < 20 && !endpoint->tcp; ++attempt) {
        auto udp = std::make_unique<QUdpSocket>();
        if (!udp->bind(QHostAddress::LocalHost, 0))
            continue;
        auto tcp = std::make_unique<QTcpServer>();
        if (!tcp->listen(QHostAddress::LocalHost, udp->localPort()))
            continue;
        endpoint->udp = std::move(udp);
        endpoint->tcp = std::move(tcp);
    }
    if (!endpoint->tcp) {
        if (error)
            *error = QStringLiteral("cannot bind a SIP responder for %1 on 127.0.0.1").arg(channelId);
        return false;
    }
    QUdpSocket *udp = endpoint->udp.get();
    connect(udp, &QUdpSocket::readyRead, this, [this, udp, channelId] {
        while (udp->hasPendingDatagrams()) {
            const QNetworkDatagram datagram = udp->receiveDatagram(SipCodec::kMaxMessageBytes);
            if (const std::optional<QByteArray> answer = answerFor(channelId, datagram.data()))
                udp->writeDatagram(*answer, datagram.senderAddress(), static_cast<quint16>(datagram.senderPort()));
        }
    });
    QTcpServer *tcp = endpoint->tcp.get();
    connect(tcp, &QTcpServer::newConnection, this, [this, tcp, channelId] {
        while (QTcpSocket *socket = tcp->nextPendingConnection()) {
            auto framer = std::make_shared<SipStreamFramer>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, framer, channelId] {
                QList<QByteArray> messages;
                if (!framer->append(socket->readAll(), &messages)) {
                    socket->abort();
                    return;
                }
                for (const QByteArray &message : std::as_const(messages)) {
                    if (const std::optional<QByteArray> answer = answerFor(channelId, message))
                        socket->write(*answer);
                }
            });
        }
    });
    m_owners.insert(key, channelId);
    m_endpoints.insert(channelId, std::move(endpoint));
    return true;
}

std::optional<QByteArray> SimSipResponder::answerFor(const QString &channelId, const QByteArray &request)
{
    const std::optional<SipRequestInfo> info = SipCodec::parseRequest(request);
    if (!info)
        return std::nullopt;   // garbage and answers get nothing, as from a real server
    if (info->method == QLatin1String("ACK"))
        return std::nullopt;
    const Channel *channel = m_tenant.channels().find(channelId);
    if (!channel)
        return std::nullopt;
    // The state as of now: checks due since the last API call run first.
    m_tenant.channels().advanceHealth(m_tenant.clock().nowUtc());
    Answer answer = m_overrides.value(channelId, Answer::ByState);
    if (answer == Answer::ByState) {
        switch (channel->status) {
        case ChannelStatus::Healthy:
        case ChannelStatus::Active:
        case ChannelStatus::Provisioning:
            answer = Answer::Ok;
            break;
        case ChannelStatus::Degraded:
            answer = Answer::Unavailable;
            break;
        case ChannelStatus::Unhealthy:
        case ChannelStatus::Disabled:
            answer = Answer::Silence;
            break;
        }
    }
    int code = 200;
    QString reason = QStringLiteral("OK");
    if (info->method != QLatin1String("OPTIONS")) {
        code = 405;
        reason = QStringLiteral("Method Not Allowed");
    } else if (answer == Answer::Silence) {
        return std::nullopt;
    } else if (answer == Answer::Unavailable) {
        code = 503;
        reason = QStringLiteral("Service Unavailable");
    }
    const QByteArray bytes = SipCodec::buildResponse(request, code, reason, channelId, QStringLiteral("cxone-sim trunk ") + channelId);
    if (bytes.isEmpty())
        return std::nullopt;
    ++m_answered;
    return bytes;
}

void SimSipResponder::setAnswer(const QString &channelId, Answer answer)
{
    if (answer == Answer::ByState)
        m_overrides.remove(channelId);
    else
        m_overrides.insert(channelId, answer);
}

std::optional<quint16> SimSipResponder::portOf(const QString &channelId) const
{
    const auto it = m_endpoints.constFind(channelId);
    if (it == m_endpoints.cend())
        return std::nullopt;
    return (*it)->udp->localPort();
}

QStringList SimSipResponder::connectToRules() const
{
    QStringList rules;
    for (const QString &id : m_tenant.channels().orderedIds()) {
        const auto it = m_endpoints.constFind(id);
        if (it == m_endpoints.cend())
            continue;
        rules.append(SipConnectTo::ruleText({(*it)->serverHost, (*it)->serverPort},
                                            {QStringLiteral("127.0.0.1"), (*it)->udp->localPort()}));
    }
    return rules;
}

SipConnectTo SimSipResponder::connectTo() const
{
    SipConnectTo rules;
    for (const QString &rule : connectToRules())
        rules.addRule(rule);
    return rules;
}

bool SimSipResponder::writeMap(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("cannot write the SIP map %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray text("# cxone-sim: where each simulated trunk's SIP server answers (cxonectl probe --connect-to-file)\n");
    for (const QString &rule : connectToRules())
        text += rule.toUtf8() + '\n';
    file.write(text);
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write the SIP map %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace cc::sim
