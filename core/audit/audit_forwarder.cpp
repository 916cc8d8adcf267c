#include "audit/audit_forwarder.h"

#include "audit/audit_database_url.h"
#include "audit/audit_gate.h"
#include "audit/audit_logging.h"
#include "audit/audit_writer.h"
#include "audit/postgres_call_deadline.h"

#include <QDir>

namespace cc {

namespace {

// What the shared trail did with a spooled entry: an entry it did not take stays in the spool.
void resolve(const std::shared_ptr<AuditWaiter> &waiter, bool ok, const AuditEntry &entry, const QString &error)
{
    resolveAuditWaiter(waiter, ok, entry, error, !ok);
}

QString shownUrl(const QString &url)
{
    const std::optional<PostgresLocation> location = parsePostgresUrl(url, nullptr);
    return location ? location->displayUrl() : url;
}

} // namespace

AuditForwarder::AuditForwarder(const QString &storeUrl, const QString &spoolPath, std::shared_ptr<AuditGate> gate,
                               std::shared_ptr<AuditPendingForwards> pending, QObject *parent)
    : QObject(parent)
    , m_url(storeUrl)
    , m_spoolPath(spoolPath)
    , m_gate(std::move(gate))
    , m_pending(std::move(pending))
{
}

AuditForwarder::~AuditForwarder() = default;

bool AuditForwarder::open(QString *error)
{
    if (!m_spool.open(m_spoolPath, error))
        return false;
    m_gate->setRefusing(QStringLiteral("the shared audit trail %1 has not answered yet").arg(shownUrl(m_url)));
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        // While entries wait, forward them; otherwise check the trail still takes entries.
        if (m_spool.count() != 0) {
            forward();
            return;
        }
        QString problem;
        if (!probe(&problem))
            dropStore();
        settle(problem);
    });
    // The first attempt on the event loop: open() is waited for by the owner,
    // the database may take its connect timeout to answer.
    QTimer::singleShot(0, this, &AuditForwarder::forward);
    return true;
}

bool AuditForwarder::ensureStore(QString *error)
{
    if (m_store.isOpen())
        return true;
    return m_store.open(m_url, error);
}

void AuditForwarder::dropStore()
{
    // After a failure the connection may be broken (QPSQL does not reconnect):
    // the next attempt opens a new one.
    m_store.close();
}

bool AuditForwarder::forwardOnce(bool *more, QString *error)
{
    *more = false;
    QString spoolError;
    const QList<SpooledEntry> spooled = m_spool.peek(kBatchSize, &spoolError);
    if (!spoolError.isEmpty()) {
        *error = spoolError;
        return false;
    }
    if (spooled.isEmpty())
        return true;
    QList<AuditEntry> entries;
    entries.reserve(spooled.size());
    for (const SpooledEntry &item : spooled)
        entries.append(item.entry);
    bool ok = false;
    {
        PostgresCallDeadline deadline(m_store.database(), kCallDeadlineMs);
        ok = m_store.appendBatch(&entries, error, AuditStore::KnownIds::Skip);
        if (!ok && deadline.expired())
            *error = QStringLiteral("no answer within %1 s, the connection was cut (%2)").arg(kCallDeadlineMs / 1000).arg(*error);
    }
    if (!ok)
        return false;
    // Only now: a crash before this line leaves them spooled, and the next
    // attempt finds their ids in the trail and skips them.
    if (!m_spool.removeThrough(spooled.constLast().row, &spoolError)) {
        qCWarning(lcAudit).noquote() << spoolError;
        *error = spoolError;
        return false;
    }
    QList<quint64> tickets;
    tickets.reserve(entries.size());
    for (const AuditEntry &entry : std::as_const(entries)) {
        const std::optional<AuditPendingForwards::Wait> wait = m_pending->take(entry.id);
        tickets.append(wait ? wait->ticket : 0);
        if (wait)
            resolve(wait->waiter, true, entry, QString());
    }
    emit forwarded(tickets, entries);
    *more = spooled.size() == kBatchSize;
    return true;
}

void AuditForwarder::forward()
{
    if (m_closed || m_timer == nullptr)
        return;
    m_timer->stop();
    QString error;
    bool ok = ensureStore(&error);
    bool more = ok;
    while (ok && more)
        ok = forwardOnce(&more, &error);
    if (!ok)
        dropStore();
    resolveWaiters(ok ? QString() : error);
    settle(ok ? QString() : error);
}

void AuditForwarder::wake()
{
    if (m_lastProblem.isEmpty())
        forward();
    else
        publish(m_lastProblem);   // the retry stays on its timer
}

bool AuditForwarder::probe(QString *error)
{
    if (!ensureStore(error))
        return false;
    PostgresCallDeadline deadline(m_store.database(), kCallDeadlineMs);
    const bool ok = m_store.probeWritable(error);
    if (!ok && deadline.expired())
        *error = QStringLiteral("no answer within %1 s, the connection was cut (%2)").arg(kCallDeadlineMs / 1000).arg(*error);
    return ok;
}

bool AuditForwarder::checkWritable(QString *error)
{
    forward();
    QString problem = m_lastProblem;
    if (problem.isEmpty() && !probe(&problem))
        dropStore();
    settle(problem);
    if (!problem.isEmpty() && error)
        *error = m_gate->refusal();
    return problem.isEmpty();
}

void AuditForwarder::resolveWaiters(const QString &failure)
{
    if (m_pending->isEmpty())
        return;
    const QStringList ids = m_pending->ids();
    for (const QString &id : ids) {
        if (m_spool.contains(id)) {
            if (failure.isEmpty())
                continue;   // pushed after this round: the next one takes it
            if (const std::optional<AuditPendingForwards::Wait> wait = m_pending->take(id)) {
                resolve(wait->waiter, false, AuditEntry(),
                        QStringLiteral("the shared audit trail %1 did not take it (%2); it is kept in the local spool %3 "
                                       "and written there, with its original time, as soon as the database answers")
                            .arg(shownUrl(m_url), failure, QDir::toNativeSeparators(m_spoolPath)));
            }
            continue;
        }
        if (!failure.isEmpty() || !m_store.isOpen())
            continue;
        // Not in the spool any more, and not forwarded by this process: another
        // process sharing the spool forwarded it, or its push is still on its way.
        AuditEntry entry;
        QString error;
        if (m_store.findById(id, &entry, &error) == 1) {
            if (const std::optional<AuditPendingForwards::Wait> wait = m_pending->take(id)) {
                resolve(wait->waiter, true, entry, QString());
                emit forwarded({wait->ticket}, {entry});
            }
        }
    }
}

void AuditForwarder::settle(const QString &problem)
{
    publish(problem);
    if (m_closed || m_timer == nullptr)
        return;
    m_timer->start(!problem.isEmpty() ? kRetryMs : m_lastWaiting > 0 ? 0 : kProbeMs);
}

void AuditForwarder::publish(const QString &problem)
{
    const qint64 waiting = m_spool.count();
    const QString spoolText = waiting > 0
        ? QStringLiteral("; %1 entr%2 wait%3 in the local spool %4")
              .arg(waiting)
              .arg(waiting == 1 ? QStringLiteral("y") : QStringLiteral("ies"), waiting == 1 ? QStringLiteral("s") : QString(),
                   QDir::toNativeSeparators(m_spoolPath))
        : QString();
    // Entries in transit are no reason to refuse: a person's entry simply
    // follows them. A trail that failed its last attempt is.
    if (!problem.isEmpty())
        m_gate->setRefusing(QStringLiteral("the shared audit trail %1 does not take entries (%2)%3")
                                .arg(shownUrl(m_url), problem.trimmed(), spoolText));
    else
        m_gate->setTakesEntries();
    if (waiting != m_lastWaiting || problem != m_lastProblem) {
        m_lastWaiting = waiting;
        m_lastProblem = problem;
        emit spoolState(waiting, problem);
    }
}

void AuditForwarder::close()
{
    if (m_closed)
        return;
    forward();
    m_closed = true;
    if (m_timer)
        m_timer->stop();
    const QStringList ids = m_pending->ids();
    for (const QString &id : ids) {
        if (const std::optional<AuditPendingForwards::Wait> wait = m_pending->take(id))
            resolve(wait->waiter, false, AuditEntry(),
                    QStringLiteral("the program is closing before the shared audit trail took it; it is kept in the local "
                                   "spool %1 and written there by the next run")
                        .arg(QDir::toNativeSeparators(m_spoolPath)));
    }
    m_store.close();
    m_spool.close();
}

} // namespace cc
