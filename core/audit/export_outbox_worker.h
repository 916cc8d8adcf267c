#pragma once
// ExportOutbox's worker, on the outbox's own thread with its own store connection,
// QNetworkAccessManager and timers. One request in flight at a time: an audit
// entry (in sequence order, from a per-destination cursor) or a bulk of queued
// metrics, alternating when both wait. An entry counts as sent only on a 2xx,
// after which the cursor moves past it in the same file, so it is never sent
// again; anything else is retried with exponential backoff. The receiver dedupes
// by id, which makes the retry of an unacknowledged entry safe.

#include "audit/audit_store.h"
#include "audit/export_outbox_options.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace cc {

class ExportOutboxWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportOutboxWorker)

public:
    explicit ExportOutboxWorker(const ExportOutboxOptions &options, QObject *parent = nullptr);
    ~ExportOutboxWorker() override;

    // All run on the worker's thread.
    bool init(QString *error);
    void stop();
    void pump();
    void refresh(quint64 generation);
    bool storeMetrics(const QJsonArray &metrics, QString *error);

    // The wait before retry number `failures` (1 = after the first failure):
    // initialRetryMs doubled each time, capped at maxRetryMs.
    static int retryDelayMs(int failures, const ExportOutboxOptions &options);

signals:
    void status(quint64 generation, qint64 pendingEntries, qint64 pendingMetricRows, const QString &lastError);
    void entryExported(qint64 sequence);
    void metricsExported(int count);

private:
    enum class Kind { Entry, Metrics };

    void sendEntry();
    bool sendMetrics();
    void post(const QUrl &url, const QByteArray &body);
    void onFinished(QNetworkReply *reply);
    void fail(const QString &error);
    void emitStatus();
    bool saveCursor(qint64 sequence, QString *error);
    qint64 pendingMetricRows();

    ExportOutboxOptions m_options;
    QString m_destination;
    AuditStore m_store;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_retryTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QPointer<QNetworkReply> m_inFlight;
    Kind m_inFlightKind = Kind::Entry;
    qint64 m_inFlightSequence = 0;
    qint64 m_inFlightLastMetricsId = 0;
    int m_inFlightMetricsCount = 0;
    qint64 m_cursor = 0;
    int m_failures = 0;
    bool m_metricsTurn = false;
    quint64 m_generation = 0;
    QString m_lastError;
};

} // namespace cc
