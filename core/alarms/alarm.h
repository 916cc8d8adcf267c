#pragma once
// One alarm: a problem that stands on a tenant or one of its channels, as a NOC
// works it (ISA-18.2's life cycle, simplified): raised (new), acknowledged by a
// person with a comment (still listed, quiet), shelved until a time with a
// reason (hidden, back when the time passes if it still stands), cleared when
// the problem ends (it then leaves the open list). Its id ("A17") is short
// enough to be typed at `cxonectl alarms ack A17`; a problem that clears and
// comes back is a new alarm with a new id.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace cc {

// What is wrong. The names (alarmKindName) are stable: stored, exported, scripted.
enum class AlarmKind {
    Down,                // down and not carried by a healthy backup
    FailedOver,          // its traffic is routed via a backup
    Degraded,            // the tenant says degraded, or quality under the rule's thresholds
    NoData,              // no telemetry (a channel that had some; or, tenant-wide, channels that never had any)
    BudgetSpent,         // the tenant's API request budget is spent (429s, or none left)
    MonitorStale,        // the monitor stopped producing cycles, or cannot read the tenant
    ProbeDisagreement,   // the tenant and the SIP OPTIONS probe disagree (issue 17)
};

enum class AlarmSeverity { Minor, Major, Critical };

enum class AlarmState { New, Acknowledged, Shelved, Cleared };

// "down", "failed_over", "degraded", "no_data", "budget_spent", "monitor_stale", "probe_disagreement".
QString alarmKindName(AlarmKind kind);
std::optional<AlarmKind> alarmKindFromName(const QString &name);
// For a person: "Down, calls not carried", "Failed over", ...
QString alarmKindLabel(AlarmKind kind);
QString alarmSeverityName(AlarmSeverity severity);   // "minor", "major", "critical"
std::optional<AlarmSeverity> alarmSeverityFromName(const QString &name);
QString alarmSeverityLabel(AlarmSeverity severity);  // "Minor", "Major", "Critical"
AlarmSeverity alarmSeverityOf(AlarmKind kind);
QString alarmStateName(AlarmState state);            // "new", "acknowledged", "shelved", "cleared"
QString alarmStateLabel(AlarmState state);           // "New", "Acknowledged", ...

// How long, for a person, in alarm texts and shelve times: "40 s", "12 min",
// "2 h", "1 h 30 min" (a negative span reads 0 s).
QString durationText(qint64 ms);

// "A17" for 17; what a person types, with or without the A, in any case.
QString alarmIdText(qint64 number);
// 17 for "A17", "a17" or "17"; nullopt for anything else.
std::optional<qint64> parseAlarmId(const QString &text);

struct Alarm
{
    qint64 number = 0;           // the id's number; 0 until one is given
    QString tenantKey;           // whose problem: ConnectionProfile::budgetKey() of the tenant
    QString tenant;              // the tenant as people name it (the profile's name)
    AlarmKind kind = AlarmKind::Down;
    QString channelId;           // empty for a tenant-wide alarm
    QString channelName;
    QString summary;             // what stands, in words, as last seen
    QDateTime firstSeen;         // UTC
    QDateTime lastSeen;          // the last time it was seen standing
    QDateTime clearedAt;         // invalid while it stands
    QDateTime acknowledgedAt;    // invalid: not acknowledged
    QString acknowledgedBy;
    QString ackComment;
    QDateTime shelvedUntil;      // invalid: never shelved (or unshelved)
    QDateTime shelvedAt;
    QString shelvedBy;
    QString shelveReason;
    qint64 revision = 0;         // the store's change counter when this was last written

    QString id() const { return alarmIdText(number); }
    AlarmSeverity severity() const { return alarmSeverityOf(kind); }
    bool isOpen() const { return !clearedAt.isValid(); }
    // New, acknowledged or shelved while it stands (shelved only until its time), cleared after.
    AlarmState stateAt(const QDateTime &now) const;
    // Standing and neither acknowledged nor shelved at `now`: what asks for a person.
    bool isUnacknowledgedAt(const QDateTime &now) const { return stateAt(now) == AlarmState::New; }
    // From first seen to `now` (or to its clearing).
    qint64 durationMsAt(const QDateTime &now) const;
    // The key of the problem it stands for: one open alarm per kind and channel.
    QString conditionKey() const;

    // {"id", "kind", "severity", "state", "tenant", "channel_id", "channel_name", "summary",
    //  "first_seen", "last_seen", "duration_s", "cleared_at", "acknowledged_by", "acknowledged_at",
    //  "comment", "shelved_until", "shelved_by", "shelve_reason"}; absent times are null.
    QJsonObject toJson(const QDateTime &now) const;
};

QString alarmConditionKey(AlarmKind kind, const QString &channelId);

// What the owner of the alarms hands to whoever shows them: every open alarm
// and the most recent cleared ones, as of `at`. Shared, never changed.
struct AlarmSet
{
    QDateTime at;
    QList<Alarm> alarms;

    int unacknowledgedAt(const QDateTime &now) const;
};

using AlarmSetPtr = std::shared_ptr<const AlarmSet>;

} // namespace cc

Q_DECLARE_METATYPE(cc::Alarm)
Q_DECLARE_METATYPE(cc::AlarmSetPtr)
