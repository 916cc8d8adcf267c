#include "audit/audit_writer.h"

#include "audit/audit_logging.h"

namespace cc {

AuditWriter::AuditWriter(QObject *parent)
    : QObject(parent)
{
}

AuditWriter::~AuditWriter() = default;

void AuditWriter::enqueue(AuditPendingAppend append)
{
    bool schedule = false;
    {
        QMutexLocker locker(&m_queueMutex);
        m_queue.append(std::move(append));
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            schedule = true;
        }
    }
    if (schedule)
        QMetaObject::invokeMethod(this, &AuditWriter::flush, Qt::QueuedConnection);
}

bool AuditWriter::open(const QString &path, QString *error)
{
    return m_store.open(path, error);
}

void AuditWriter::close()
{
    flush();
    m_store.close();
}

void AuditWriter::flush()
{
    QList<AuditPendingAppend> batch;
    {
        QMutexLocker locker(&m_queueMutex);
        batch.swap(m_queue);
        m_flushScheduled = false;
    }
    if (batch.isEmpty())
        return;

    // Redaction and canonical JSON happen here, off the caller's (UI) thread.
    QList<AuditEntry> entries;
    entries.reserve(batch.size());
    QList<quint64> tickets;
    tickets.reserve(batch.size());
    for (const AuditPendingAppend &append : std::as_const(batch)) {
        AuditEntry entry;
        entry.timestampMs = append.event.timestampMs;
        entry.eventType = append.event.eventType;
        entry.channelId = append.event.channelId;
        entry.actor = append.event.actor.isEmpty() ? defaultAuditActor() : append.event.actor;
        entry.source = append.event.source;
        entry.tenant = append.event.tenant;
        entry.detailsJson = canonicalDetailsJson(append.event.details);
        entries.append(entry);
        tickets.append(append.ticket);
    }

    QString error;
    const bool ok = m_store.isOpen() ? m_store.appendBatch(&entries, &error)
                                     : (error = QStringLiteral("the audit store is not open"), false);
    if (!ok) {
        error = QStringLiteral("could not record %1 audit entr%2 in %3: %4")
                    .arg(batch.size())
                    .arg(batch.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies"), m_store.path(), error);
        qCWarning(lcAudit).noquote() << error;
    }
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const std::shared_ptr<AuditWaiter> &waiter = batch.at(i).waiter;
        if (!waiter)
            continue;
        QMutexLocker locker(&waiter->mutex);
        waiter->done = true;
        waiter->ok = ok;
        if (ok)
            waiter->entry = entries.at(i);
        else
            waiter->error = error;
        waiter->condition.wakeAll();
    }
    if (ok)
        emit batchCommitted(tickets, entries);
    else
        emit batchFailed(tickets, error);
}

} // namespace cc
