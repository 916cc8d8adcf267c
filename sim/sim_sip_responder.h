#pragma once
// Each simulated trunk's SIP server: a UDP socket and a TCP listener on
// 127.0.0.1, on one free port per trunk, answering OPTIONS as the trunk's
// simulated state says: healthy, active or provisioning 200 OK; degraded 503
// Service Unavailable; unhealthy or disabled nothing at all. Other requests get
// 405 (as a real SBC that only takes calls from its customers would say 403/405).
//
// How a probe finds it: the contract fixes sip_port to 5060..5080 and the
// seeded sip_server names are a carrier's, so the responder cannot sit where
// the channel says without taking machine-wide ports (and two simulated tenants
// could not run side by side, as the tests run them). Instead it publishes
// connect-to rules, "sip_server:sip_port:127.0.0.1:PORT" (sip/sip_connect_to.h),
// that cxonectl probe --connect-to-file and the console's prober take. The
// channel keeps its carrier-like name; the probe still names it in its
// Request-URI. Channels created or deleted later get or lose their responder
// within a second. A channel whose sip_server:sip_port is already taken by an
// older channel shares that one's responder (and answers).

#include "sip/sip_connect_to.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTimer;
class QUdpSocket;
QT_END_NAMESPACE

namespace cc::sim {

class SimTenant;

class SimSipResponder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimSipResponder)

public:
    enum class Answer { ByState, Ok, Unavailable, Silence };

    SimSipResponder(SimTenant &tenant, QObject *parent = nullptr);
    ~SimSipResponder() override;

    // Binds a responder for every channel; false with `error` set.
    bool start(QString *error = nullptr);
    // Rules "sip_server:sip_port:127.0.0.1:PORT", one per responder.
    QStringList connectToRules() const;
    SipConnectTo connectTo() const;
    // Writes the rules to `path` (the format of cxonectl probe --connect-to-file).
    bool writeMap(const QString &path, QString *error = nullptr) const;
    std::optional<quint16> portOf(const QString &channelId) const;

    // Overrides a trunk's answer whatever its state (Answer::ByState undoes it):
    // a tenant that says healthy while the SIP server is silent.
    void setAnswer(const QString &channelId, Answer answer);
    qint64 requestsAnswered() const { return m_answered; }

    // Binds and unbinds responders as channels come and go.
    void sync();

private:
    struct Endpoint
    {
        QString channelId;
        QString key;      // sip_server:sip_port, lower case
        QString serverHost;
        quint16 serverPort = 0;
        std::unique_ptr<QUdpSocket> udp;
        std::unique_ptr<QTcpServer> tcp;
    };

    bool bind(const QString &channelId, QString *error);
    std::optional<QByteArray> answerFor(const QString &channelId, const QByteArray &request);

    SimTenant &m_tenant;
    QHash<QString, std::shared_ptr<Endpoint>> m_endpoints;   // by channel id
    QHash<QString, QString> m_owners;                        // sip_server:sip_port -> channel id
    QHash<QString, Answer> m_overrides;
    QTimer *m_syncTimer = nullptr;
    qint64 m_answered = 0;
};

} // namespace cc::sim
