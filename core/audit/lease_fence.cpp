#include "audit/lease_fence.h"

#include <QElapsedTimer>

namespace cc {

qint64 LeaseFence::nowMs()
{
    QElapsedTimer timer;
    timer.start();
    return timer.msecsSinceReference();
}

void LeaseFence::grant(qint64 term, qint64 safeUntilMs)
{
    m_term.storeRelease(term);
    m_safeUntilMs.storeRelease(safeUntilMs);
    m_lastSafeUntilMs.storeRelease(safeUntilMs);
}

void LeaseFence::revoke()
{
    // Never later than the moment granted: a revoke only brings it forward.
    const qint64 now = nowMs();
    if (m_safeUntilMs.loadAcquire() > now)
        m_lastSafeUntilMs.storeRelease(now);
    m_safeUntilMs.storeRelease(0);
}

QString LeaseFence::refusal() const
{
    const qint64 until = m_safeUntilMs.loadAcquire();
    if (until == 0)
        return QStringLiteral("this monitor is on standby: another monitor holds the tenant's leader lease, so nothing "
                              "was sent");
    if (nowMs() >= until)
        return QStringLiteral("the leader lease (term %1) was not renewed in time, so nothing was sent: the database "
                              "may be unreachable, or this monitor was paused")
            .arg(m_term.loadAcquire());
    return QString();
}

} // namespace cc
