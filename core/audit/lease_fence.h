#pragma once
// What the monitor's client asks before each routing change when a leader
// lease is in use: "may I act now?". The lease sets, after each confirmed
// renewal, the moment on this host's monotonic clock until which it surely
// holds the lease (the renewal's send time plus the lease, minus a margin),
// and the term it holds; the client's thread reads both without a lock. A
// monitor paused past that moment (SIGSTOP, a long GC, a frozen VM) finds it
// passed when it wakes and sends nothing.

#include <QAtomicInteger>
#include <QString>

namespace cc {

class LeaseFence final
{
public:
    LeaseFence() = default;
    Q_DISABLE_COPY_MOVE(LeaseFence)

    // Milliseconds on QElapsedTimer's monotonic clock (msecsSinceReference).
    static qint64 nowMs();

    void grant(qint64 term, qint64 safeUntilMs);
    void revoke();

    // Empty when this process may change the tenant's routing now; otherwise why not.
    QString refusal() const;
    bool mayAct() const { return refusal().isEmpty(); }
    qint64 term() const { return m_term.loadAcquire(); }
    // The last moment granted (kept after a revoke): until then this process
    // could act; 0 before the first grant.
    qint64 lastSafeUntilMs() const { return m_lastSafeUntilMs.loadAcquire(); }

private:
    QAtomicInteger<qint64> m_term{0};
    QAtomicInteger<qint64> m_safeUntilMs{0};
    QAtomicInteger<qint64> m_lastSafeUntilMs{0};
};

} // namespace cc
