// Benchmark: how many GET /api/v2/channels/{id} a second the simulated tenant
// serves over loopback, so it is never the bottleneck when the console watches
// thousands of channels (goal: >= 2,000/s on a 2-core machine). The sim runs in
// its own thread; several keep-alive connections hammer it from the main thread.
//
//   bench_sim [seconds=3] [connections=8]

#include "sim_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct SimHandle
{
    quint16 port = 0;
    QString token;
    QStringList ids;
};

// One keep-alive connection that sends the next request as soon as the answer
// to the previous one is complete.
class Hammer final : public QObject
{
public:
    Hammer(quint16 port, const QByteArray &token, const QStringList &ids, qint64 *completed, qint64 *failed)
        : m_token(token), m_ids(ids), m_completed(completed), m_failed(failed)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { sendNext(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { readAnswers(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    void stop() { m_stopped = true; }

private:
    void sendNext()
    {
        if (m_stopped)
            return;
        const QString &id = m_ids.at(static_cast<int>(m_sent++ % m_ids.size()));
        m_socket.write("GET /api/v2/channels/" + id.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Accept: application/json\r\nAuthorization: Bearer " + m_token + "\r\n\r\n");
    }

    void readAnswers()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QByteArray head = m_buffer.left(headerEnd).toLower();
            const qsizetype lengthAt = head.indexOf("content-length:");
            qint64 length = 0;
            if (lengthAt >= 0) {
                const qsizetype lineEnd = head.indexOf("\r\n", lengthAt);
                length = head.mid(lengthAt + 15, lineEnd < 0 ? -1 : lineEnd - lengthAt - 15).trimmed().toLongLong();
            }
            if (m_buffer.size() < headerEnd + 4 + length)
                return;
            if (head.startsWith("http/1.1 200"))
                ++*m_completed;
            else
                ++*m_failed;
            m_buffer.remove(0, headerEnd + 4 + length);
            sendNext();
        }
    }

    QTcpSocket m_socket;
    QByteArray m_token;
    QStringList m_ids;
    QByteArray m_buffer;
    qint64 m_sent = 0;
    qint64 *m_completed;
    qint64 *m_failed;
    bool m_stopped = false;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int seconds = args.size() > 1 ? qMax(1, args.at(1).toInt()) : 3;
    const int connections = args.size() > 2 ? qMax(1, args.at(2).toInt()) : 8;

    QThread simThread;
    simThread.setObjectName(QStringLiteral("cxone-sim"));
    simThread.start();
    QObject simContext;
    simContext.moveToThread(&simThread);
    std::unique_ptr<cc::sim::SimServer> server;
    SimHandle handle;
    QString error;
    QMetaObject::invokeMethod(&simContext, [&] {
        cc::sim::SimOptions options;
        options.rateLimitPerMinute = 0;
        options.channels = 12;
        server = std::make_unique<cc::sim::SimServer>(options);
        if (!server->listen(&error))
            return;
        handle.port = server->port();
        handle.ids = server->tenant().channels().orderedIds();
        handle.token = server->tenant().tokens().issue(cc::sim::TokenStore::knownScopes(), 3600,
                                                      server->tenant().clock().monotonicMs()).token;
    }, Qt::BlockingQueuedConnection);
    if (handle.port == 0) {
        std::fprintf(stderr, "bench_sim: the sim did not start: %s\n", qPrintable(error));
        return 1;
    }

    qint64 completed = 0;
    qint64 failed = 0;
    std::vector<std::unique_ptr<Hammer>> hammers;
    for (int i = 0; i < connections; ++i)
        hammers.push_back(std::make_unique<Hammer>(handle.port, handle.token.toLatin1(), handle.ids, &completed, &failed));

    // Half a second of warm-up, then the measured window.
    qint64 startCount = 0;
    QElapsedTimer measured;
    QTimer::singleShot(500, &app, [&] {
        startCount = completed;
        measured.start();
        QTimer::singleShot(seconds * 1000, &app, [&] {
            for (auto &hammer : hammers)
                hammer->stop();
            QCoreApplication::quit();
        });
    });
    QCoreApplication::exec();
    const double elapsed = measured.elapsed() / 1000.0;
    const qint64 count = completed - startCount;

    QMetaObject::invokeMethod(&simContext, [&] { server.reset(); }, Qt::BlockingQueuedConnection);
    hammers.clear();
    simThread.quit();
    simThread.wait();

    std::printf("bench_sim: GET /api/v2/channels/{id}, %d keep-alive connections, %.1f s\n", connections, elapsed);
    std::printf("bench_sim: %lld answers 200, %lld other answers\n", static_cast<long long>(count), static_cast<long long>(failed));
    std::printf("bench_sim: %.0f requests/second (goal >= 2000)\n", count / elapsed);
    return failed == 0 && count > 0 ? 0 : 1;
}
