#pragma once
// The monitor's worker: lives in its own thread (see Monitor), owns its own
// ApiClient and timer (created in that thread by start()), and runs one cycle
// per interval: one channel-list walk (pages of 500) and one telemetry query
// over every channel (split only past the contract's 10,000-row cap), never a
// call per channel. Each cycle ends in one immutable snapshot signal; every
// decision of its FailoverEngine is an event signal, and its actions are sent
// as PATCHes with If-Match (a 412 is re-read before anything else is done).
// When the tenant's rate budget cannot hold the cadence, cycles are spaced
// further apart and an event says so, rather than meeting 429s.
// With settings.probe.enabled it also owns a SipProbeService (created in its
// thread) that probes every listed channel's SIP server on its own schedule;
// each result goes to the engine as the failover rule's second signal. Probes
// are not API calls: they never count against the tenant's budget.
//
// Not for direct use from another thread: Monitor hops every call onto the
// worker's thread.

#include "client/api_client.h"
#include "common/system_clock.h"
#include "monitor/failover_engine.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_settings.h"
#include "monitor/monitor_snapshot.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QLoggingCategory>
#include <QObject>

#include <memory>

class QTimer;

namespace cc {
class SipProbeService;
struct SipProbeReport;
} // namespace cc

Q_DECLARE_LOGGING_CATEGORY(lcMonitor)

namespace cc {

class MonitorWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorWorker)

public:
    // `clock` null: the system clock. The client is not created here but in start(),
    // so that it belongs to the thread the worker was moved to.
    MonitorWorker(const ConnectionProfile &profile, const ClientOptions &clientOptions, const MonitorSettings &settings,
                  const Clock *clock = nullptr, QObject *parent = nullptr);
    ~MonitorWorker() override;

    void start();
    void stop();
    void setSettings(const MonitorSettings &settings);
    void requestFailover(const QString &channelId, const QString &targetId);
    void requestFailback(const QString &channelId);
    void setPaused(bool paused);
    void setChannelPaused(const QString &channelId, bool paused);

    // Splits channel ids into as few telemetry queries as the row cap allows
    // (each query asks one bucket per channel).
    static QList<QStringList> telemetryBatches(const QStringList &ids, qint64 bucketsPerChannel);

signals:
    void snapshotReady(const cc::MonitorSnapshotPtr &snapshot);
    // The events raised in one turn of the worker's loop, in order, as one
    // signal: a cycle that judges 5,000 channels at once crosses to the
    // owner's thread as one queued call, not 5,000. Always before the
    // snapshot (and the stop) that follows them.
    void eventsRaised(const cc::MonitorEventList &events);
    void stopped();

private:
    // Sends the events gathered since the last send (eventsRaised).
    void sendEvents();
    void runCycle();
    void queryTelemetry(const QList<Channel> &channels);
    void queryNextBatch();
    void finishCycle();
    void failCycle(const ApiError &error, const QString &stage);
    void scheduleNextCycle();
    void apply(const EngineOutput &output);
    void execute(const FailoverAction &action);
    void emitEvent(const MonitorEvent &event);
    void emitSystemEvent(QLatin1String type, const QString &reason, const QString &message, QJsonObject details = {});
    qint64 budgetIntervalMs(int callsPerCycle) const;
    void startProbes();
    void stopProbes();
    void updateProbeTargets(const QList<Channel> &channels);
    void onProbed(const SipProbeReport &report);
    MonitorSettings effective(MonitorSettings settings) const;

    struct CycleState
    {
        QList<Channel> channels;
        QList<QStringList> batches;
        int nextBatch = 0;
        QHash<QString, TelemetryPoint> latest;
        double cpuStartMs = 0.0;
        int calls = 0;
        int telemetryQueries = 0;
        bool telemetryFailed = false;
        QString telemetryError;
        QString telemetryErrorKind;
        bool deadlinePassed = false;
    };

    void cutCycle();
    ApiError cycleDeadlineError() const;
    qint64 cycleDeadlineMs() const;

    ConnectionProfile m_profile;
    ClientOptions m_clientOptions;
    MonitorSettings m_settings;
    SystemClock m_systemClock;
    const Clock *m_clock;
    MonitorEventList m_unsentEvents;
    FailoverEngine m_engine;
    ApiClient *m_client = nullptr;
    SipProbeService *m_probes = nullptr;   // with settings.probe.enabled, while running
    QString m_probeProblems;               // the last target problems said, to say them once
    QTimer *m_timer = nullptr;
    QTimer *m_cycleDeadline = nullptr;
    QPointer<ApiCall> m_cycleCall;   // the cycle's call in flight, cancelled by its deadline
    QElapsedTimer m_cycleTimer;
    CycleState m_cycle;
    bool m_running = false;
    bool m_cycleRunning = false;
    quint64 m_cycleNumber = 0;
    qint64 m_effectiveIntervalMs = 0;
    QString m_stretchReason;        // empty: the configured cadence holds
    QString m_lastCycleProblem;     // to report a failing tenant once, not every cycle
    qsizetype m_lastBatchCount = 1;
};

} // namespace cc
