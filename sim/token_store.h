#pragma once
// The access tokens the simulated tenant has issued: their scopes and expiry, and
// the faults that revoke them early or take a scope away. Only a token's SHA-256
// is kept, so a dump of the tenant's state never holds a usable token.

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace cc::sim {

class TokenStore final
{
public:
    enum class Check { Valid, Unknown, Expired };

    struct Issued
    {
        QString token;
        QStringList scopes;
        int expiresInSeconds = 0;
    };

    // The scopes the tenant knows, in the contract's order.
    static const QStringList &knownScopes();

    Issued issue(const QStringList &scopes, int ttlSeconds, qint64 nowMs);
    Check check(const QString &token, qint64 nowMs) const;
    // Whether a valid token holds a scope, after revoke_scope faults.
    bool hasScope(const QString &token, const QString &scope) const;
    // True for any token this tenant ever issued, expired or not: the export
    // receiver refuses those and counts them.
    bool wasIssued(const QString &token) const;

    void expireAll();
    void revokeScope(const QString &scope) { m_revokedScopes.insert(scope); }
    void grantScope(const QString &scope) { m_revokedScopes.remove(scope); }
    void clearScopeFaults() { m_revokedScopes.clear(); }
    QStringList revokedScopes() const;

    qint64 issuedCount() const { return m_issuedCount; }
    void resetIssuedCount() { m_issuedCount = 0; }

    // First 8 hex characters of the token's SHA-256: how the request log names it.
    static QString fingerprint(const QString &token);

private:
    struct Entry
    {
        QSet<QString> scopes;
        qint64 expiresAtMs = 0;
        bool revoked = false;
    };

    static QByteArray digest(const QString &token);

    QHash<QByteArray, Entry> m_tokens;
    QSet<QString> m_revokedScopes;
    qint64 m_issuedCount = 0;
};

} // namespace cc::sim
