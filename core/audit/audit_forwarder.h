#pragma once
// Moves the local spool's entries into the shared PostgreSQL trail, in spool
// order, on a thread of its own (AuditLog's second thread when its store is
// shared), so that a database that is down, restarting, slow or cut off only
// ever holds up this thread: the entries themselves are already on the local
// disk. Each batch is one transaction under the chain head's lock; ids the
// trail already holds are skipped (KnownIds::Skip), and only after the commit
// are they dropped from the spool, so a crash in between never doubles one.
//
// Every call to the database has a deadline (PostgresCallDeadline): a stalled
// server cuts the connection, which is opened again at the next attempt. While
// the spool holds entries it retries every kRetryMs; when it is empty it
// probes the trail every kProbeMs (the chain head's lock, taken and let go),
// and tells the AuditGate what it found.

#include "audit/audit_entry.h"
#include "audit/audit_pending_forwards.h"
#include "audit/audit_spool.h"
#include "audit/audit_store.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

namespace cc {

class AuditGate;

class AuditForwarder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditForwarder)

public:
    static constexpr int kBatchSize = 500;
    static constexpr qint64 kCallDeadlineMs = 10000;   // one batch, or one probe
    static constexpr int kRetryMs = 2000;
    static constexpr int kProbeMs = 5000;

    AuditForwarder(const QString &storeUrl, const QString &spoolPath, std::shared_ptr<AuditGate> gate,
                   std::shared_ptr<AuditPendingForwards> pending, QObject *parent = nullptr);
    ~AuditForwarder() override;

    // On the forwarder's thread. open() opens the spool (false when it cannot)
    // and makes a first attempt; the database need not answer yet.
    bool open(QString *error);
    // Forwards what the spool holds now (also called by the timers).
    void forward();
    // New entries in the spool: forwards them now, unless the trail failed its
    // last attempt (then the retry timer does, so that a burst of entries does
    // not become a burst of connection attempts to a database that is away;
    // the refusal and spoolState say the new count at once all the same).
    void wake();
    // Forwards, then probes: true when the trail takes entries now (cxonectl's
    // check before a person's action). Blocks for up to the call deadlines.
    bool checkWritable(QString *error);
    // One last forward, then closes both connections.
    void close();

signals:
    // Entries now in the shared trail (sequence and hashes filled), with the
    // tickets of the appends that made them (0 for another process's).
    void forwarded(const QList<quint64> &tickets, const QList<cc::AuditEntry> &entries);
    // After each attempt, and as entries arrive while the trail is away: how
    // many entries wait in the spool, and why (empty when the trail took everything).
    void spoolState(qint64 waiting, const QString &problem);

private:
    bool ensureStore(QString *error);
    void dropStore();
    bool forwardOnce(bool *more, QString *error);
    bool probe(QString *error);
    void resolveWaiters(const QString &failure);
    void settle(const QString &problem);
    // The gate's refusal and spoolState for the spool as it is now.
    void publish(const QString &problem);

    QString m_url;
    QString m_spoolPath;
    std::shared_ptr<AuditGate> m_gate;
    std::shared_ptr<AuditPendingForwards> m_pending;
    AuditStore m_store;
    AuditSpool m_spool;
    QTimer *m_timer = nullptr;
    QString m_lastProblem;
    qint64 m_lastWaiting = -1;
    bool m_closed = false;
};

} // namespace cc
