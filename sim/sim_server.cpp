#include "sim_server.h"

#include "sim_logging.h"
#include "sim_sip_responder.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace cc::sim {

namespace {

// "GET", "POST", ...: the enum's key in upper case.
QString methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(method));
    return key ? QString::fromLatin1(key).toUpper() : QStringLiteral("UNKNOWN");
}

void writeResponse(QHttpServerResponder &responder, const SimResponse &answer)
{
    QHttpServerResponse response(answer.contentType, answer.body,
                                 static_cast<QHttpServerResponse::StatusCode>(answer.status));
    for (const auto &header : answer.headers)
        response.addHeader(header.first, header.second);
    response.write(std::move(responder));
}

// The whole answer as bytes on the wire, for a "drip" fault that writes it
// itself, a few bytes at a time.
QByteArray rawResponse(const SimResponse &answer)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(answer.status) + " Simulated\r\n";
    if (!answer.contentType.isEmpty())
        bytes += "Content-Type: " + answer.contentType + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
    for (const auto &header : answer.headers)
        bytes += header.first + ": " + header.second + "\r\n";
    return bytes + "\r\n";
}

} // namespace

SimServer::SimServer(const SimOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_tenant(std::make_unique<SimTenant>(options))
    , m_http(new QHttpServer(this))
    , m_scenarioTimer(new QTimer(this))
{
    // Every request goes to the tenant, which routes it itself: that is how
    // unknown paths and wrong methods get the contract's error body and how the
    // request log names routes by their template.
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        serve(request, std::move(responder));
    });
    m_scenarioTimer->setSingleShot(true);
    connect(m_scenarioTimer, &QTimer::timeout, this, [this] {
        m_tenant->tick();
        scheduleScenario();
    });
}

SimServer::~SimServer()
{
    // Held-back responders refer to sockets the HTTP server owns: drop them first.
    m_scenarioTimer->stop();
    delete m_sipResponder;
    m_sipResponder = nullptr;
    m_delayed.clear();
    delete m_http;
    m_http = nullptr;
}

bool SimServer::listen(QString *error)
{
    if (m_port != 0)
        return true;
    if (!m_tenant->start(error))
        return false;
    auto *tcp = new QTcpServer(m_http);
    if (!tcp->listen(m_options.host, m_options.port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3 (choose another --port, or 0 for any free one)")
                         .arg(m_options.host.toString()).arg(m_options.port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    m_http->bind(tcp);
    m_port = tcp->serverPort();
    if (m_options.sipResponder) {
        m_sipResponder = new SimSipResponder(*m_tenant, this);
        if (!m_sipResponder->start(error))
            return false;
    }
    m_tenant->setBaseUrl(baseUrl());
    scheduleScenario();
    qCDebug(lcSim) << "listening on" << baseUrl().toString();
    return true;
}

QUrl SimServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    // Bound to every address: local clients reach it on the loopback one.
    const bool anyOrLoopback = m_options.host == QHostAddress(QHostAddress::LocalHost)
        || m_options.host == QHostAddress(QHostAddress::AnyIPv4) || m_options.host == QHostAddress(QHostAddress::Any);
    url.setHost(anyOrLoopback ? QStringLiteral("127.0.0.1") : m_options.host.toString());
    url.setPort(m_port);
    return url;
}

QUrl SimServer::exportUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/export"));
    return url;
}

void SimServer::scheduleScenario()
{
    if (const std::optional<qint64> due = m_tenant->msUntilNextEvent())
        m_scenarioTimer->start(static_cast<int>(qBound<qint64>(0, *due, 24LL * 3600 * 1000)));
}

void SimServer::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    SimRequest simRequest;
    simRequest.method = methodName(request.method());
    simRequest.path = request.url().path(QUrl::FullyDecoded);
    simRequest.query = request.url().query(QUrl::FullyEncoded);
    for (const auto &header : request.headers())
        simRequest.headers.insert(header.first.toLower(), header.second);
    simRequest.body = request.body();
    simRequest.fromLoopback = request.remoteAddress().isLoopback();

    const SimResponse answer = m_tenant->handle(simRequest);
    scheduleScenario();

    if (answer.dropConnection) {
        // The change is committed; the client never hears about it.
        if (QTcpSocket *socket = responder.socket())
            socket->abort();
        return;
    }
    if (answer.dripIntervalMs > 0) {
        drip(std::move(responder), answer);
        return;
    }
    if (answer.delayMs <= 0) {
        writeResponse(responder, answer);
        return;
    }
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    m_delayed.push_back(pending);
    QPointer<QTcpSocket> socket = pending->socket();
    QTimer::singleShot(answer.delayMs, this, [this, raw = pending.get(), socket, answer] {
        const auto it = std::find_if(m_delayed.begin(), m_delayed.end(),
                                     [raw](const std::shared_ptr<QHttpServerResponder> &p) { return p.get() == raw; });
        if (it == m_delayed.end())
            return;
        // A client that gave up meanwhile has closed the socket: nothing to write.
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            writeResponse(**it, answer);
        m_delayed.erase(it);
    });
}

void SimServer::drip(QHttpServerResponder &&responder, const SimResponse &answer)
{
    // The status line and headers at once, then the body a chunk per tick: an
    // answer that never stalls long enough for an inactivity timer to fire.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    m_delayed.push_back(pending);
    QPointer<QTcpSocket> socket = pending->socket();
    if (!socket)
        return;
    socket->write(rawResponse(answer));
    auto *timer = new QTimer(this);
    auto offset = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, socket, offset, raw = pending.get(), body = answer.body,
                                            chunk = answer.dripChunkBytes] {
        const bool connected = socket && socket->state() == QAbstractSocket::ConnectedState;
        if (connected && *offset < body.size()) {
            socket->write(body.mid(*offset, chunk));
            *offset += chunk;
            if (*offset < body.size())
                return;
        }
        timer->deleteLater();
        const auto it = std::find_if(m_delayed.begin(), m_delayed.end(),
                                     [raw](const std::shared_ptr<QHttpServerResponder> &p) { return p.get() == raw; });
        if (it != m_delayed.end())
            m_delayed.erase(it);
    });
    timer->start(answer.dripIntervalMs);
}

} // namespace cc::sim
