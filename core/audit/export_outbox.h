#pragma once
// The persistent outbox to the customer's export endpoint (contract section 5):
// every audit entry goes out as one POST to export_url, quality metrics in bulk
// to {export_url}/metrics/bulk, each with the endpoint's own bearer token. What is
// pending lives in the audit store's file (a cursor per destination and a metrics
// queue), so it survives the endpoint being down and the program being closed,
// and goes out when both are back. Backlog and the last error are visible.
//
// The network and the store are used on the outbox's own thread; this object
// only relays. Connect AuditLog::entriesCommitted to wake() so new entries leave
// at once (the outbox also polls, for entries other processes appended).

#include "audit/export_outbox_options.h"
#include "common/owned_thread.h"

#include <QJsonArray>
#include <QObject>
#include <QThread>

#include <memory>

namespace cc {

class ExportOutboxWorker;

class ExportOutbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportOutbox)

public:
    explicit ExportOutbox(const ExportOutboxOptions &options, QObject *parent = nullptr);
    // Stops the thread; an unacknowledged request is abandoned and sent again next time.
    ~ExportOutbox() override;

    // https, or plain http to a loopback address; false with what to change.
    static bool validateExportUrl(const QUrl &url, QString *error);

    // Checks the URL and opens the store on the outbox's thread (briefly blocks,
    // once at start-up); sending starts right away.
    bool start(QString *error = nullptr);
    bool isStarted() const { return m_started; }

    // Thread-safe nudges.
    void wake();
    // Queues quality metrics (redacted) durably in the store, then sends them in bulk.
    void enqueueMetrics(const QJsonArray &metrics);

    qint64 pendingEntries() const { return m_pendingEntries; }
    qint64 pendingMetricRows() const { return m_pendingMetricRows; }
    QString lastError() const { return m_lastError; }

    // For cxonectl before it exits: runs a local event loop until nothing is
    // pending or `timeoutMs` passed; true when drained. Never from the UI.
    bool waitUntilDrained(int timeoutMs);

signals:
    void backlogChanged(qint64 pendingEntries, qint64 pendingMetricRows);
    void lastErrorChanged(const QString &lastError);   // empty once an export succeeds again
    void entryExported(qint64 sequence);
    void metricsExported(int count);

private:
    void onStatus(quint64 generation, qint64 pendingEntries, qint64 pendingMetricRows, const QString &lastError);

    ExportOutboxOptions m_options;
    OwnedThread m_thread;
    ExportOutboxWorker *m_worker = nullptr;   // lives in m_thread, deleted when it finishes
    bool m_started = false;
    quint64 m_requestedGeneration = 0;
    quint64 m_statusGeneration = 0;
    qint64 m_pendingEntries = 0;
    qint64 m_pendingMetricRows = 0;
    QString m_lastError;
};

} // namespace cc
