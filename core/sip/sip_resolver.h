#pragma once
// Names of probe targets to addresses, as RFC 3263 section 4.2 says for a URI
// with an explicit port: A and AAAA records, here through the system resolver
// (QHostInfo, which runs getaddrinfo on Qt's own thread pool, so the worker
// thread never blocks, and /etc/hosts and nsswitch apply as to every other
// program), in the order getaddrinfo gives (RFC 6724).
//
// Cache: getaddrinfo does not say a record's TTL, and Qt's QHostInfo keeps each
// answer 60 s in its own cache whatever the TTL, so answers are kept 60 s here
// too (a shorter figure would be a promise Qt does not keep; a name whose TTL
// is shorter is re-resolved at most 60 s late). A failure is kept 10 s, so that
// thousands of probes of a broken name do not hammer the resolver while a fixed
// name recovers quickly. RFC 6761 names are answered without a query:
// "localhost" is loopback, "*.invalid" never resolves.

#include "common/system_clock.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace cc {

struct SipResolution
{
    bool ok = false;
    QList<QHostAddress> addresses;  // IPv4 and IPv6 only, resolver order
    QString error;                  // when !ok: why the name did not resolve
    bool cached = false;
};

class SipResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipResolver)

public:
    static constexpr qint64 kAnswerCacheMs = 60 * 1000;
    static constexpr qint64 kFailureCacheMs = 10 * 1000;
    static constexpr int kLookupDeadlineMs = 5000;

    using Callback = std::function<void(const SipResolution &)>;

    explicit SipResolver(QObject *parent = nullptr);

    // Calls `callback` on this object's thread: at once for an IP literal, an
    // RFC 6761 name or a cached answer, later from the event loop otherwise.
    // Lookups of one name in flight at the same time are made once.
    void resolve(const QString &host, QObject *context, Callback callback);

    // Where the cache's age is read (tests hand in a ManualClock; null: the
    // system clock). Not owned.
    void setClock(const Clock *clock) { m_clock = clock != nullptr ? clock : &m_systemClock; }
    // Lookups handed to the system resolver so far (cache hits excluded).
    int lookupsStarted() const { return m_lookupsStarted; }
    void clearCache() { m_cache.clear(); }

private:
    struct Entry
    {
        SipResolution resolution;
        qint64 expiresMs = 0;
    };
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };
    struct Pending
    {
        int lookupId = -1;
        QList<Waiter> waiters;
    };

    void finish(const QString &key, const SipResolution &resolution);
    qint64 now() const;

    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    QHash<QString, Entry> m_cache;
    QHash<QString, Pending> m_pending;
    int m_lookupsStarted = 0;
};

} // namespace cc
