#include "audit/export_outbox_worker.h"

#include "api/contract.h"
#include "audit/audit_logging.h"
#include "audit/redact_secrets.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace cc {

namespace {

constexpr int kMetricsRowsPerRead = 100;

QString describeUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace

ExportOutboxWorker::ExportOutboxWorker(const ExportOutboxOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_destination(options.exportUrl.adjusted(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash).toString())
{
}

ExportOutboxWorker::~ExportOutboxWorker() = default;

bool ExportOutboxWorker::init(QString *error)
{
    if (!m_store.open(m_options.dbPath, error))
        return false;
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT last_sent_seq FROM export_cursor WHERE destination = ?"));
    query.addBindValue(m_destination);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("cannot read the export outbox in %1: %2").arg(m_store.path(), query.lastError().text());
        return false;
    }
    // A destination seen for the first time receives the whole trail.
    m_cursor = query.next() ? query.value(0).toLongLong() : 0;

    m_network = new QNetworkAccessManager(this);
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ExportOutboxWorker::pump);
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(m_options.pollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, [this] {
        emitStatus();
        pump();
    });
    m_pollTimer->start();
    QMetaObject::invokeMethod(this, &ExportOutboxWorker::pump, Qt::QueuedConnection);
    return true;
}

void ExportOutboxWorker::stop()
{
    if (m_inFlight) {
        // Not acknowledged: it stays pending and goes out again next time.
        m_inFlight->disconnect(this);
        m_inFlight->abort();
        m_inFlight->deleteLater();
    }
    if (m_pollTimer)
        m_pollTimer->stop();
    if (m_retryTimer)
        m_retryTimer->stop();
    m_store.close();
}

void ExportOutboxWorker::refresh(quint64 generation)
{
    m_generation = std::max(m_generation, generation);
    emitStatus();
    pump();
}

bool ExportOutboxWorker::storeMetrics(const QJsonArray &metrics, QString *error)
{
    const QByteArray text = QJsonDocument(redactSecrets(metrics).toArray()).toJson(QJsonDocument::Compact);
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("INSERT INTO metrics_outbox (created_ms, metrics) VALUES (?, ?)"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(QString::fromUtf8(text));
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("cannot queue quality metrics for export in %1: %2")
                         .arg(m_store.path(), query.lastError().text());
        return false;
    }
    emitStatus();
    pump();
    return true;
}

void ExportOutboxWorker::pump()
{
    if (!m_store.isOpen() || m_inFlight || (m_retryTimer && m_retryTimer->isActive()))
        return;
    const bool entriesWaiting = m_store.lastSequence() > m_cursor;
    const bool metricsWaiting = pendingMetricRows() > 0;
    if (!entriesWaiting && !metricsWaiting)
        return;
    const bool metricsNow = metricsWaiting && (!entriesWaiting || m_metricsTurn);
    m_metricsTurn = !metricsNow;
    if (metricsNow) {
        if (!sendMetrics() && entriesWaiting)
            sendEntry();
    } else {
        sendEntry();
    }
}

void ExportOutboxWorker::sendEntry()
{
    QString error;
    const QList<AuditEntry> next = m_store.entriesAfter(m_cursor, 1, &error);
    if (next.isEmpty()) {
        if (!error.isEmpty())
            fail(error);
        return;
    }
    m_inFlightKind = Kind::Entry;
    m_inFlightSequence = next.first().sequence;
    post(m_options.exportUrl, QJsonDocument(next.first().toExportJson()).toJson(QJsonDocument::Compact));
}

bool ExportOutboxWorker::sendMetrics()
{
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, metrics FROM metrics_outbox ORDER BY id LIMIT ?"));
    query.addBindValue(kMetricsRowsPerRead);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read queued metrics: ") + query.lastError().text());
        return false;
    }
    QJsonArray metrics;
    qint64 lastId = 0;
    int rows = 0;
    while (query.next()) {
        const QJsonArray batch = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array();
        if (rows > 0 && metrics.size() + batch.size() > m_options.maxMetricsPerBatch)
            break;
        lastId = query.value(0).toLongLong();
        ++rows;
        for (const QJsonValue &metric : batch)
            metrics.append(metric);
    }
    if (rows == 0)
        return false;
    const QJsonObject body{
        {api::kKeyExportType, api::kExportTypeQualityMetrics},
        {api::kKeyGeneratedAt, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {api::kKeyMetrics, metrics},
    };
    QUrl url = m_options.exportUrl.adjusted(QUrl::StripTrailingSlash);
    url.setPath(url.path() + api::kMetricsBulkSuffix);
    m_inFlightKind = Kind::Metrics;
    m_inFlightLastMetricsId = lastId;
    m_inFlightMetricsCount = static_cast<int>(metrics.size());
    post(url, QJsonDocument(body).toJson(QJsonDocument::Compact));
    return true;
}

void ExportOutboxWorker::post(const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    // The endpoint's own credential only: the CXone token never leaves for a third party.
    if (!m_options.exportToken.isEmpty())
        request.setRawHeader(api::kHeaderAuthorization, "Bearer " + m_options.exportToken.toUtf8());
    request.setTransferTimeout(m_options.requestTimeoutMs);
    // A redirect would carry the token elsewhere: treated as a failure.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, body);
    m_inFlight = reply;
    // The transfer timeout measures silence only; a receiver that trickles its
    // answer is cut at the same bound in total.
    QTimer::singleShot(std::max(1, m_options.requestTimeoutMs), reply, [reply] {
        if (!reply->isFinished())
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

int ExportOutboxWorker::retryDelayMs(int failures, const ExportOutboxOptions &options)
{
    qint64 delay = std::max(1, options.initialRetryMs);
    for (int i = 1; i < failures && delay < options.maxRetryMs; ++i)
        delay *= 2;
    return static_cast<int>(std::min<qint64>(delay, std::max(options.maxRetryMs, options.initialRetryMs)));
}

void ExportOutboxWorker::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_inFlight == reply)
        m_inFlight = nullptr;
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl url = reply->request().url();
    if (httpStatus < 200 || httpStatus > 299) {
        QString reason;
        if (httpStatus != 0)
            reason = QStringLiteral("HTTP %1 %2").arg(httpStatus)
                         .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        else
            reason = reply->errorString();
        if (httpStatus >= 300 && httpStatus < 400)
            reason += QStringLiteral(" (a redirect to %1: not followed, so the export token stays with %2)")
                          .arg(describeUrl(url.resolved(reply->header(QNetworkRequest::LocationHeader).toUrl())), describeUrl(url));
        if (httpStatus == 401 || httpStatus == 403)
            reason += QStringLiteral(" (check the export endpoint's token in the profile or CXONE_EXPORT_TOKEN)");
        fail(QStringLiteral("export to %1 failed: %2").arg(describeUrl(url), reason.trimmed()));
        return;
    }

    QString error;
    if (m_inFlightKind == Kind::Entry) {
        if (!saveCursor(m_inFlightSequence, &error)) {
            fail(error);
            return;
        }
        m_cursor = m_inFlightSequence;
        emit entryExported(m_inFlightSequence);
    } else {
        QSqlQuery query(m_store.database());
        query.prepare(QStringLiteral("DELETE FROM metrics_outbox WHERE id <= ?"));
        query.addBindValue(m_inFlightLastMetricsId);
        if (!query.exec()) {
            fail(QStringLiteral("cannot mark exported metrics as sent: ") + query.lastError().text());
            return;
        }
        emit metricsExported(m_inFlightMetricsCount);
    }
    m_failures = 0;
    m_lastError.clear();
    emitStatus();
    pump();
}

void ExportOutboxWorker::fail(const QString &error)
{
    ++m_failures;
    const int delay = retryDelayMs(m_failures, m_options);
    m_lastError = error
        + (delay < 1000 ? QStringLiteral("; retrying in %1 ms").arg(delay)
                        : QStringLiteral("; retrying in %1 s").arg(QString::number(delay / 1000.0, 'f', 1)));
    qCWarning(lcAudit).noquote() << m_lastError;
    m_retryTimer->start(delay);
    emitStatus();
}

bool ExportOutboxWorker::saveCursor(qint64 sequence, QString *error)
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("INSERT INTO export_cursor (destination, last_sent_seq, updated_ms) VALUES (?, ?, ?)"
                                 " ON CONFLICT(destination) DO UPDATE SET last_sent_seq = excluded.last_sent_seq,"
                                 " updated_ms = excluded.updated_ms"));
    query.addBindValue(m_destination);
    query.addBindValue(sequence);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("cannot record entry #%1 as exported: %2").arg(sequence).arg(query.lastError().text());
        return false;
    }
    return true;
}

qint64 ExportOutboxWorker::pendingMetricRows()
{
    QSqlQuery query(m_store.database());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM metrics_outbox")) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

void ExportOutboxWorker::emitStatus()
{
    if (!m_store.isOpen())
        return;
    const qint64 pending = std::max<qint64>(0, m_store.lastSequence() - m_cursor);
    emit status(m_generation, pending, pendingMetricRows(), m_lastError);
}

} // namespace cc
