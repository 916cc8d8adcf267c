#pragma once
// The audit trail as the UI, the engine and cxonectl use it: append() returns at
// once and the entry is written on the log's own thread, batched with whatever
// else arrived meanwhile; committed() follows once the entry is durable, so an
// action is shown as done only after its entry is on disk.
//
// appendAndWait() blocks until the commit: for cxonectl and tests, never for the
// UI thread (a commit waits for an fsync).
//
// With the shared trail (a postgresql:// store) every entry is first written
// to the local spool (AuditSpool, fsynced) on the log's thread and forwarded
// from there by a second thread (AuditForwarder): a database that is down,
// restarting, slow or cut off never loses an entry and never holds up the
// caller. committed() follows once the entry is in the shared trail. gate()
// says whether a person's action may go ahead (its entry can be stored now).

#include "audit/audit_entry.h"
#include "common/owned_thread.h"

#include <QAtomicInteger>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace cc {

class AuditForwarder;
class AuditGate;
class AuditPendingForwards;
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
    // a local file). An empty path: AuditStore::defaultPath(). For a
    // postgresql:// URL it opens the local spool (the database is reached in
    // the background and need not answer yet); false only for a bad URL or a
    // spool that cannot be written.
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_open; }
    // The file opened (the default path when open() was given none), or the URL.
    QString path() const { return m_path; }
    // The shared trail's spool: AuditSpool::defaultPathFor(url) unless set before open().
    void setSpoolPath(const QString &path) { m_spoolPath = path; }
    QString spoolPath() const { return m_spoolPath; }
    bool isShared() const { return m_forwarder != nullptr; }

    // Whether a person's action may go ahead now (never blocks). Shared with
    // whoever asks (an API client's writeGuard); outlives the log.
    std::shared_ptr<AuditGate> gate() const { return m_gate; }
    // Asks the store now (the shared trail: forwards what waits, then takes and
    // lets go the chain head's lock): true when an entry can be stored. Blocks
    // for up to the database's deadlines: cxonectl, never the UI thread.
    bool checkWritable(QString *error = nullptr);

    // Thread-safe. Returns a ticket that committed() or failed() names later.
    quint64 append(const AuditEvent &event);

    // Blocks until the entry is committed (true, `entry` filled) or failed.
    // Not from the UI thread. With the shared trail, a failure may leave the
    // entry safe in the local spool (keptInSpool true): it is forwarded later.
    bool appendAndWait(const AuditEvent &event, AuditEntry *entry = nullptr, QString *error = nullptr,
                       bool *keptInSpool = nullptr);

    // Entries another writer of this process committed to the same store (the
    // alarm keeper, which writes them with its table in one transaction): the
    // log's listeners (the Audit page, the export outbox) hear of them as of its own.
    void announceCommitted(qint64 lastSequence);

signals:
    void committed(quint64 ticket, const cc::AuditEntry &entry);
    void failed(quint64 ticket, const QString &error);
    // Once per committed batch: the outbox listens to this.
    void entriesCommitted(qint64 lastSequence);
    // The shared trail only: how many entries wait in the local spool, and why
    // (empty once the trail took everything); on every change.
    void spoolChanged(qint64 waiting, const QString &problem);

private:
    void onBatchCommitted(const QList<quint64> &tickets, const QList<cc::AuditEntry> &entries);
    void onBatchFailed(const QList<quint64> &tickets, const QString &error);

    bool openShared(const QString &url, QString *error);

    OwnedThread m_thread;
    AuditWriter *m_writer = nullptr;     // lives in m_thread, deleted when it finishes
    std::shared_ptr<AuditGate> m_gate;
    std::shared_ptr<AuditPendingForwards> m_pending;
    OwnedThread m_forwardThread;   // the shared trail only
    AuditForwarder *m_forwarder = nullptr;                     // lives in m_forwardThread
    QString m_spoolPath;
    QAtomicInteger<quint64> m_nextTicket = 1;
    bool m_open = false;
    QString m_path;
};

} // namespace cc
