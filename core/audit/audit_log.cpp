#include "audit/audit_log.h"

#include "audit/audit_store.h"

#include "audit/audit_writer.h"

namespace cc {

AuditLog::AuditLog(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_writer(new AuditWriter)
{
    qRegisterMetaType<cc::AuditEntry>();
    m_thread->setObjectName(QStringLiteral("cc-audit-writer"));
    m_writer->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &AuditWriter::batchCommitted, this, &AuditLog::onBatchCommitted);
    connect(m_writer, &AuditWriter::batchFailed, this, &AuditLog::onBatchFailed);
    m_thread->start();
}

AuditLog::~AuditLog()
{
    AuditWriter *writer = m_writer;
    QMetaObject::invokeMethod(writer, [writer] { writer->close(); }, Qt::BlockingQueuedConnection);
    // m_thread's deleter quits and waits; the writer is deleted on finished.
}

bool AuditLog::open(const QString &path, QString *error)
{
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

quint64 AuditLog::append(const AuditEvent &event)
{
    const quint64 ticket = m_nextTicket.fetchAndAddRelaxed(1);
    m_writer->enqueue(AuditPendingAppend{ticket, event, nullptr});
    return ticket;
}

bool AuditLog::appendAndWait(const AuditEvent &event, AuditEntry *entry, QString *error)
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
