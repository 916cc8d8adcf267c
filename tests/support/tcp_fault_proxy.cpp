#include "tcp_fault_proxy.h"

#include "tcp_fault_proxy_worker.h"

#include <QDateTime>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#include <sys/socket.h>

namespace cc::test {

// ------------------------------------------------------------------ worker

struct TcpFaultProxyWorker::Link
{
    QPointer<QTcpSocket> client;
    QPointer<QTcpSocket> server;
};

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Closed with an RST, as a host that has nothing listening answers.
void reset(QTcpSocket *socket)
{
    if (socket == nullptr)
        return;
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger abortive{1, 0};
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    }
    socket->abort();
    socket->deleteLater();
}

} // namespace

TcpFaultProxyWorker::TcpFaultProxyWorker(const QHostAddress &target, quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_targetPort(targetPort)
{
}

TcpFaultProxyWorker::~TcpFaultProxyWorker() = default;

quint16 TcpFaultProxyWorker::listen()
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &TcpFaultProxyWorker::onNewConnection);
    m_releaser = new QTimer(this);
    m_releaser->setSingleShot(true);
    connect(m_releaser, &QTimer::timeout, this, &TcpFaultProxyWorker::releaseDue);
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        return 0;
    return m_server->serverPort();
}

void TcpFaultProxyWorker::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        m_accepted.fetchAndAddRelaxed(1);
        if (m_mode == Mode::Refuse) {
            reset(client);
            continue;
        }
        auto link = std::make_shared<Link>();
        link->client = client;
        client->setParent(this);
        watch(client, link, true);
        m_links.append(link);
        // A blackhole accepts and then says nothing: the upstream waits.
        if (m_mode != Mode::Blackhole)
            connectUpstream(link);
    }
}

void TcpFaultProxyWorker::connectUpstream(const std::shared_ptr<Link> &link)
{
    if (link->server)
        return;
    auto *server = new QTcpSocket(this);
    link->server = server;
    watch(server, link, false);
    server->connectToHost(m_target, m_targetPort);
}

void TcpFaultProxyWorker::watch(QTcpSocket *socket, const std::shared_ptr<Link> &link, bool clientEnd)
{
    const std::weak_ptr<Link> weak = link;
    const auto whileLinked = [weak](auto handle) {
        return [weak, handle] {
            if (const std::shared_ptr<Link> l = weak.lock())
                handle(l);
        };
    };
    connect(socket, &QTcpSocket::readyRead, this,
            whileLinked([this, clientEnd](const std::shared_ptr<Link> &l) { pump(l, clientEnd); }));
    connect(socket, &QTcpSocket::disconnected, this, whileLinked([this](const std::shared_ptr<Link> &l) { drop(l); }));
    // What the client sent while the server was still connecting goes across now.
    if (!clientEnd)
        connect(socket, &QTcpSocket::connected, this, whileLinked([this](const std::shared_ptr<Link> &l) { pump(l, true); }));
}

void TcpFaultProxyWorker::pump(const std::shared_ptr<Link> &link, bool fromClient)
{
    if (m_mode == Mode::Blackhole || m_mode == Mode::Refuse)
        return;   // left unread: held by the sockets (and the kernel) until the mode changes
    QTcpSocket *from = fromClient ? link->client.data() : link->server.data();
    QTcpSocket *to = fromClient ? link->server.data() : link->client.data();
    if (from == nullptr || to == nullptr || to->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray bytes = from->readAll();
    if (bytes.isEmpty())
        return;
    if (m_mode == Mode::Delay || !m_held.isEmpty()) {
        // Behind what is already delayed, never ahead of it.
        const qint64 due = std::max(nowMs() + (m_mode == Mode::Delay ? m_delayMs : 0),
                                    m_held.isEmpty() ? 0 : m_held.constLast().dueMs);
        m_held.append(Held{due, link, fromClient, bytes});
        releaseDue();
        return;
    }
    to->write(bytes);
}

void TcpFaultProxyWorker::releaseDue()
{
    if (m_mode == Mode::Blackhole || m_mode == Mode::Refuse)
        return;
    const qint64 now = nowMs();
    while (!m_held.isEmpty() && m_held.constFirst().dueMs <= now) {
        const Held held = m_held.takeFirst();
        if (const std::shared_ptr<Link> link = held.link.lock()) {
            QTcpSocket *to = held.toServer ? link->server.data() : link->client.data();
            if (to != nullptr && to->state() == QAbstractSocket::ConnectedState)
                to->write(held.bytes);
        }
    }
    if (!m_held.isEmpty())
        m_releaser->start(static_cast<int>(std::max<qint64>(0, m_held.constFirst().dueMs - now)));
}

void TcpFaultProxyWorker::drop(const std::shared_ptr<Link> &link)
{
    // One side closed: close the other (a FIN, as a proxy passes it on).
    if (link->client) {
        link->client->disconnectFromHost();
        link->client->deleteLater();
    }
    if (link->server) {
        link->server->disconnectFromHost();
        link->server->deleteLater();
    }
    m_links.removeAll(link);
}

void TcpFaultProxyWorker::resetAll()
{
    for (const std::shared_ptr<Link> &link : std::as_const(m_links)) {
        if (link->client)
            disconnect(link->client, nullptr, this, nullptr);
        if (link->server)
            disconnect(link->server, nullptr, this, nullptr);
        reset(link->client);
        reset(link->server);
    }
    m_links.clear();
    m_held.clear();
}

void TcpFaultProxyWorker::setMode(Mode mode, int delayMs)
{
    m_mode = mode;
    m_delayMs = delayMs;
    if (mode == Mode::Refuse) {
        resetAll();
        return;
    }
    if (mode == Mode::Blackhole)
        return;
    // Back: what was held goes on, in order; hanging connections reach the server.
    releaseDue();
    const QList<std::shared_ptr<Link>> links = m_links;
    for (const std::shared_ptr<Link> &link : links) {
        connectUpstream(link);
        pump(link, true);
        pump(link, false);
    }
}

// ------------------------------------------------------------------ proxy

TcpFaultProxy::TcpFaultProxy(quint16 targetPort, const QHostAddress &target)
    : m_thread(new QThread)
    , m_worker(new TcpFaultProxyWorker(target, targetPort))
{
    m_thread->setObjectName(QStringLiteral("cc-test-tcp-proxy"));
    m_worker->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

TcpFaultProxy::~TcpFaultProxy() = default;

bool TcpFaultProxy::start()
{
    TcpFaultProxyWorker *worker = m_worker;
    quint16 port = 0;
    QMetaObject::invokeMethod(worker, [&port, worker] { port = worker->listen(); }, Qt::BlockingQueuedConnection);
    m_port = port;
    return port != 0;
}

void TcpFaultProxy::pass()
{
    TcpFaultProxyWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->setMode(TcpFaultProxyWorker::Mode::Pass, 0); },
                              Qt::BlockingQueuedConnection);
}

void TcpFaultProxy::delay(int milliseconds)
{
    TcpFaultProxyWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, milliseconds] { worker->setMode(TcpFaultProxyWorker::Mode::Delay, milliseconds); },
                              Qt::BlockingQueuedConnection);
}

void TcpFaultProxy::blackhole()
{
    TcpFaultProxyWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->setMode(TcpFaultProxyWorker::Mode::Blackhole, 0); },
                              Qt::BlockingQueuedConnection);
}

void TcpFaultProxy::refuse()
{
    TcpFaultProxyWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->setMode(TcpFaultProxyWorker::Mode::Refuse, 0); },
                              Qt::BlockingQueuedConnection);
}

int TcpFaultProxy::connectionsAccepted() const
{
    return m_worker->accepted();
}

} // namespace cc::test
