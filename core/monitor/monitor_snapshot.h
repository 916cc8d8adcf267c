#pragma once
// What one monitor cycle saw, immutable once built: per channel the tenant's
// status, the monitor's health verdict, the latest quality figures (absent when
// there was no telemetry: "no data", never zeros) and where its traffic is
// routed. Sent across threads as std::shared_ptr<const MonitorSnapshot>, so one
// copy serves every receiver.

#include "model/channel.h"
#include "monitor/health_state.h"
#include "sip/probe_health_state.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace cc {

struct ChannelHealth
{
    QString id;
    QString name;
    ChannelStatus tenantStatus = ChannelStatus::Provisioning;
    HealthState health = HealthState::Unknown;
    std::optional<double> latencyMs;
    std::optional<double> jitterMs;
    std::optional<double> packetLossPct;
    std::optional<double> score;
    std::optional<double> rFactor;
    std::optional<double> mos;
    QString codec;            // the codec the MOS assumed (the trunk's first)
    QString routedVia;        // empty: the channel carries its own traffic
    QString sipServer;        // the trunk's SIP server (its domain is the carrier)
    QStringList failoverChannels; // its backups, in the order they are tried
    QDateTime lastSeen;       // the last cycle in which the tenant listed it
    QDateTime telemetryAt;    // the bucket of its latest telemetry row; invalid when none
    bool failoverPaused = false;
    bool actionInFlight = false;   // a failover or failback PATCH of it is on its way
    // The console's own SIP OPTIONS probe of the trunk, when the monitor probes:
    // its verdict, the last final answer's code (0: none) and round trip, the
    // last result in words, and whether it disagrees with the tenant (an alarm).
    bool probed = false;
    ProbeHealth probe = ProbeHealth::Unknown;
    int probeCode = 0;
    std::optional<double> probeRttMs;
    QString probeSummary;
    bool probeDisagreement = false;

    QJsonObject toJson() const;
};

struct MonitorSnapshot
{
    quint64 cycle = 0;
    QDateTime takenAt;
    QList<ChannelHealth> channels;
    int apiCalls = 0;            // requests this cycle sent (pages + telemetry queries)
    int telemetryQueries = 0;
    qint64 cycleMs = 0;          // from the first request to the last answer
    double cpuMs = 0.0;          // CPU the monitor's thread spent on this cycle (parsing and deciding)
    qint64 intervalMs = 0;       // the cadence in force (stretched when the budget demands)
    bool failoverPausedAll = false;
    // Whether this cycle read the tenant's channel list (false: the list could
    // not be read, the rows are the last ones known), and what went wrong in
    // the cycle if anything did (the list or the telemetry): in words, and the
    // error's kind (apiErrorKindName: "rate_limited", "network", ...).
    bool tenantRead = true;
    QString problem;
    QString problemKind;
    // The tenant's request budget as the monitor's client saw it at the end of
    // the cycle (limit 0: the tenant declared none).
    int budgetLimit = 0;
    int budgetRemaining = 0;

    QJsonObject toJson() const;
};

using MonitorSnapshotPtr = std::shared_ptr<const MonitorSnapshot>;

} // namespace cc

Q_DECLARE_METATYPE(cc::MonitorSnapshotPtr)
