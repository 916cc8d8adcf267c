#include "metrics_tool.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>

namespace cc::test {

PromtoolResult promtoolCheckMetrics(const QByteArray &scrape)
{
    PromtoolResult result;
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        return result;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!process.waitForStarted(10000))
        return result;
    result.ran = true;
    process.write(scrape);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromUtf8(process.readAll());
    return result;
}

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace cc::test
