#include "audit/audit_gate.h"

namespace cc {

QString AuditGate::refusal() const
{
    QMutexLocker locker(&m_mutex);
    return m_takes ? QString() : m_reason;
}

QString AuditGate::refusalFor(const QString &what) const
{
    const QString reason = refusal();
    if (reason.isEmpty())
        return QString();
    return QStringLiteral("%1 was not done, because its audit entry could not be stored first: %2. Try again once the "
                          "audit trail answers.")
        .arg(what, reason);
}

QString AuditGate::changeNotSent(const QString &reason)
{
    return QStringLiteral("not sent, because its audit entry could not be stored first: %1. Nothing was changed; try "
                          "again once the audit trail answers")
        .arg(reason);
}

QString AuditGate::refusalForChange() const
{
    const QString reason = refusal();
    return reason.isEmpty() ? QString() : changeNotSent(reason);
}

void AuditGate::setTakesEntries()
{
    QMutexLocker locker(&m_mutex);
    m_takes = true;
    m_reason.clear();
}

void AuditGate::setRefusing(const QString &reason)
{
    QMutexLocker locker(&m_mutex);
    m_takes = false;
    m_reason = reason;
}

} // namespace cc
