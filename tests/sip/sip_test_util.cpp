#include "sip_test_util.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

namespace cc::test {

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    // Not QTest::qWaitFor: it sleeps 10 ms between event-loop passes, and the
    // prober under test runs in this thread, so its reads would wait and the
    // RTTs it measures would grow by up to that much (the SIPp round-trip
    // test compares them with SIPp's log within 10 ms). A 5 ms timer wakes
    // the loop without blocking it.
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

std::optional<SipProbeResult> probeAndWait(SipProber &prober, const QString &uri, int timeoutMs)
{
    const std::optional<SipUri> target = SipUri::parse(uri);
    if (!target)
        return std::nullopt;
    std::optional<SipProbeResult> result;
    const quint64 id = prober.probe(*target, timeoutMs);
    const QMetaObject::Connection connection =
        QObject::connect(&prober, &SipProber::finished, &prober, [&result, id](const SipProbeResult &finished) {
            if (finished.probeId == id)
                result = finished;
        });
    waitUntil([&result] { return result.has_value(); }, timeoutMs + 5000);
    QObject::disconnect(connection);
    return result;
}

std::optional<SipProbeResult> probeAndWait(const QString &uri, int timeoutMs)
{
    SipProber prober;
    return probeAndWait(prober, uri, timeoutMs);
}

quint16 freeLoopbackPort()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QUdpSocket udp;
        if (!udp.bind(QHostAddress::LocalHost, 0))
            continue;
        QTcpServer tcp;
        if (tcp.listen(QHostAddress::LocalHost, udp.localPort()))
            return udp.localPort();
    }
    return 0;
}

} // namespace cc::test
