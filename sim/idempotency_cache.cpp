#include "idempotency_cache.h"

namespace cc::sim {

std::optional<IdempotencyCache::Answer> IdempotencyCache::find(const QString &key, qint64 nowMs)
{
    evictExpired(nowMs);
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || nowMs - it->storedAtMs >= kLifetimeMs)
        return std::nullopt;
    return it->answer;
}

void IdempotencyCache::store(const QString &key, const Answer &answer, qint64 nowMs)
{
    m_entries.insert(key, Entry{answer, nowMs});
}

void IdempotencyCache::evictExpired(qint64 nowMs)
{
    // Sweeping at most once a minute keeps a busy create loop cheap.
    if (nowMs - m_lastEvictionMs < 60 * 1000)
        return;
    m_lastEvictionMs = nowMs;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (nowMs - it->storedAtMs >= kLifetimeMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

} // namespace cc::sim
