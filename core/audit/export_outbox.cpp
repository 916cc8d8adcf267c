#include "audit/export_outbox.h"

#include "audit/export_outbox_worker.h"
#include "client/transport_security.h"

#include <QEventLoop>
#include <QTimer>

namespace cc {

ExportOutbox::ExportOutbox(const ExportOutboxOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

ExportOutbox::~ExportOutbox()
{
    if (!m_thread)
        return;
    ExportOutboxWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
}

bool ExportOutbox::validateExportUrl(const QUrl &url, QString *error)
{
    const QString problem = transportSecurityProblem(url);
    if (!problem.isEmpty() && error)
        *error = QStringLiteral("the export URL: %1").arg(problem);
    return problem.isEmpty();
}

bool ExportOutbox::start(QString *error)
{
    if (m_started)
        return true;
    if (!validateExportUrl(m_options.exportUrl, error))
        return false;
    m_thread.reset(new QThread);
    m_worker = new ExportOutboxWorker(m_options);
    moveWorkerToThread(m_worker, m_thread.get(), QStringLiteral("cc-export-outbox"));
    connect(m_worker, &ExportOutboxWorker::status, this, &ExportOutbox::onStatus);
    connect(m_worker, &ExportOutboxWorker::entryExported, this, &ExportOutbox::entryExported);
    connect(m_worker, &ExportOutboxWorker::metricsExported, this, &ExportOutbox::metricsExported);
    m_thread->start();

    bool ok = false;
    QString initError;
    ExportOutboxWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [&, worker] { ok = worker->init(&initError); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(worker, [worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
        m_thread.reset();
        m_worker = nullptr;
        if (error)
            *error = initError;
        return false;
    }
    m_started = true;
    ExportOutboxWorker *w = m_worker;
    const quint64 generation = ++m_requestedGeneration;
    QMetaObject::invokeMethod(w, [w, generation] { w->refresh(generation); }, Qt::QueuedConnection);
    return true;
}

void ExportOutbox::wake()
{
    if (!m_worker)
        return;
    ExportOutboxWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, &ExportOutboxWorker::pump, Qt::QueuedConnection);
}

void ExportOutbox::enqueueMetrics(const QJsonArray &metrics)
{
    if (!m_worker || metrics.isEmpty())
        return;
    ExportOutboxWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, metrics] { worker->storeMetrics(metrics, nullptr); }, Qt::QueuedConnection);
}

bool ExportOutbox::waitUntilDrained(int timeoutMs)
{
    if (!m_worker)
        return false;
    const quint64 generation = ++m_requestedGeneration;
    ExportOutboxWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, generation] { worker->refresh(generation); }, Qt::QueuedConnection);
    const auto drained = [this, generation] {
        return m_statusGeneration >= generation && m_pendingEntries == 0 && m_pendingMetricRows == 0;
    };
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &ExportOutbox::backlogChanged, &loop, [&] {
        if (drained())
            loop.quit();
    });
    connect(this, &ExportOutbox::lastErrorChanged, &loop, [&] {
        if (drained())
            loop.quit();
    });
    if (!drained()) {
        timeout.start(timeoutMs);
        loop.exec();
    }
    return drained();
}

void ExportOutbox::onStatus(quint64 generation, qint64 pendingEntries, qint64 pendingMetricRows,
                            const QString &lastError)
{
    m_statusGeneration = std::max(m_statusGeneration, generation);
    const bool backlogMoved = pendingEntries != m_pendingEntries || pendingMetricRows != m_pendingMetricRows;
    m_pendingEntries = pendingEntries;
    m_pendingMetricRows = pendingMetricRows;
    if (lastError != m_lastError) {
        m_lastError = lastError;
        emit lastErrorChanged(m_lastError);
    }
    // Also on an unchanged backlog once a refresh was answered, so waiters can decide.
    if (backlogMoved || generation == m_requestedGeneration)
        emit backlogChanged(m_pendingEntries, m_pendingMetricRows);
}

} // namespace cc
