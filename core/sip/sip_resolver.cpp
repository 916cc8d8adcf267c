#include "sip/sip_resolver.h"

#include "sip/sip_logging.h"

#include <QHostInfo>
#include <QTimer>

namespace cc {

namespace {

bool endsWithLabel(const QString &name, QLatin1String label)
{
    return name == label || name.endsWith(QLatin1Char('.') + label);
}

} // namespace

SipResolver::SipResolver(QObject *parent)
    : QObject(parent)
{
}

qint64 SipResolver::now() const
{
    return m_clock->monotonicMs();
}

void SipResolver::resolve(const QString &host, QObject *context, Callback callback)
{
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        callback({true, {literal}, QString(), true});
        return;
    }
    QString key = host.toLower();
    if (key.endsWith(QLatin1Char('.')))
        key.chop(1);
    // RFC 6761 sections 6.3 and 6.4.
    if (endsWithLabel(key, QLatin1String("localhost"))) {
        callback({true, {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)}, QString(), true});
        return;
    }
    if (endsWithLabel(key, QLatin1String("invalid"))) {
        callback({false, {}, QStringLiteral("%1 is a reserved name that never resolves (RFC 6761)").arg(host), true});
        return;
    }
    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.cend() && cached->expiresMs > now()) {
        SipResolution resolution = cached->resolution;
        resolution.cached = true;
        callback(resolution);
        return;
    }
    Pending &pending = m_pending[key];
    pending.waiters.append({QPointer<QObject>(context), std::move(callback)});
    if (pending.lookupId >= 0)
        return;
    ++m_lookupsStarted;
    pending.lookupId = QHostInfo::lookupHost(key, this, [this, key](const QHostInfo &info) {
        SipResolution resolution;
        for (const QHostAddress &address : info.addresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol || address.protocol() == QAbstractSocket::IPv6Protocol)
                resolution.addresses.append(address);
        }
        resolution.ok = !resolution.addresses.isEmpty();
        if (!resolution.ok) {
            resolution.error = info.error() == QHostInfo::NoError
                ? QStringLiteral("%1 has no A or AAAA record").arg(key)
                : QStringLiteral("%1 does not resolve: %2").arg(key, info.errorString());
        }
        finish(key, resolution);
    });
    QTimer::singleShot(kLookupDeadlineMs, this, [this, key, id = pending.lookupId] {
        const auto it = m_pending.constFind(key);
        if (it == m_pending.cend() || it->lookupId != id)
            return;
        QHostInfo::abortHostLookup(id);
        finish(key, {false, {}, QStringLiteral("the resolver did not answer for %1 within %2 s").arg(key).arg(kLookupDeadlineMs / 1000), false});
    });
}

void SipResolver::finish(const QString &key, const SipResolution &resolution)
{
    const auto it = m_pending.find(key);
    if (it == m_pending.end())
        return;
    const QList<Waiter> waiters = it->waiters;
    m_pending.erase(it);
    if (m_cache.size() > 50000) {
        const qint64 t = now();
        m_cache.removeIf([t](const QHash<QString, Entry>::iterator &entry) { return entry->expiresMs <= t; });
    }
    m_cache.insert(key, {resolution, now() + (resolution.ok ? kAnswerCacheMs : kFailureCacheMs)});
    qCDebug(lcSip) << "resolved" << key << resolution.addresses << resolution.error;
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.callback(resolution);
    }
}

} // namespace cc
