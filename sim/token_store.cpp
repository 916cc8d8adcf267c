#include "token_store.h"

#include "api/contract.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>

namespace cc::sim {

const QStringList &TokenStore::knownScopes()
{
    static const QStringList scopes{QString(api::kScopeChannelRead), QString(api::kScopeChannelWrite),
                                    QString(api::kScopeTelemetryRead), QString(api::kScopeAnalyticsRead)};
    return scopes;
}

QByteArray TokenStore::digest(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString TokenStore::fingerprint(const QString &token)
{
    return QString::fromLatin1(digest(token).toHex().left(8));
}

TokenStore::Issued TokenStore::issue(const QStringList &scopes, int ttlSeconds, qint64 nowMs)
{
    // Tokens need not be reproducible, only unguessable.
    quint32 words[6];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray raw(reinterpret_cast<const char *>(words), sizeof(words));
    Issued issued;
    issued.token = QStringLiteral("sim_") + QString::fromLatin1(raw.toHex());
    issued.expiresInSeconds = ttlSeconds;
    for (const QString &scope : scopes) {
        if (!m_revokedScopes.contains(scope))
            issued.scopes.append(scope);
    }

    Entry entry;
    entry.scopes = QSet<QString>(scopes.cbegin(), scopes.cend());
    entry.expiresAtMs = nowMs + qint64(ttlSeconds) * 1000;
    m_tokens.insert(digest(issued.token), entry);
    ++m_issuedCount;
    return issued;
}

TokenStore::Check TokenStore::check(const QString &token, qint64 nowMs) const
{
    const auto it = m_tokens.constFind(digest(token));
    if (it == m_tokens.cend())
        return Check::Unknown;
    if (it->revoked || nowMs >= it->expiresAtMs)
        return Check::Expired;
    return Check::Valid;
}

bool TokenStore::hasScope(const QString &token, const QString &scope) const
{
    if (m_revokedScopes.contains(scope))
        return false;
    const auto it = m_tokens.constFind(digest(token));
    return it != m_tokens.cend() && it->scopes.contains(scope);
}

bool TokenStore::wasIssued(const QString &token) const
{
    return m_tokens.contains(digest(token));
}

void TokenStore::expireAll()
{
    for (Entry &entry : m_tokens)
        entry.revoked = true;
}

QStringList TokenStore::revokedScopes() const
{
    QStringList list(m_revokedScopes.cbegin(), m_revokedScopes.cend());
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace cc::sim
