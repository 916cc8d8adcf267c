#pragma once
// TcpFaultProxy's worker: lives on the proxy's thread, owns the listener and
// every pair of sockets, and applies the mode to each chunk as it arrives.

#include <QAtomicInteger>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace cc::test {

class TcpFaultProxyWorker final : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Pass, Delay, Blackhole, Refuse };

    TcpFaultProxyWorker(const QHostAddress &target, quint16 targetPort, QObject *parent = nullptr);
    ~TcpFaultProxyWorker() override;

    quint16 listen();
    void setMode(Mode mode, int delayMs);
    int accepted() const { return m_accepted.loadRelaxed(); }

private:
    struct Link;
    struct Held
    {
        qint64 dueMs = 0;
        std::weak_ptr<Link> link;
        bool toServer = true;
        QByteArray bytes;
    };

    void onNewConnection();
    void connectUpstream(const std::shared_ptr<Link> &link);
    // Pumps what `socket` (the client's end of `link`, or the server's) reads across
    // the link and drops the link when it closes, for as long as the link lives.
    void watch(QTcpSocket *socket, const std::shared_ptr<Link> &link, bool clientEnd);
    void pump(const std::shared_ptr<Link> &link, bool fromClient);
    void releaseDue();
    void resetAll();
    void drop(const std::shared_ptr<Link> &link);

    QHostAddress m_target;
    quint16 m_targetPort;
    QTcpServer *m_server = nullptr;
    QTimer *m_releaser = nullptr;
    Mode m_mode = Mode::Pass;
    int m_delayMs = 0;
    QList<std::shared_ptr<Link>> m_links;
    QList<Held> m_held;            // Delay: chunks waiting for their time, in order
    QAtomicInteger<int> m_accepted = 0;
};

} // namespace cc::test
