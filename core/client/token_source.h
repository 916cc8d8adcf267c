#pragma once
// The bearer token of one connection, shared by every ApiClient of that
// connection whatever thread it lives in (the window's, the monitor worker's,
// the quality loader's): one sign-in when the connection starts, one refresh
// when fewer than 60 s remain, one new token after a 401, however many clients
// ask at once. A TenantSession owns one; a client made without one gets its own.
//
// One client at a time fetches (it has claimed the fetch); the others wait for
// settled(), which is emitted in the fetching client's thread and reaches each
// client through a queued connection. A client that goes away while it holds
// the claim gives it up (abandon), and the next waiter fetches instead: no client
// waits on a fetch nobody makes.
//
// Thread-safe. The token is a secret: nothing here logs it.

#include "client/api_error.h"
#include "client/sign_in_strategy.h"

#include <QMutex>
#include <QObject>

#include <optional>

namespace cc {

class TokenSource final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSource)

public:
    static constexpr qint64 kRefreshMarginMs = 60000;   // contract section 1: fetch again when < 60 s remain
    // Whatever expires_in says (a second, or less), no more than this many token
    // fetches a minute for the whole connection: a tenant whose tokens expire at
    // once must not make the console hammer its token endpoint.
    static constexpr int kMaxFetchesPerMinute = 6;

    struct State
    {
        QByteArray token;        // secret; empty before the first sign-in and after a 401
        qint64 expiresMs = 0;    // wall-clock ms since the epoch
        qint64 lifetimeMs = 0;   // what expires_in said
        QUrl apiBaseUrl;         // discovery's api_endpoint (invalid: the profile's base URL)
        QString tenantId;        // named by an access-key sign-in
        quint64 generation = 0;  // counts the tokens granted
    };

    enum class Claim {
        Fetch,     // the caller signs in now and then calls grant(), fail() or abandon()
        Wait,      // another client is signing in: wait for settled()
        Limited,   // kMaxFetchesPerMinute reached: *limitError says so
    };

    explicit TokenSource(QObject *parent = nullptr);

    State state() const;
    // The token when it may still be used at nowMs: not empty, and at least the
    // refresh margin left (half its life for a token that lives less than two
    // margins, a test tenant's short TTL).
    std::optional<State> usable(qint64 nowMs) const;

    Claim claim(const void *owner, qint64 nowMs, ApiError *limitError);
    void grant(const void *owner, const TokenGrant &grant, qint64 nowMs);
    void fail(const void *owner, const ApiError &error);
    void abandon(const void *owner);
    // A 401 for `token`: it is not used again (a newer token is kept).
    void invalidate(const QByteArray &token);

    // How the last fetch ended: nullopt after a grant or an abandoned fetch.
    std::optional<ApiError> lastFailure() const;
    // Sign-ins made through this source, for the status bar and the tests.
    int fetchesStarted() const;

signals:
    // A fetch ended (granted, failed or abandoned). Emitted in the thread that ended it.
    void settled();

private:
    mutable QMutex m_mutex;
    State m_state;
    const void *m_fetcher = nullptr;
    std::optional<ApiError> m_lastFailure;
    QList<qint64> m_fetchTimesMs;   // the last minute's fetches
    int m_fetchesStarted = 0;
};

} // namespace cc
