#include "sip_test_util.h"

#include <QTcpServer>
#include <QTest>
#include <QUdpSocket>

namespace cc::test {

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    return QTest::qWaitFor(condition, timeoutMs);
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
