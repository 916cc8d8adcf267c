#include "audit/audit_pending_forwards.h"

namespace cc {

void AuditPendingForwards::add(const QString &id, const Wait &wait)
{
    QMutexLocker locker(&m_mutex);
    m_waits.insert(id, wait);
}

std::optional<AuditPendingForwards::Wait> AuditPendingForwards::take(const QString &id)
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_waits.find(id);
    if (it == m_waits.end())
        return std::nullopt;
    Wait wait = it.value();
    m_waits.erase(it);
    return wait;
}

QStringList AuditPendingForwards::ids() const
{
    QMutexLocker locker(&m_mutex);
    return m_waits.keys();
}

bool AuditPendingForwards::isEmpty() const
{
    QMutexLocker locker(&m_mutex);
    return m_waits.isEmpty();
}

} // namespace cc
