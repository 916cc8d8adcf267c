#include "client/token_source.h"

#include <QMutexLocker>

#include <algorithm>

namespace cc {

TokenSource::TokenSource(QObject *parent)
    : QObject(parent)
{
}

TokenSource::State TokenSource::state() const
{
    const QMutexLocker locker(&m_mutex);
    return m_state;
}

std::optional<TokenSource::State> TokenSource::usable(qint64 nowMs) const
{
    const QMutexLocker locker(&m_mutex);
    if (m_state.token.isEmpty())
        return std::nullopt;
    const qint64 margin = std::min(kRefreshMarginMs, m_state.lifetimeMs / 2);
    if (m_state.expiresMs - nowMs < margin)
        return std::nullopt;
    return m_state;
}

TokenSource::Claim TokenSource::claim(const void *owner, qint64 nowMs, ApiError *limitError)
{
    const QMutexLocker locker(&m_mutex);
    if (m_fetcher != nullptr)
        return m_fetcher == owner ? Claim::Fetch : Claim::Wait;
    m_fetchTimesMs.erase(std::remove_if(m_fetchTimesMs.begin(), m_fetchTimesMs.end(),
                                        [nowMs](qint64 at) { return nowMs - at >= 60000; }),
                         m_fetchTimesMs.end());
    if (m_fetchTimesMs.size() >= kMaxFetchesPerMinute) {
        const qint64 waitMs = 60000 - (nowMs - m_fetchTimesMs.first());
        ApiError error = ApiError::make(ApiError::Kind::BadResponse, QStringLiteral("sign in"),
                                        QStringLiteral("%1 tokens fetched in the last minute, the most this connection "
                                                       "fetches (the tenant's last token was to live %2 s, expires_in); "
                                                       "try again in %3 s")
                                            .arg(kMaxFetchesPerMinute)
                                            .arg(m_state.lifetimeMs / 1000)
                                            .arg((waitMs + 999) / 1000));
        error.code = QStringLiteral("token_fetch_limit");
        error.duringSignIn = true;
        if (limitError)
            *limitError = error;
        return Claim::Limited;
    }
    m_fetchTimesMs.append(nowMs);
    m_fetcher = owner;
    ++m_fetchesStarted;
    return Claim::Fetch;
}

void TokenSource::grant(const void *owner, const TokenGrant &grant, qint64 nowMs)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (m_fetcher == owner)
            m_fetcher = nullptr;
        m_state.token = grant.accessToken;
        m_state.lifetimeMs = grant.expiresInSeconds * 1000;
        m_state.expiresMs = nowMs + m_state.lifetimeMs;
        if (grant.apiBaseUrl.isValid())
            m_state.apiBaseUrl = grant.apiBaseUrl;
        m_state.tenantId = grant.tenantId;
        ++m_state.generation;
        m_lastFailure.reset();
    }
    emit settled();
}

void TokenSource::fail(const void *owner, const ApiError &error)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (m_fetcher != owner)
            return;
        m_fetcher = nullptr;
        m_lastFailure = error;
    }
    emit settled();
}

void TokenSource::abandon(const void *owner)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (m_fetcher != owner)
            return;
        m_fetcher = nullptr;
        m_lastFailure.reset();
    }
    emit settled();
}

void TokenSource::invalidate(const QByteArray &token)
{
    const QMutexLocker locker(&m_mutex);
    if (!token.isEmpty() && m_state.token == token) {
        m_state.token.clear();
        m_state.expiresMs = 0;
    }
}

std::optional<ApiError> TokenSource::lastFailure() const
{
    const QMutexLocker locker(&m_mutex);
    return m_lastFailure;
}

int TokenSource::fetchesStarted() const
{
    const QMutexLocker locker(&m_mutex);
    return m_fetchesStarted;
}

} // namespace cc
