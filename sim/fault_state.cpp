#include "fault_state.h"

#include <QJsonArray>

namespace cc::sim {

void FaultState::startRateLimitStorm(qint64 nowMs, int seconds, int retryAfterSeconds)
{
    m_stormUntilMs = nowMs + qint64(seconds) * 1000;
    m_stormRetryAfter = qMax(1, retryAfterSeconds);
}

std::optional<int> FaultState::stormRetryAfter(qint64 nowMs) const
{
    if (nowMs < m_stormUntilMs)
        return m_stormRetryAfter;
    return std::nullopt;
}

void FaultState::failNext(int count, int status, const QString &pathPrefix)
{
    m_failures.append({count, status, pathPrefix});
}

std::optional<int> FaultState::takeFailure(const QString &path, bool signIn)
{
    for (qsizetype i = 0; i < m_failures.size(); ++i) {
        Failure &failure = m_failures[i];
        const bool matches = failure.pathPrefix.isEmpty() ? !signIn : path.startsWith(failure.pathPrefix);
        if (!matches)
            continue;
        const int status = failure.status;
        if (--failure.remaining <= 0)
            m_failures.removeAt(i);
        return status;
    }
    return std::nullopt;
}

void FaultState::setSlow(int delayMs, int count)
{
    m_slowDelayMs = qMax(0, delayMs);
    m_slowRemaining = m_slowDelayMs == 0 ? 0 : count;
}

int FaultState::takeDelayMs()
{
    if (m_slowDelayMs <= 0)
        return 0;
    const int delay = m_slowDelayMs;
    if (m_slowRemaining > 0 && --m_slowRemaining == 0)
        m_slowDelayMs = 0;
    return delay;
}

void FaultState::dropAfterCommit(int count, const QString &method, const QString &pathPrefix)
{
    m_drops.append({count, method.toUpper(), pathPrefix});
}

bool FaultState::takeDrop(const QString &method, const QString &path)
{
    for (qsizetype i = 0; i < m_drops.size(); ++i) {
        Drop &drop = m_drops[i];
        if ((!drop.method.isEmpty() && drop.method != method) || !path.startsWith(drop.pathPrefix))
            continue;
        if (--drop.remaining <= 0)
            m_drops.removeAt(i);
        return true;
    }
    return false;
}

void FaultState::reset()
{
    *this = FaultState();
}

QJsonObject FaultState::toJson(qint64 nowMs) const
{
    QJsonArray failures;
    for (const Failure &failure : m_failures)
        failures.append(QJsonObject{{QStringLiteral("count"), failure.remaining}, {QStringLiteral("status"), failure.status},
                                    {QStringLiteral("path_prefix"), failure.pathPrefix}});
    QJsonArray drops;
    for (const Drop &drop : m_drops)
        drops.append(QJsonObject{{QStringLiteral("count"), drop.remaining}, {QStringLiteral("method"), drop.method},
                                 {QStringLiteral("path_prefix"), drop.pathPrefix}});
    const qint64 stormLeftMs = qMax<qint64>(0, m_stormUntilMs - nowMs);
    return QJsonObject{
        {QStringLiteral("rate_limit_storm_ms_left"), stormLeftMs},
        {QStringLiteral("fail_next"), failures},
        {QStringLiteral("slow_delay_ms"), m_slowDelayMs},
        {QStringLiteral("slow_count"), m_slowRemaining},
        {QStringLiteral("drop_after_commit"), drops},
        {QStringLiteral("reject_credentials"), m_rejectCredentials},
        {QStringLiteral("export_receiver_up"), m_exportReceiverUp},
    };
}

} // namespace cc::sim
