#include "alarms/alarm_rules.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace cc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cc::AlarmRules", text);
}

QString nameOf(const QString &id, const QHash<QString, const ChannelHealth *> &rows)
{
    const ChannelHealth *row = rows.value(id);
    return row && !row->name.isEmpty() ? row->name : id;
}

AlarmCondition condition(AlarmKind kind, const ChannelHealth &row, ConditionVerdict verdict, const QString &summary = {})
{
    return AlarmCondition{kind, row.id, row.name, verdict, summary};
}

// Why a down channel is not carried by a backup, from what the snapshot shows of them.
QString downWithoutBackup(const ChannelHealth &row, const QHash<QString, const ChannelHealth *> &rows)
{
    if (row.failoverChannels.isEmpty())
        return tr("down, and no failover channel is configured");
    QStringList backups;
    bool anyUp = false;
    for (const QString &id : row.failoverChannels) {
        const ChannelHealth *backup = rows.value(id);
        QString state;
        if (backup == nullptr) {
            state = tr("not listed by the tenant");
        } else if (!backup->routedVia.isEmpty()) {
            state = tr("itself routed elsewhere");
        } else {
            state = healthStateName(backup->health);
            anyUp = anyUp || backup->health == HealthState::Up;
        }
        backups.append(QStringLiteral("%1 %2").arg(nameOf(id, rows), state));
    }
    if (row.failoverPaused)
        return tr("down, and automatic failover is paused (%1)").arg(backups.join(QStringLiteral(", ")));
    if (anyUp)
        return tr("down and not failed over although a backup is up (%1): automatic failover is off, waits for its "
                  "cooldown, or failed").arg(backups.join(QStringLiteral(", ")));
    return tr("down, and no failover channel is healthy (%1)").arg(backups.join(QStringLiteral(", ")));
}

} // namespace

AlarmRuleSettings AlarmRuleSettings::fromMonitor(const MonitorSettings &settings)
{
    AlarmRuleSettings rules;
    rules.quality = settings.failover.quality;
    rules.degradedAfter = std::max(1, settings.failover.hysteresis.downAfter);
    rules.recoveredAfter = std::max(1, settings.failover.hysteresis.upAfter);
    const qint64 interval = std::max<qint64>(1000, settings.intervalMs);
    rules.noDataAfterMs = std::max<qint64>(3 * interval, 60 * 1000);
    rules.staleAfterMs = std::max<qint64>(3 * interval, 30 * 1000);
    rules.probing = settings.probe.enabled;
    return rules;
}

bool qualityUnder(const ChannelHealth &row, const QualitySettings &quality)
{
    return (row.score && *row.score < quality.minScore) || (row.mos && *row.mos < quality.minMos);
}

QList<AlarmCondition> channelConditions(const ChannelHealth &row, const QHash<QString, const ChannelHealth *> &rows,
                                        const AlarmRuleSettings &settings, const QDateTime &lastDataAt,
                                        const QDateTime &now)
{
    QList<AlarmCondition> out;
    out.reserve(5);
    // A disabled trunk carries nothing on purpose: none of its alarms stands.
    if (row.tenantStatus == ChannelStatus::Disabled) {
        for (AlarmKind kind : {AlarmKind::Down, AlarmKind::FailedOver, AlarmKind::Degraded, AlarmKind::NoData,
                               AlarmKind::ProbeDisagreement})
            out.append(condition(kind, row, ConditionVerdict::Clear));
        return out;
    }

    // Down, or failed over: what its traffic meets now.
    bool routingProblem = false;
    if (!row.routedVia.isEmpty()) {
        const ChannelHealth *backup = rows.value(row.routedVia);
        const bool backupDown = backup != nullptr && backup->health == HealthState::Down;
        routingProblem = true;
        out.append(backupDown ? condition(AlarmKind::Down, row, ConditionVerdict::Standing,
                                          tr("routed via %1, which is down too").arg(nameOf(row.routedVia, rows)))
                              : condition(AlarmKind::Down, row, ConditionVerdict::Clear));
        out.append(backupDown ? condition(AlarmKind::FailedOver, row, ConditionVerdict::Clear)
                              : condition(AlarmKind::FailedOver, row, ConditionVerdict::Standing,
                                          tr("routed via %1").arg(nameOf(row.routedVia, rows))));
    } else {
        out.append(condition(AlarmKind::FailedOver, row, ConditionVerdict::Clear));
        switch (row.health) {
        case HealthState::Down:
            routingProblem = true;
            // A failover on its way is not "no backup": the next cycle says where the calls go.
            out.append(row.actionInFlight
                           ? condition(AlarmKind::Down, row, ConditionVerdict::Undetermined)
                           : condition(AlarmKind::Down, row, ConditionVerdict::Standing, downWithoutBackup(row, rows)));
            break;
        case HealthState::Up:
            out.append(condition(AlarmKind::Down, row, ConditionVerdict::Clear));
            break;
        case HealthState::Unknown:
            // Not judged yet (a monitor just started, or readings without data): wait.
            out.append(condition(AlarmKind::Down, row, ConditionVerdict::Undetermined));
            break;
        }
    }

    // One incident, one alarm: a channel that is down or failed over is not also
    // "degraded" or "without data" (its own readings say little while its traffic goes elsewhere).
    const bool hasData = row.telemetryAt.isValid() || row.latencyMs || row.jitterMs || row.packetLossPct;
    if (routingProblem) {
        out.append(condition(AlarmKind::Degraded, row, ConditionVerdict::Clear));
        out.append(condition(AlarmKind::NoData, row, ConditionVerdict::Clear));
    } else {
        QStringList why;
        if (row.tenantStatus == ChannelStatus::Degraded)
            why.append(tr("the tenant says degraded"));
        if (row.score && *row.score < settings.quality.minScore)
            why.append(tr("quality score %1 under %2").arg(QLocale().toString(*row.score, 'f', 0),
                                                            QLocale().toString(settings.quality.minScore, 'f', 0)));
        if (row.mos && *row.mos < settings.quality.minMos)
            why.append(tr("MOS %1 under %2").arg(QLocale().toString(*row.mos, 'f', 2),
                                                 QLocale().toString(settings.quality.minMos, 'f', 1)));
        if (!why.isEmpty())
            out.append(condition(AlarmKind::Degraded, row, ConditionVerdict::Standing, why.join(QStringLiteral("; "))));
        else
            // Without figures the quality cannot be judged, unless the tenant vouches for the trunk.
            out.append(condition(AlarmKind::Degraded, row,
                                 hasData || row.tenantStatus == ChannelStatus::Healthy || row.tenantStatus == ChannelStatus::Active
                                     ? ConditionVerdict::Clear
                                     : ConditionVerdict::Undetermined));

        // Provisioning trunks have no traffic to measure yet; a channel never
        // seen with data is counted tenant-wide instead (see neverDataAfterMs).
        if (hasData || row.tenantStatus == ChannelStatus::Provisioning || !lastDataAt.isValid()) {
            out.append(condition(AlarmKind::NoData, row, ConditionVerdict::Clear));
        } else {
            const qint64 silentMs = lastDataAt.msecsTo(now);
            out.append(silentMs >= settings.noDataAfterMs
                           ? condition(AlarmKind::NoData, row, ConditionVerdict::Standing,
                                       tr("no telemetry for %1 (the last at %2 UTC)")
                                           .arg(durationText(silentMs), lastDataAt.toUTC().toString(QStringLiteral("HH:mm"))))
                           : condition(AlarmKind::NoData, row, ConditionVerdict::Undetermined));
        }
    }

    // The tenant and the SIP probe (issue 17): the engine already waited two probe intervals.
    if (row.probed) {
        if (row.probeDisagreement) {
            const bool tenantUp = row.health == HealthState::Up;
            const QString probe = row.probeSummary.isEmpty() ? probeHealthName(row.probe) : row.probeSummary;
            out.append(condition(AlarmKind::ProbeDisagreement, row, ConditionVerdict::Standing,
                                 tenantUp ? tr("the tenant says up, the SIP probe says down (%1)").arg(probe)
                                          : tr("the tenant says down, the SIP probe says up (%1)").arg(probe)));
        } else {
            out.append(condition(AlarmKind::ProbeDisagreement, row, ConditionVerdict::Clear));
        }
    } else {
        out.append(condition(AlarmKind::ProbeDisagreement, row,
                             settings.probing ? ConditionVerdict::Undetermined : ConditionVerdict::Clear));
    }
    return out;
}

} // namespace cc
