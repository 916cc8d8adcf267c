#include "audit/audit_writer.h"

#include "audit/audit_gate.h"
#include "audit/audit_logging.h"
#include "audit/audit_pending_forwards.h"
#include "audit/audit_spool.h"

#include <QDateTime>

namespace cc {

void resolveAuditWaiter(const std::shared_ptr<AuditWaiter> &waiter, bool ok, const AuditEntry &entry,
                        const QString &error, bool spooled)
{
    if (!waiter)
        return;
    QMutexLocker locker(&waiter->mutex);
    waiter->done = true;
    waiter->ok = ok;
    waiter->spooled = spooled;
    if (ok)
        waiter->entry = entry;
    else
        waiter->error = error;
    waiter->condition.wakeAll();
}

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
    const bool ok = m_store.open(path, error);
    if (m_gate) {
        if (ok)
            m_gate->setTakesEntries();
        else
            m_gate->setRefusing(QStringLiteral("the audit store could not be opened (%1)").arg(error ? *error : QString()));
    }
    return ok;
}

bool AuditWriter::openSpool(const QString &spoolPath, std::shared_ptr<AuditPendingForwards> pending, QString *error)
{
    auto spool = std::make_unique<AuditSpool>();
    if (!spool->open(spoolPath, error))
        return false;
    m_spool = std::move(spool);
    m_pending = std::move(pending);
    return true;
}

bool AuditWriter::checkWritable(QString *error)
{
    const bool ok = m_store.probeWritable(error);
    if (m_gate) {
        if (ok)
            m_gate->setTakesEntries();
        else
            m_gate->setRefusing(QStringLiteral("the audit store %1 cannot be written (%2)").arg(m_store.path(), error ? *error : QString()));
    }
    return ok;
}

void AuditWriter::close()
{
    flush();
    m_store.close();
    if (m_spool)
        m_spool->close();
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

    if (m_spool) {
        flushToSpool(batch, entries, tickets);
        return;
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
    for (qsizetype i = 0; i < batch.size(); ++i)
        resolveAuditWaiter(batch.at(i).waiter, ok, entries.at(i), error);
    if (m_gate) {
        if (ok)
            m_gate->setTakesEntries();
        else
            m_gate->setRefusing(error);
    }
    if (ok)
        emit batchCommitted(tickets, entries);
    else
        emit batchFailed(tickets, error);
}

void AuditWriter::flushToSpool(const QList<AuditPendingAppend> &batch, QList<AuditEntry> entries,
                               const QList<quint64> &tickets)
{
    // Fixed here, before the spool: the entry keeps this id and time whenever
    // it reaches the shared trail.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        AuditEntry &entry = entries[i];
        completeAuditEntry(&entry, now);
        m_pending->add(entry.id, AuditPendingForwards::Wait{tickets.at(i), batch.at(i).waiter});
    }
    QString error;
    if (m_spool->push(entries, &error)) {
        emit spooled();
        return;
    }
    qCWarning(lcAudit).noquote() << error;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        m_pending->take(entries.at(i).id);
        resolveAuditWaiter(batch.at(i).waiter, false, AuditEntry(), error);
    }
    if (m_gate)
        m_gate->setRefusing(error);
    emit batchFailed(tickets, error);
}

} // namespace cc
