#include "audit/audit_log.h"

#include "audit/audit_database_url.h"
#include "audit/audit_forwarder.h"
#include "audit/audit_gate.h"
#include "audit/audit_pending_forwards.h"
#include "audit/audit_spool.h"
#include "audit/audit_store.h"
#include "audit/audit_writer.h"

namespace cc {

AuditLog::AuditLog(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_writer(new AuditWriter)
    , m_gate(std::make_shared<AuditGate>())
    , m_pending(std::make_shared<AuditPendingForwards>())
{
    qRegisterMetaType<cc::AuditEntry>();
    m_writer->setGate(m_gate);
    moveWorkerToThread(m_writer, m_thread.get(), QStringLiteral("cc-audit-writer"));
    connect(m_writer, &AuditWriter::batchCommitted, this, &AuditLog::onBatchCommitted);
    connect(m_writer, &AuditWriter::batchFailed, this, &AuditLog::onBatchFailed);
    m_thread->start();
}

AuditLog::~AuditLog()
{
    AuditWriter *writer = m_writer;
    QMetaObject::invokeMethod(writer, [writer] { writer->close(); }, Qt::BlockingQueuedConnection);
    // Whatever the spool holds now gets one last attempt; the rest waits there
    // for the next run.
    if (AuditForwarder *forwarder = m_forwarder)
        QMetaObject::invokeMethod(forwarder, [forwarder] { forwarder->close(); }, Qt::BlockingQueuedConnection);
    // The threads' deleters quit and wait; their workers are deleted on finished.
}

bool AuditLog::open(const QString &path, QString *error)
{
    if (isPostgresUrl(path))
        return openShared(path, error);
    bool ok = false;
    QString openError;
    AuditWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        writer, [&, writer] { ok = writer->open(path, &openError); }, Qt::BlockingQueuedConnection);
    m_open = ok;
    // The path the store really opened: readers on other connections (the
    // Audit page, the outbox, exports) open this file, and an empty path would
    // leave them with nothing to read.
    m_path = path.isEmpty() ? AuditStore::defaultPath() : path;
    if (!ok && error)
        *error = openError;
    return ok;
}

bool AuditLog::openShared(const QString &url, QString *error)
{
    if (!parsePostgresUrl(url, error))
        return false;
    if (m_spoolPath.isEmpty())
        m_spoolPath = AuditSpool::defaultPathFor(url);
    bool ok = false;
    QString openError;
    AuditWriter *writer = m_writer;
    const QString spoolPath = m_spoolPath;
    const std::shared_ptr<AuditPendingForwards> pending = m_pending;
    QMetaObject::invokeMethod(
        writer, [&, writer] { ok = writer->openSpool(spoolPath, pending, &openError); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        if (error)
            *error = openError;
        return false;
    }
    m_forwardThread.reset(new QThread);
    auto *forwarder = new AuditForwarder(url, m_spoolPath, m_gate, m_pending);
    moveWorkerToThread(forwarder, m_forwardThread.get(), QStringLiteral("cc-audit-forwarder"));
    connect(writer, &AuditWriter::spooled, forwarder, &AuditForwarder::wake);
    connect(forwarder, &AuditForwarder::forwarded, this, &AuditLog::onBatchCommitted);
    connect(forwarder, &AuditForwarder::spoolState, this, &AuditLog::spoolChanged);
    m_forwardThread->start();
    QMetaObject::invokeMethod(
        forwarder, [&, forwarder] { ok = forwarder->open(&openError); }, Qt::BlockingQueuedConnection);
    m_forwarder = forwarder;
    m_path = url;
    m_open = ok;
    if (!ok && error)
        *error = openError;
    return ok;
}

bool AuditLog::checkWritable(QString *error)
{
    bool ok = false;
    QString checkError;
    if (AuditForwarder *forwarder = m_forwarder) {
        QMetaObject::invokeMethod(
            forwarder, [&, forwarder] { ok = forwarder->checkWritable(&checkError); }, Qt::BlockingQueuedConnection);
    } else if (m_open) {
        AuditWriter *writer = m_writer;
        QMetaObject::invokeMethod(
            writer, [&, writer] { ok = writer->checkWritable(&checkError); }, Qt::BlockingQueuedConnection);
    } else {
        checkError = m_gate->refusal();
    }
    if (!ok && error)
        *error = checkError;
    return ok;
}

quint64 AuditLog::append(const AuditEvent &event)
{
    const quint64 ticket = m_nextTicket.fetchAndAddRelaxed(1);
    m_writer->enqueue(AuditPendingAppend{ticket, event, nullptr});
    return ticket;
}

bool AuditLog::appendAndWait(const AuditEvent &event, AuditEntry *entry, QString *error, bool *keptInSpool)
{
    if (QThread::currentThread() == m_thread.get()) {
        if (error)
            *error = QStringLiteral("appendAndWait called on the audit writer's own thread");
        return false;
    }
    auto waiter = std::make_shared<AuditWaiter>();
    const quint64 ticket = m_nextTicket.fetchAndAddRelaxed(1);
    m_writer->enqueue(AuditPendingAppend{ticket, event, waiter});
    QMutexLocker locker(&waiter->mutex);
    while (!waiter->done)
        waiter->condition.wait(&waiter->mutex);
    if (waiter->ok && entry)
        *entry = waiter->entry;
    if (!waiter->ok && error)
        *error = waiter->error;
    if (keptInSpool)
        *keptInSpool = waiter->spooled;
    return waiter->ok;
}

void AuditLog::announceCommitted(qint64 lastSequence)
{
    emit entriesCommitted(lastSequence);
}

void AuditLog::onBatchCommitted(const QList<quint64> &tickets, const QList<AuditEntry> &entries)
{
    for (qsizetype i = 0; i < tickets.size(); ++i)
        emit committed(tickets.at(i), entries.at(i));
    if (!entries.isEmpty())
        emit entriesCommitted(entries.constLast().sequence);
}

void AuditLog::onBatchFailed(const QList<quint64> &tickets, const QString &error)
{
    for (const quint64 ticket : tickets)
        emit failed(ticket, error);
}

} // namespace cc
