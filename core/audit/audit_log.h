#pragma once
// The audit trail as the UI, the engine and cxonectl use it: append() returns at
// once and the entry is written on the log's own thread, batched with whatever
// else arrived meanwhile; committed() follows once the entry is durable, so an
// action is shown as done only after its entry is on disk.
//
// appendAndWait() blocks until the commit: for cxonectl and tests, never for the
// UI thread (a commit waits for an fsync).

#include "audit/audit_entry.h"
#include "common/owned_thread.h"

#include <QAtomicInteger>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace cc {

class AuditWriter;

class AuditLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLog)

public:
    explicit AuditLog(QObject *parent = nullptr);
    // Commits everything queued, then stops the thread.
    ~AuditLog() override;

    // Opens the store on the log's thread and waits for it (once, at start-up:
    // a local file). An empty path: AuditStore::defaultPath().
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_open; }
    // The file opened (the default path when open() was given none).
    QString path() const { return m_path; }

    // Thread-safe. Returns a ticket that committed() or failed() names later.
    quint64 append(const AuditEvent &event);

    // Blocks until the entry is committed (true, `entry` filled) or failed.
    // Not from the UI thread.
    bool appendAndWait(const AuditEvent &event, AuditEntry *entry = nullptr, QString *error = nullptr);

    // Entries another writer of this process committed to the same store (the
    // alarm keeper, which writes them with its table in one transaction): the
    // log's listeners (the Audit page, the export outbox) hear of them as of its own.
    void announceCommitted(qint64 lastSequence);

signals:
    void committed(quint64 ticket, const cc::AuditEntry &entry);
    void failed(quint64 ticket, const QString &error);
    // Once per committed batch: the outbox listens to this.
    void entriesCommitted(qint64 lastSequence);

private:
    void onBatchCommitted(const QList<quint64> &tickets, const QList<cc::AuditEntry> &entries);
    void onBatchFailed(const QList<quint64> &tickets, const QString &error);

    OwnedThread m_thread;
    AuditWriter *m_writer = nullptr;     // lives in m_thread, deleted when it finishes
    QAtomicInteger<quint64> m_nextTicket = 1;
    bool m_open = false;
    QString m_path;
};

} // namespace cc
