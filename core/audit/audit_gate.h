#pragma once
// Whether a person's action may go ahead now. The product stores an action's
// audit entry before it shows the action as done; when the trail cannot take
// entries (the shared PostgreSQL store down, restarting, too slow, cut off),
// an action would be done and then not recorded, so it is refused instead,
// with the reason. The monitor's own events are not refused: they wait in the
// local spool (audit_spool.h).
//
// The audit log keeps the gate up to date from what its writer last met: every
// append, and for the shared trail a probe every few seconds that takes the
// chain head's lock. refusal() only reads that state, never the network, so
// the UI thread, the API client's writeGuard (checked right before each request
// that changes the tenant) and a later operations layer all ask it before
// acting. cxonectl, which may block, first asks the log for a fresh probe
// (AuditLog::checkWritable).
//
// Thread-safe.

#include <QMutex>
#include <QString>

namespace cc {

class AuditGate final
{
public:
    AuditGate() = default;
    Q_DISABLE_COPY_MOVE(AuditGate)

    // Empty when an action's entry can be stored now; otherwise why not, in a
    // sentence that names the store and says what to do.
    QString refusal() const;
    bool takesEntries() const { return refusal().isEmpty(); }
    // The message a refused action shows: "<what> was not done, because ...".
    // Empty when not refused.
    QString refusalFor(const QString &what) const;
    // The same, for an API client's writeGuard (the client names the operation).
    static QString changeNotSent(const QString &reason);
    QString refusalForChange() const;

    // Set by the log's writer.
    void setTakesEntries();
    void setRefusing(const QString &reason);

private:
    mutable QMutex m_mutex;
    bool m_takes = false;
    QString m_reason = QStringLiteral("the audit trail is not open yet");
};

} // namespace cc
