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

void FaultState::setDrip(int count, int intervalMs, int chunkBytes, const QString &pathPrefix)
{
    m_drip = {count, pathPrefix};
    m_dripShape = {qMax(1, intervalMs), qMax(1, chunkBytes)};
}

std::optional<FaultState::Drip> FaultState::takeDrip(const QString &path, bool signIn)
{
    if (!m_drip.matches(path, signIn))
        return std::nullopt;
    m_drip.spend();
    return m_dripShape;
}

void FaultState::setOversize(int count, qint64 bytes, const QString &pathPrefix)
{
    m_oversize = {count, pathPrefix};
    m_oversizeBytes = qMax<qint64>(0, bytes);
}

qint64 FaultState::takeOversizeBytes(const QString &path, bool signIn)
{
    if (!m_oversize.matches(path, signIn))
        return 0;
    m_oversize.spend();
    return m_oversizeBytes;
}

void FaultState::setRedirect(int count, int status, const QString &location, const QString &pathPrefix)
{
    m_redirect = {count, pathPrefix};
    m_redirectTarget = {status, location};
}

std::optional<FaultState::Redirect> FaultState::takeRedirect(const QString &path, bool signIn)
{
    if (!m_redirect.matches(path, signIn))
        return std::nullopt;
    m_redirect.spend();
    return m_redirectTarget;
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
        {QStringLiteral("drip_count"), m_drip.remaining},
        {QStringLiteral("oversize_count"), m_oversize.remaining},
        {QStringLiteral("redirect_count"), m_redirect.remaining},
        {QStringLiteral("redirect_location"), m_redirectTarget.location},
        {QStringLiteral("loop_pages_total"), m_loopPagesTotal},
        {QStringLiteral("token_expires_in"), m_tokenExpiresIn},
    };
}

} // namespace cc::sim
