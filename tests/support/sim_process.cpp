#include "sim_process.h"

#include "cxonectl_run.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QRegularExpression>

#include <memory>

namespace cc::test {

QString SimProcess::binary()
{
    return QStringLiteral(CC_SIM_BINARY);
}

SimProcess::SimProcess(const QStringList &arguments)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(binary(), QStringList{QStringLiteral("--port"), QStringLiteral("0")} + arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cxone-sim did not start: %1").arg(m_process.errorString());
        return;
    }
    const QRegularExpression first(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:(\\d+))\\s*$"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        const int newline = m_output.indexOf('\n');
        if (newline >= 0) {
            const QRegularExpressionMatch match = first.match(QString::fromUtf8(m_output.left(newline)));
            if (!match.hasMatch()) {
                m_error = QStringLiteral("cxone-sim's first line is not its address: %1").arg(QString::fromUtf8(m_output));
                return;
            }
            // Its banner ends with this line once all it writes at start (the SIP map) is in place.
            if (m_output.contains("press Ctrl-C")) {
                m_base = QUrl(match.captured(1));
                return;
            }
        }
        if (m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("cxone-sim exited: %1").arg(QString::fromUtf8(m_output + m_process.readAll()));
            return;
        }
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        m_output += m_process.readAll();
    }
    m_error = QStringLiteral("cxone-sim did not finish starting within 20 s: %1").arg(QString::fromUtf8(m_output));
}

SimProcess::~SimProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

SimProcess::Answer SimProcess::controlCall(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkAccessManager network;
    QUrl url = m_base;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, method, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

QByteArray SimProcess::output()
{
    m_output += m_process.readAll();
    return m_output;
}

bool SimProcess::fault(const QJsonObject &action)
{
    if (!m_base.isValid())
        return false;
    const int status = controlCall("POST", QStringLiteral("/_sim/faults"), QJsonDocument(action).toJson(QJsonDocument::Compact)).status;
    return status >= 200 && status < 300;
}

bool SimProcess::holdStatus(const QString &channelId, const QString &status)
{
    return fault({{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), channelId},
                  {QStringLiteral("status"), status}});
}

QProcessEnvironment SimProcess::clientEnvironment() const
{
    return cxonectlEnvironment(m_base);
}

QJsonObject SimProcess::stats()
{
    if (!m_base.isValid())
        return {};
    return QJsonDocument::fromJson(controlCall("GET", QStringLiteral("/_sim/stats")).body).object();
}

int SimProcess::patchesAnswered200()
{
    if (!m_base.isValid())
        return -1;
    const QJsonArray requests =
        QJsonDocument::fromJson(controlCall("GET", QStringLiteral("/_sim/requests")).body).object().value(QStringLiteral("requests")).toArray();
    int n = 0;
    for (const QJsonValue &value : requests) {
        const QJsonObject r = value.toObject();
        n += r.value(QStringLiteral("method")).toString() == QLatin1String("PATCH")
                && r.value(QStringLiteral("path")).toString().startsWith(QLatin1String("/api/v2/channels/"))
                && r.value(QStringLiteral("status")).toInt() == 200
            ? 1
            : 0;
    }
    return n;
}

} // namespace cc::test
