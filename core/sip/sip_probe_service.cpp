#include "sip/sip_probe_service.h"

#include "sip/sip_logging.h"

#include "common/system_clock.h"

#include <QSet>
#include <QTimer>

#include <algorithm>

namespace cc {

QJsonObject SipProbeStatus::toJson() const
{
    QJsonObject object{
        {QStringLiteral("id"), target.id},
        {QStringLiteral("uri"), target.uri},
        {QStringLiteral("health"), probeHealthName(health)},
        {QStringLiteral("probes"), probes},
        {QStringLiteral("success_run"), successRun},
        {QStringLiteral("failure_run"), failureRun},
        {QStringLiteral("rtt"), rtt.toJson()},
    };
    if (since.isValid())
        object.insert(QStringLiteral("since"), since.toString(Qt::ISODate));
    if (last)
        object.insert(QStringLiteral("last"), last->toJson());
    return object;
}

SipProbeService::SipProbeService(const SipProberOptions &proberOptions, const ProbeHealthSettings &settings,
                                 std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>())
    , m_settings(settings)
    , m_prober(new SipProber(proberOptions, this))
    , m_timer(new QTimer(this))
{
    m_monotonic.start();
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);   // slices of kLaunchSliceMs, not Qt's coarse 5 %
    connect(m_timer, &QTimer::timeout, this, &SipProbeService::launchDue);
    connect(m_prober, &SipProber::finished, this, &SipProbeService::onFinished);
}

SipProbeService::~SipProbeService()
{
    m_running = false;
}

QStringList SipProbeService::setTargets(const QList<SipProbeTarget> &targets)
{
    QStringList problems;
    QSet<QString> seen;
    QList<std::shared_ptr<Target>> fresh;
    for (SipProbeTarget spec : targets) {
        if (spec.id.isEmpty() || seen.contains(spec.id)) {
            problems.append(spec.id.isEmpty() ? QStringLiteral("a probe target without an id is skipped")
                                              : QStringLiteral("probe target %1 is listed twice; the first is kept").arg(spec.id));
            continue;
        }
        QString error;
        const std::optional<SipUri> uri = SipUri::parse(spec.uri, &error);
        if (!uri) {
            problems.append(QStringLiteral("%1: %2").arg(spec.id, error));
            continue;
        }
        seen.insert(spec.id);
        spec.intervalMs = std::max(kMinIntervalMs, spec.intervalMs);
        // A probe must end before its next one is due.
        spec.timeoutMs = std::clamp(spec.timeoutMs, SipProber::kMinTimeoutMs,
                                    std::min(SipProber::kMaxTimeoutMs, spec.intervalMs - spec.intervalMs / 10));
        const auto existing = m_targets.constFind(spec.id);
        if (existing != m_targets.cend()) {
            Target &target = **existing;
            const bool cadenceChanged = target.spec.intervalMs != spec.intervalMs;
            target.spec = spec;
            target.uri = *uri;
            if (cadenceChanged) {
                target.generation = ++m_nextGeneration;
                target.dueMs = nowMs() + spec.intervalMs;
                m_queue.push({target.dueMs, target.generation, spec.id});
            }
            continue;
        }
        auto target = std::make_shared<Target>(spec, *uri, m_settings, *m_clock);
        target->generation = ++m_nextGeneration;
        fresh.append(target);
        m_targets.insert(spec.id, target);
    }
    // Gone targets: their queue entries die with them (generation check).
    for (auto it = m_targets.begin(); it != m_targets.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        if ((*it)->inFlight) {
            m_probeOwners.remove((*it)->inFlight);
            m_prober->cancel((*it)->inFlight);
        }
        it = m_targets.erase(it);
    }
    // New targets of one cadence at even spots of it, in an order that does
    // not follow the list (neighbours in a list often share a carrier).
    // Taken after the parsing above, which takes a while for thousands of targets.
    const qint64 now = nowMs();
    QHash<int, QList<std::shared_ptr<Target>>> byInterval;
    for (const auto &target : std::as_const(fresh))
        byInterval[target->spec.intervalMs].append(target);
    for (auto group = byInterval.begin(); group != byInterval.end(); ++group) {
        QList<std::shared_ptr<Target>> &members = group.value();
        std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) {
            return qHash(a->spec.id, 0x5eed) < qHash(b->spec.id, 0x5eed);
        });
        const qint64 interval = group.key();
        for (qsizetype i = 0; i < members.size(); ++i) {
            Target &target = *members.at(i);
            target.dueMs = now + interval * i / members.size();
            m_queue.push({target.dueMs, target.generation, target.spec.id});
        }
    }
    if (m_running)
        armTimer();
    return problems;
}

void SipProbeService::setHealthSettings(const ProbeHealthSettings &settings)
{
    m_settings = settings;
    for (const auto &target : std::as_const(m_targets))
        target->state.setSettings(settings);
}

bool SipProbeService::start(QString *error)
{
    if (m_running)
        return true;
    if (!m_prober->open(error))
        return false;
    m_running = true;
    armTimer();
    return true;
}

void SipProbeService::stop()
{
    m_running = false;
    m_timer->stop();
    const QList<quint64> probes = m_probeOwners.keys();
    m_probeOwners.clear();
    for (const quint64 id : probes)
        m_prober->cancel(id);
    for (const auto &target : std::as_const(m_targets))
        target->inFlight = 0;
}

void SipProbeService::armTimer()
{
    while (!m_queue.empty()) {
        const Due &top = m_queue.top();
        const auto it = m_targets.constFind(top.id);
        if (it != m_targets.cend() && (*it)->generation == top.generation)
            break;
        m_queue.pop();
    }
    if (m_queue.empty() || !m_running) {
        m_timer->stop();
        return;
    }
    const qint64 now = nowMs();
    const qint64 due = m_queue.top().dueMs;
    // The end of the slice the next probe falls in (rounded up to a slice).
    const qint64 wake = (due + kLaunchSliceMs - 1) / kLaunchSliceMs * kLaunchSliceMs;
    m_timer->start(static_cast<int>(std::clamp<qint64>(wake - now, 0, 24 * 3600 * 1000)));
}

void SipProbeService::launchDue()
{
    if (!m_running)
        return;
    const qint64 now = nowMs();
    int launched = 0;
    while (!m_queue.empty() && launched < kLaunchBatch) {
        const Due due = m_queue.top();
        if (due.dueMs > now)
            break;
        m_queue.pop();
        const auto it = m_targets.constFind(due.id);
        if (it == m_targets.cend() || (*it)->generation != due.generation)
            continue;
        Target &target = **it;
        const double late = static_cast<double>(now - due.dueMs);
        target.lateMs = late;
        m_stats.maxLateMs = std::max(m_stats.maxLateMs, late);
        if (late > 100)
            ++m_stats.lateOver100Ms;
        launch(target, now);
        ++launched;
        qint64 next = due.dueMs + target.spec.intervalMs;
        if (next <= now) {
            const qint64 behind = (now - next) / target.spec.intervalMs + 1;
            m_stats.missedIntervals += behind;
            next += behind * target.spec.intervalMs;
        }
        target.dueMs = next;
        m_queue.push({next, target.generation, target.spec.id});
    }
    armTimer();
}

void SipProbeService::launch(Target &target, qint64 nowMs)
{
    Q_UNUSED(nowMs);
    if (target.inFlight) {
        ++m_stats.skippedBusy;
        return;
    }
    ++m_stats.launched;
    target.inFlight = m_prober->probe(target.uri, target.spec.timeoutMs);
    m_probeOwners.insert(target.inFlight, target.spec.id);
}

void SipProbeService::onFinished(const SipProbeResult &finished)
{
    const QString id = m_probeOwners.take(finished.probeId);
    if (id.isEmpty())
        return;
    const auto it = m_targets.constFind(id);
    if (it == m_targets.cend())
        return;
    Target &target = **it;
    target.inFlight = 0;
    if (finished.outcome == SipProbeOutcome::Cancelled)
        return;
    SipProbeResult result = finished;
    result.finishedAt = m_clock->nowUtc();
    ++target.probes;
    if (result.outcome == SipProbeOutcome::Answered && result.rttMs >= 0)
        target.rtt.addAnswer(result.rttMs);
    else if (result.outcome == SipProbeOutcome::Timeout)
        target.rtt.addTimeout();
    const ProbeHealth before = target.state.health();
    target.state.observe(result);
    target.last = result;
    SipProbeReport report;
    report.targetId = id;
    report.result = result;
    report.countsAsUp = m_settings.countsAsUp(result);
    report.previous = before;
    report.health = target.state.health();
    report.rtt = target.rtt;
    report.lateMs = target.lateMs;
    emit probed(report);
    if (report.changed()) {
        qCInfo(lcSip) << "probe of" << id << "now" << probeHealthName(report.health) << result.summary();
        emit healthChanged(id, before, report.health, result);
    }
}

SipProbeStatus SipProbeService::statusOf(const Target &target) const
{
    SipProbeStatus status;
    status.target = target.spec;
    status.health = target.state.health();
    status.since = target.state.since();
    status.successRun = target.state.successRun();
    status.failureRun = target.state.failureRun();
    status.probes = target.probes;
    status.last = target.last;
    status.rtt = target.rtt;
    return status;
}

QList<SipProbeStatus> SipProbeService::statuses() const
{
    QList<SipProbeStatus> list;
    list.reserve(m_targets.size());
    for (const auto &target : m_targets)
        list.append(statusOf(*target));
    std::sort(list.begin(), list.end(), [](const SipProbeStatus &a, const SipProbeStatus &b) { return a.target.id < b.target.id; });
    return list;
}

std::optional<SipProbeStatus> SipProbeService::status(const QString &targetId) const
{
    const auto it = m_targets.constFind(targetId);
    if (it == m_targets.cend())
        return std::nullopt;
    return statusOf(**it);
}

} // namespace cc
