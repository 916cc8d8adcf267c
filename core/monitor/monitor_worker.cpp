#include "monitor/monitor_worker.h"

#include "api/contract.h"
#include "monitor/failover_action_runner.h"
#include "sip/sip_probe_service.h"

#include <QJsonArray>
#include <QTimer>

#include <algorithm>
#include <cmath>

#ifdef Q_OS_UNIX
#include <time.h>
#endif

Q_LOGGING_CATEGORY(lcMonitor, "cc.monitor")

namespace cc {

namespace {

// Cycles never start closer together than this, whatever the setting says.
constexpr qint64 kMinIntervalMs = 50;
// The default cycle deadline is three intervals, never less than this.
constexpr qint64 kDefaultMinCycleDeadlineMs = 30000;

double threadCpuMs()
{
#ifdef Q_OS_UNIX
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
#endif
    return 0.0;
}

int pagesFor(qsizetype channels)
{
    return static_cast<int>(std::max<qsizetype>(1, (channels + api::kMaxPageSize - 1) / api::kMaxPageSize));
}

} // namespace

MonitorWorker::MonitorWorker(const ConnectionProfile &profile, const ClientOptions &clientOptions,
                             const MonitorSettings &settings, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_clientOptions(clientOptions)
    , m_settings(settings)
    , m_clock(clock ? clock : &m_systemClock)
    , m_engine(effective(settings).failover, m_clock)
{
}

MonitorWorker::~MonitorWorker() = default;

QList<QStringList> MonitorWorker::telemetryBatches(const QStringList &ids, qint64 bucketsPerChannel)
{
    QList<QStringList> batches;
    const qint64 perQuery = std::max<qint64>(1, api::kTelemetryMaxRows / std::max<qint64>(1, bucketsPerChannel));
    for (qsizetype i = 0; i < ids.size(); i += perQuery)
        batches.append(ids.mid(i, perQuery));
    return batches;
}

MonitorSettings MonitorWorker::effective(MonitorSettings settings) const
{
    settings.failover.probing = settings.probe.enabled;
    return settings;
}

void MonitorWorker::start()
{
    if (m_running)
        return;
    m_running = true;
    // Created here, in the worker's thread, so that they belong to it.
    m_client = new ApiClient(m_profile, m_clientOptions, this);
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &MonitorWorker::runCycle);
        m_cycleDeadline = new QTimer(this);
        m_cycleDeadline->setSingleShot(true);
        connect(m_cycleDeadline, &QTimer::timeout, this, &MonitorWorker::cutCycle);
    }
    // A restart starts every channel's hysteresis afresh; pauses stay as the operator set them.
    m_engine.forgetChannels();
    m_effectiveIntervalMs = std::max(kMinIntervalMs, m_settings.intervalMs);
    m_stretchReason.clear();
    m_lastCycleProblem.clear();
    const FailoverSettings &f = m_settings.failover;
    emitSystemEvent(events::kMonitorStarted, QStringLiteral("started"),
                    QStringLiteral("watching the tenant every %1 s").arg(static_cast<double>(m_effectiveIntervalMs) / 1000.0),
                    {{QStringLiteral("interval_ms"), m_effectiveIntervalMs},
                     {QStringLiteral("down_after"), f.hysteresis.downAfter},
                     {QStringLiteral("up_after"), f.hysteresis.upAfter},
                     {QStringLiteral("cooldown_s"), f.cooldownMs / 1000},
                     {QStringLiteral("failback"), failbackPolicyName(f.failback)},
                     {QStringLiteral("auto_failover"), f.autoFailover},
                     {QStringLiteral("quality_rule"), f.qualityRule},
                     {QStringLiteral("sip_probe"), m_settings.probe.enabled},
                     {QStringLiteral("failover_signal"),
                      m_settings.probe.enabled ? failoverSignalName(f.signal) : failoverSignalName(FailoverSignal::TenantOnly)}});
    if (m_settings.probe.enabled)
        startProbes();
    runCycle();
}

void MonitorWorker::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_cycleRunning = false;
    if (m_timer)
        m_timer->stop();
    if (m_cycleDeadline)
        m_cycleDeadline->stop();
    // Destroying the client drops its pending replies unfinished: no callback
    // of a stopped monitor runs. A PATCH already on the wire may still land on
    // the tenant; the next start reads the truth from the channel list.
    delete m_client;
    m_client = nullptr;
    stopProbes();
    emitSystemEvent(events::kMonitorStopped, QStringLiteral("stopped"), QStringLiteral("monitor stopped"),
                    {{QStringLiteral("cycles"), static_cast<qint64>(m_cycleNumber)}});
    sendEvents();
    emit stopped();
}

void MonitorWorker::setSettings(const MonitorSettings &settings)
{
    const bool wasProbing = m_settings.probe.enabled;
    m_settings = effective(settings);
    m_engine.setSettings(m_settings.failover);
    if (!m_running)
        return;
    if (m_settings.probe.enabled && !wasProbing) {
        startProbes();
    } else if (!m_settings.probe.enabled && wasProbing) {
        stopProbes();
    } else if (m_probes) {
        m_probes->setHealthSettings(m_settings.probe.health);
    }
}

void MonitorWorker::startProbes()
{
    if (m_probes)
        return;
    // Non-owning: the worker's clock outlives the service it owns.
    const std::shared_ptr<const Clock> clock(m_clock, [](const Clock *) {});
    m_probes = new SipProbeService(m_settings.probe.prober, m_settings.probe.health, clock, this);
    connect(m_probes, &SipProbeService::probed, this, &MonitorWorker::onProbed);
    m_probeProblems.clear();
    QString error;
    if (!m_probes->start(&error)) {
        delete m_probes;
        m_probes = nullptr;
        emitSystemEvent(events::kSipProbeUnavailable, QStringLiteral("socket"),
                        QStringLiteral("SIP probes cannot start (%1): failover decides on the tenant's verdict alone "
                                       "until the monitor is restarted").arg(error));
        MonitorSettings fallback = m_settings;
        fallback.probe.enabled = false;
        m_settings = effective(fallback);
        m_engine.setSettings(m_settings.failover);
        return;
    }
    if (!m_cycle.channels.isEmpty())
        updateProbeTargets(m_cycle.channels);
}

void MonitorWorker::stopProbes()
{
    if (!m_probes)
        return;
    m_probes->stop();
    delete m_probes;
    m_probes = nullptr;
}

void MonitorWorker::updateProbeTargets(const QList<Channel> &channels)
{
    if (!m_probes)
        return;
    // Ids that stay keep their verdicts: calling this every cycle is cheap.
    const QStringList problems = m_probes->setTargets(probeTargetsFor(channels, m_settings.probe));
    const QString joined = problems.join(QStringLiteral("; "));
    if (!joined.isEmpty() && joined != m_probeProblems) {
        emitSystemEvent(events::kSipProbeUnavailable, QStringLiteral("targets"),
                        QStringLiteral("some trunks cannot be probed: ") + joined,
                        {{QStringLiteral("problems"), QJsonArray::fromStringList(problems)}});
    }
    m_probeProblems = joined;
}

void MonitorWorker::onProbed(const SipProbeReport &report)
{
    if (!m_running)
        return;
    ProbeObservation observation;
    observation.health = report.health;
    if (const std::optional<SipProbeStatus> status = m_probes ? m_probes->status(report.targetId) : std::nullopt)
        observation.intervalMs = status->target.intervalMs;
    if (report.result.statusCode > 0 && report.result.answered())
        observation.code = report.result.statusCode;
    if (report.result.answered() && report.result.rttMs >= 0)
        observation.rttMs = report.result.rttMs;
    observation.summary = report.result.summary();
    apply(m_engine.observeProbe(report.targetId, observation));
}

void MonitorWorker::requestFailover(const QString &channelId, const QString &targetId)
{
    apply(m_engine.requestFailover(channelId, targetId));
}

void MonitorWorker::requestFailback(const QString &channelId)
{
    apply(m_engine.requestFailback(channelId));
}

void MonitorWorker::setPaused(bool paused)
{
    apply(m_engine.setPaused(paused));
}

void MonitorWorker::setChannelPaused(const QString &channelId, bool paused)
{
    apply(m_engine.setChannelPaused(channelId, paused));
}

void MonitorWorker::runCycle()
{
    if (!m_running || m_cycleRunning)
        return;
    m_cycleRunning = true;
    m_cycle = CycleState{};
    m_cycleTimer.start();
    m_cycle.cpuStartMs = threadCpuMs();
    ++m_cycleNumber;
    m_cycleDeadline->start(std::chrono::milliseconds(cycleDeadlineMs()));
    auto *reply = m_client->listChannels();
    m_cycleCall = reply;
    reply->onFinished(this, [this](const ApiResult<QList<Channel>> &result) {
        if (!result.ok()) {
            m_cycle.calls += 1;
            failCycle(m_cycle.deadlinePassed ? cycleDeadlineError() : *result.error, QStringLiteral("list_channels"));
            return;
        }
        m_cycle.calls += pagesFor(result.value->size());
        queryTelemetry(*result.value);
    });
}

void MonitorWorker::queryTelemetry(const QList<Channel> &channels)
{
    m_cycle.channels = channels;
    QStringList ids;
    ids.reserve(channels.size());
    for (const Channel &channel : channels)
        ids.append(channel.id);
    m_cycle.batches = telemetryBatches(ids, 1);
    if (m_cycle.batches.size() > 1 && m_cycle.batches.size() != m_lastBatchCount) {
        emitSystemEvent(events::kTelemetrySplit, QStringLiteral("row_cap"),
                        QStringLiteral("%1 channels exceed the tenant's %2 rows per telemetry query: asking in %3 queries")
                            .arg(ids.size())
                            .arg(api::kTelemetryMaxRows)
                            .arg(m_cycle.batches.size()),
                        {{QStringLiteral("channels"), ids.size()}, {QStringLiteral("queries"), m_cycle.batches.size()}});
    }
    m_lastBatchCount = m_cycle.batches.size();
    queryNextBatch();
}

void MonitorWorker::cutCycle()
{
    if (!m_cycleRunning)
        return;
    m_cycle.deadlinePassed = true;
    // Its finished() handler sees deadlinePassed and ends the cycle as "no data".
    if (ApiCall *call = m_cycleCall.data())
        call->cancel();
}

qint64 MonitorWorker::cycleDeadlineMs() const
{
    if (m_settings.cycleDeadlineMs > 0)
        return m_settings.cycleDeadlineMs;
    return std::max<qint64>(kDefaultMinCycleDeadlineMs, 3 * m_effectiveIntervalMs);
}

ApiError MonitorWorker::cycleDeadlineError() const
{
    const qint64 deadlineMs = cycleDeadlineMs();
    ApiError error = ApiError::make(ApiError::Kind::Timeout, QStringLiteral("monitor cycle %1").arg(m_cycleNumber),
                                    QStringLiteral("no complete view of the tenant within the cycle's deadline of %1 ms; "
                                                   "the cycle counts as no data")
                                        .arg(deadlineMs));
    error.code = QStringLiteral("cycle_deadline");
    error.profileName = m_profile.name;
    return error;
}

void MonitorWorker::queryNextBatch()
{
    if (m_cycle.deadlinePassed || m_cycle.nextBatch >= m_cycle.batches.size()) {
        finishCycle();
        return;
    }
    // The last complete bucket: one row per channel, and a complete average.
    TelemetryQuery query;
    query.interval = m_settings.telemetryInterval;
    const qint64 step = telemetryIntervalSeconds(query.interval);
    const qint64 nowSecs = m_clock->nowUtc().toSecsSinceEpoch();
    query.to = QDateTime::fromSecsSinceEpoch(nowSecs - nowSecs % step, Qt::UTC);
    query.from = query.to.addSecs(-step);
    query.channelIds = m_cycle.batches.at(m_cycle.nextBatch++);
    ++m_cycle.calls;
    ++m_cycle.telemetryQueries;
    auto *reply = m_client->queryTelemetry(query);
    m_cycleCall = reply;
    reply->onFinished(this, [this](const ApiResult<TelemetryResult> &result) {
        if (result.ok()) {
            for (const TelemetryPoint &point : result.value->points) {
                auto it = m_cycle.latest.find(point.channelId);
                if (it == m_cycle.latest.end())
                    m_cycle.latest.insert(point.channelId, point);
                else if (point.timestamp > it->timestamp)
                    *it = point;
            }
        } else if (!m_cycle.telemetryFailed) {
            // Statuses still count; the figures of this cycle are "no data".
            m_cycle.telemetryFailed = true;
            const ApiError error = m_cycle.deadlinePassed ? cycleDeadlineError() : *result.error;
            m_cycle.telemetryError = error.text();
            m_cycle.telemetryErrorKind = apiErrorKindName(error.kind);
            const QString key = QStringLiteral("telemetry:") + apiErrorKindName(error.kind);
            if (key != m_lastCycleProblem) {
                m_lastCycleProblem = key;
                emitSystemEvent(events::kCycleFailed, QStringLiteral("telemetry_failed"), error.text(),
                                {{QStringLiteral("stage"), QStringLiteral("telemetry")}, {QStringLiteral("error"), failoverErrorJson(error)}});
            }
        }
        queryNextBatch();
    });
}

void MonitorWorker::finishCycle()
{
    QList<ChannelObservation> observations;
    observations.reserve(m_cycle.channels.size());
    for (const Channel &channel : std::as_const(m_cycle.channels)) {
        ChannelObservation observation;
        observation.channel = channel;
        const auto it = m_cycle.latest.constFind(channel.id);
        if (it != m_cycle.latest.constEnd()) {
            observation.latencyMs = it->latencyMs;
            observation.jitterMs = it->jitterMs;
            observation.packetLossPct = it->packetLossPct;
            observation.telemetryAt = it->timestamp;
        }
        observations.append(observation);
    }
    // A cycle that read everything ends any reported problem: the next one is told again.
    m_cycleDeadline->stop();
    if (!m_cycle.telemetryFailed)
        m_lastCycleProblem.clear();
    const EngineOutput output = m_engine.observeCycle(observations);
    updateProbeTargets(m_cycle.channels);

    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->cycle = m_cycleNumber;
    snapshot->takenAt = m_clock->nowUtc();
    snapshot->channels = m_engine.channelHealth();
    snapshot->apiCalls = m_cycle.calls;
    snapshot->telemetryQueries = m_cycle.telemetryQueries;
    snapshot->cycleMs = m_cycleTimer.elapsed();
    snapshot->cpuMs = threadCpuMs() - m_cycle.cpuStartMs;
    snapshot->failoverPausedAll = m_engine.isPaused();
    snapshot->problem = m_cycle.telemetryError;
    snapshot->problemKind = m_cycle.telemetryErrorKind;
    snapshot->budgetLimit = m_client->budgetLimit();
    snapshot->budgetRemaining = m_client->budgetRemaining();
    m_cycleRunning = false;
    scheduleNextCycle();
    snapshot->intervalMs = m_effectiveIntervalMs;

    apply(output);
    sendEvents();
    emit snapshotReady(MonitorSnapshotPtr(std::move(snapshot)));
}

void MonitorWorker::failCycle(const ApiError &error, const QString &stage)
{
    m_cycleRunning = false;
    m_cycleDeadline->stop();
    const QString key = QStringLiteral("list:") + apiErrorKindName(error.kind);
    if (key != m_lastCycleProblem) {
        m_lastCycleProblem = key;
        emitSystemEvent(events::kCycleFailed, QStringLiteral("tenant_unreadable"), error.text(),
                        {{QStringLiteral("stage"), stage}, {QStringLiteral("error"), failoverErrorJson(error)}});
    }
    // No view of the tenant: no data, which never triggers a failover.
    const EngineOutput output = m_engine.observeNoData();
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->cycle = m_cycleNumber;
    snapshot->takenAt = m_clock->nowUtc();
    snapshot->channels = m_engine.channelHealth();
    snapshot->apiCalls = m_cycle.calls;
    snapshot->cycleMs = m_cycleTimer.elapsed();
    snapshot->cpuMs = threadCpuMs() - m_cycle.cpuStartMs;
    snapshot->failoverPausedAll = m_engine.isPaused();
    snapshot->tenantRead = false;
    snapshot->problem = error.text();
    snapshot->problemKind = apiErrorKindName(error.kind);
    snapshot->budgetLimit = m_client ? m_client->budgetLimit() : 0;
    snapshot->budgetRemaining = m_client ? m_client->budgetRemaining() : 0;
    scheduleNextCycle();
    snapshot->intervalMs = m_effectiveIntervalMs;
    apply(output);
    sendEvents();
    emit snapshotReady(MonitorSnapshotPtr(std::move(snapshot)));
}

qint64 MonitorWorker::budgetIntervalMs(int callsPerCycle) const
{
    const int limit = m_client ? m_client->budgetLimit() : 0;
    const double perMinute = static_cast<double>(limit) * std::clamp(m_settings.budgetShare, 0.05, 1.0);
    if (limit <= 0 || perMinute <= 0.0)
        return 0;
    return static_cast<qint64>(std::ceil(static_cast<double>(callsPerCycle) * 60000.0 / perMinute));
}

void MonitorWorker::scheduleNextCycle()
{
    if (!m_running)
        return;
    const qint64 configured = std::max(kMinIntervalMs, m_settings.intervalMs);
    const qint64 budgetMin = budgetIntervalMs(std::max(1, m_cycle.calls));
    const qint64 elapsed = m_cycleTimer.elapsed();
    const qint64 effective = std::max(configured, budgetMin);
    QString reason;
    if (budgetMin > configured)
        reason = QStringLiteral("rate_budget");
    else if (elapsed > configured)
        reason = QStringLiteral("slow_cycle");

    if (reason != m_stretchReason) {
        const int limit = m_client ? m_client->budgetLimit() : 0;
        if (reason.isEmpty()) {
            emitSystemEvent(events::kCadenceRestored, QStringLiteral("cadence_held"),
                            QStringLiteral("back to one cycle every %1 ms").arg(configured),
                            {{QStringLiteral("interval_ms"), configured}});
        } else if (reason == QLatin1String("rate_budget")) {
            emitSystemEvent(events::kCadenceStretched, reason,
                            QStringLiteral("%1 calls a cycle every %2 ms would spend more than %3 % of the tenant's %4 "
                                           "requests a minute: one cycle every %5 ms instead")
                                .arg(m_cycle.calls)
                                .arg(configured)
                                .arg(qRound(m_settings.budgetShare * 100.0))
                                .arg(limit)
                                .arg(effective),
                            {{QStringLiteral("configured_ms"), configured},
                             {QStringLiteral("effective_ms"), effective},
                             {QStringLiteral("calls_per_cycle"), m_cycle.calls},
                             {QStringLiteral("budget_per_minute"), limit},
                             {QStringLiteral("budget_share"), m_settings.budgetShare}});
        } else {
            emitSystemEvent(events::kCadenceStretched, reason,
                            QStringLiteral("a cycle took %1 ms, longer than the %2 ms interval: the next starts as soon "
                                           "as one ends").arg(elapsed).arg(configured),
                            {{QStringLiteral("configured_ms"), configured},
                             {QStringLiteral("cycle_ms"), elapsed},
                             {QStringLiteral("calls_per_cycle"), m_cycle.calls}});
        }
        m_stretchReason = reason;
    }
    m_effectiveIntervalMs = std::max(effective, elapsed);
    m_timer->start(static_cast<int>(std::clamp<qint64>(effective - elapsed, 0, 24 * 3600 * 1000)));
}

void MonitorWorker::apply(const EngineOutput &output)
{
    for (const MonitorEvent &event : output.events)
        emitEvent(event);
    for (const FailoverAction &action : output.actions)
        execute(action);
}

void MonitorWorker::execute(const FailoverAction &action)
{
    if (!m_client) {
        apply(m_engine.actionFailed(action, QStringLiteral("the monitor is stopped: start it, then try again"),
                                    QJsonObject{{QStringLiteral("kind"), QStringLiteral("stopped")}}));
        return;
    }
    runFailoverAction(m_client, &m_engine, action, this,
                      [this](const EngineOutput &output, const std::optional<ApiError> &) { apply(output); });
}

void MonitorWorker::emitEvent(const MonitorEvent &event)
{
    qCInfo(lcMonitor).noquote() << event.toLine();
    if (m_unsentEvents.isEmpty())
        QMetaObject::invokeMethod(this, &MonitorWorker::sendEvents, Qt::QueuedConnection);
    m_unsentEvents.append(event);
}

void MonitorWorker::sendEvents()
{
    if (m_unsentEvents.isEmpty())
        return;
    MonitorEventList events;
    events.swap(m_unsentEvents);
    emit eventsRaised(events);
}

void MonitorWorker::emitSystemEvent(QLatin1String type, const QString &reason, const QString &message, QJsonObject details)
{
    details.insert(QStringLiteral("reason"), reason);
    details.insert(QStringLiteral("message"), message);
    emitEvent(MonitorEvent{QString(type), QString(), EventSource::System, m_clock->nowUtc(), details});
}

} // namespace cc
