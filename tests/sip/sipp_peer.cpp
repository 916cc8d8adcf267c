#include "sipp_peer.h"

#include "sip_test_util.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QUdpSocket>

namespace cc::test {

SippPeer::~SippPeer()
{
    stop();
}

bool SippPeer::available()
{
    return !QStandardPaths::findExecutable(QStringLiteral("sipp")).isEmpty();
}

QString SippPeer::uri() const
{
    return QStringLiteral("sip:127.0.0.1:%1%2").arg(m_port).arg(m_transport == SipTransport::Tcp ? QStringLiteral(";transport=tcp") : QString());
}

bool SippPeer::start(const QString &scenario, SipTransport transport, int delayMs, QString *error, quint16 port)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!available())
        return fail(QStringLiteral("sipp is not installed (Debian package sip-tester; scripts/setup installs it)"));
    stop();   // a restart in place: the old SIPp goes first
    m_transport = transport;
    // CC_KEEP_SIPP_LOGS=1 keeps SIPp's output and message log for a look after the test.
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("CC_KEEP_SIPP_LOGS"));
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = port ? port : freeLoopbackPort();
        const QStringList arguments{
            QStringLiteral("-sf"), QStringLiteral(CC_SIPP_SCENARIOS) + QLatin1Char('/') + scenario,
            QStringLiteral("-i"), QStringLiteral("127.0.0.1"),
            QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-t"), transport == SipTransport::Tcp ? QStringLiteral("t1") : QStringLiteral("u1"),
            QStringLiteral("-d"), QString::number(delayMs),
            QStringLiteral("-nostdin"),
            QStringLiteral("-trace_msg"), QStringLiteral("-message_file"), m_dir.filePath(QStringLiteral("messages.log")),
            QStringLiteral("-timeout"), QStringLiteral("120s")};
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("sipp.out")));
        m_process.start(QStringLiteral("sipp"), arguments);
        if (!m_process.waitForStarted(5000))
            return fail(QStringLiteral("sipp did not start: ") + m_process.errorString());
        // Ready when SIPp holds the port (our own bind fails): no connection of
        // ours that SIPp would have to handle before the test's.
        const bool ready = waitUntil([this, transport] {
            if (m_process.state() != QProcess::Running)
                return true;
            if (transport == SipTransport::Tcp) {
                QTcpServer server;
                return !server.listen(QHostAddress::LocalHost, m_port);
            }
            QUdpSocket socket;
            return !socket.bind(QHostAddress::LocalHost, m_port);
        }, 10000);
        if (ready && m_process.state() == QProcess::Running)
            return true;
        stop();
    }
    return fail(QStringLiteral("sipp did not start listening on a free port"));
}

void SippPeer::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QList<SippPeer::Exchange> SippPeer::exchanges() const
{
    QFile file(m_dir.filePath(QStringLiteral("messages.log")));
    QList<Exchange> list;
    if (!file.open(QIODevice::ReadOnly))
        return list;
    // "----- 2026-12-01 23:03:09.704215" then "UDP message received [230] bytes :" / "... sent (251 bytes):"
    static const QRegularExpression stamp(QStringLiteral("^-+ (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)\\.(\\d{6})"));
    qint64 pending = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const QRegularExpressionMatch match = stamp.match(line);
        if (match.hasMatch()) {
            const QDateTime seconds = QDateTime::fromString(match.captured(1), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            pending = seconds.toMSecsSinceEpoch() * 1000 + match.captured(2).toLongLong();
            continue;
        }
        if (line.contains(QLatin1String("message received")))
            list.append({pending, 0});
        else if (line.contains(QLatin1String("message sent")) && !list.isEmpty())
            list.last().sentUs = pending;
    }
    return list;
}

} // namespace cc::test
