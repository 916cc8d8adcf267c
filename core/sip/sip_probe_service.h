#pragma once
// Probes a list of trunks at their own cadence and keeps each one's verdict
// (ProbeHealthState) and round-trip statistics (ProbeRttStats): the piece the
// monitor owns for its second signal. It lives in one thread (the monitor's
// worker, or cxonectl's main thread), owns one SipProber there, and spreads
// each cadence's probes evenly over the interval, so 5,000 trunks every 30 s
// are ~167 probes a second, never a burst of 5,000.
//
// Scheduling is fixed-rate: a probe due at t is followed by one due at
// t + interval whatever the answer took; a probe still running when its next
// is due makes that one skipped (counted), and falling more than an interval
// behind skips whole intervals (counted as missed) instead of bunching them.

#include "sip/probe_health_state.h"
#include "sip/probe_rtt_stats.h"
#include "sip/sip_probe_target.h"
#include "sip/sip_prober.h"

#include "common/clock.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <memory>
#include <optional>
#include <queue>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace cc {

// A target's state, copied out for the owner (a snapshot, not a live view).
struct SipProbeStatus
{
    SipProbeTarget target;
    ProbeHealth health = ProbeHealth::Unknown;
    QDateTime since;
    int successRun = 0;
    int failureRun = 0;
    qint64 probes = 0;
    std::optional<SipProbeResult> last;
    ProbeRttStats rtt;

    QJsonObject toJson() const;
};

// One finished probe, as the service reports it.
struct SipProbeReport
{
    QString targetId;
    SipProbeResult result;
    bool countsAsUp = false;
    ProbeHealth health = ProbeHealth::Unknown;     // after this result
    ProbeHealth previous = ProbeHealth::Unknown;
    ProbeRttStats rtt;
    double lateMs = 0;                             // launched this long after its due time

    bool changed() const { return health != previous; }
};

struct SipProbeScheduleStats
{
    qint64 launched = 0;
    qint64 skippedBusy = 0;      // due while the previous probe of the target still ran
    qint64 missedIntervals = 0;  // whole intervals skipped because the worker fell behind
    double maxLateMs = 0;        // the latest a probe started after its due time
    qint64 lateOver100Ms = 0;    // probes started more than 100 ms late
};

class SipProbeService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SipProbeService)

public:
    static constexpr int kMinIntervalMs = 200;
    static constexpr int kLaunchBatch = 500;   // probes started per event-loop turn at most
    // Probes due within one slice start together: 20 wake-ups a second at most
    // instead of one per probe (what the CPU figure in tests/bench rests on),
    // and never more than a slice late. At 5,000 trunks every 30 s that is 3 or
    // 4 probes a slice: spread, not a burst.
    static constexpr int kLaunchSliceMs = 50;

    // `clock` stamps verdict changes and results (null: the system clock).
    explicit SipProbeService(const SipProberOptions &proberOptions = {}, const ProbeHealthSettings &settings = {},
                             std::shared_ptr<const Clock> clock = nullptr, QObject *parent = nullptr);
    ~SipProbeService() override;

    // Replaces the targets. An id that stays keeps its verdict and statistics
    // (its URI and cadence may change); a new one starts Unknown at an even
    // spot of its interval; a gone one is dropped. Returns one sentence per
    // target that cannot be probed (bad URI, empty or repeated id); those are skipped.
    QStringList setTargets(const QList<SipProbeTarget> &targets);
    void setHealthSettings(const ProbeHealthSettings &settings);

    // Opens the prober's socket and starts the schedule; false with `error`.
    bool start(QString *error = nullptr);
    // Stops the schedule and cancels probes in flight (not reported).
    void stop();
    bool isRunning() const { return m_running; }

    QList<SipProbeStatus> statuses() const;
    std::optional<SipProbeStatus> status(const QString &targetId) const;
    int targetCount() const { return static_cast<int>(m_targets.size()); }
    const SipProbeScheduleStats &scheduleStats() const { return m_stats; }
    SipProber *prober() const { return m_prober; }

signals:
    void probed(const cc::SipProbeReport &report);
    // The verdict of a target changed (also reported through probed()).
    void healthChanged(const QString &targetId, cc::ProbeHealth from, cc::ProbeHealth to, const cc::SipProbeResult &cause);

private:
    struct Target
    {
        SipProbeTarget spec;
        SipUri uri;
        ProbeHealthState state;
        ProbeRttStats rtt;
        std::optional<SipProbeResult> last;
        qint64 probes = 0;
        quint64 inFlight = 0;      // probe id, 0 when none
        qint64 dueMs = 0;
        double lateMs = 0;
        quint64 generation = 0;
        Target(const SipProbeTarget &target, const SipUri &parsed, const ProbeHealthSettings &settings, const Clock &clock)
            : spec(target), uri(parsed), state(settings, clock) {}
    };
    struct Due
    {
        qint64 dueMs;
        quint64 generation;
        QString id;
        bool operator>(const Due &other) const { return dueMs > other.dueMs; }
    };

    void armTimer();
    void launchDue();
    void launch(Target &target, qint64 nowMs);
    void onFinished(const SipProbeResult &result);
    SipProbeStatus statusOf(const Target &target) const;
    qint64 nowMs() const { return m_monotonic.elapsed(); }

    std::shared_ptr<const Clock> m_clock;
    ProbeHealthSettings m_settings;
    SipProber *m_prober;
    QTimer *m_timer;
    QElapsedTimer m_monotonic;
    QHash<QString, std::shared_ptr<Target>> m_targets;
    QHash<quint64, QString> m_probeOwners;
    std::priority_queue<Due, std::vector<Due>, std::greater<Due>> m_queue;
    quint64 m_nextGeneration = 0;
    bool m_running = false;
    SipProbeScheduleStats m_stats;
};

} // namespace cc
