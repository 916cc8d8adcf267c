#pragma once
// AuditLog's worker: lives on the log's thread, owns that thread's connection to
// the store, and commits whatever was queued since the last commit in one
// transaction (so a burst of appends costs one fsync, not one each).

#include "audit/audit_entry.h"
#include "audit/audit_store.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <memory>

namespace cc {

class AuditGate;
class AuditPendingForwards;
class AuditSpool;

// A caller blocked in AuditLog::appendAndWait, woken once its entry is committed or failed.
struct AuditWaiter
{
    QMutex mutex;
    QWaitCondition condition;
    bool done = false;
    bool ok = false;
    bool spooled = false;   // not in the shared trail yet, but kept in the local spool
    AuditEntry entry;
    QString error;
};

// Wakes the caller waiting for its entry, if one waits (an asynchronous append
// has no waiter): the entry as stored when `ok`, else the error. `spooled`: not
// in the trail, but kept in the local spool.
void resolveAuditWaiter(const std::shared_ptr<AuditWaiter> &waiter, bool ok, const AuditEntry &entry,
                        const QString &error, bool spooled = false);

struct AuditPendingAppend
{
    quint64 ticket = 0;
    AuditEvent event;
    std::shared_ptr<AuditWaiter> waiter;   // null for asynchronous appends
};

class AuditWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditWriter)

public:
    explicit AuditWriter(QObject *parent = nullptr);
    ~AuditWriter() override;

    // Thread-safe: queues an append and schedules one commit for everything queued.
    void enqueue(AuditPendingAppend append);

    // Run on the writer's thread (queued or blocking-queued from the owner).
    bool open(const QString &path, QString *error);
    // For the shared trail: every entry goes to the local spool (fsynced) and
    // the forwarder takes it on from there; `pending` is how it finds who waits.
    bool openSpool(const QString &spoolPath, std::shared_ptr<AuditPendingForwards> pending, QString *error);
    // The gate this writer keeps up to date (a file store: each commit says).
    void setGate(std::shared_ptr<AuditGate> gate) { m_gate = std::move(gate); }
    // A file store: takes the write lock and lets it go.
    bool checkWritable(QString *error);
    void flush();
    void close();

signals:
    void batchCommitted(const QList<quint64> &tickets, const QList<cc::AuditEntry> &entries);
    void batchFailed(const QList<quint64> &tickets, const QString &error);
    // Entries went to the spool: the forwarder has work.
    void spooled();

private:
    void flushToSpool(const QList<AuditPendingAppend> &batch, QList<AuditEntry> entries, const QList<quint64> &tickets);

    AuditStore m_store;
    std::unique_ptr<AuditSpool> m_spool;
    std::shared_ptr<AuditPendingForwards> m_pending;
    std::shared_ptr<AuditGate> m_gate;
    QMutex m_queueMutex;
    QList<AuditPendingAppend> m_queue;     // guarded by m_queueMutex
    bool m_flushScheduled = false;         // guarded by m_queueMutex
};

} // namespace cc
