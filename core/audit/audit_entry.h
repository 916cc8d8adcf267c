#pragma once
// One audit entry as stored, chained and exported, and the event a caller hands
// to the log (the store fills in id, sequence, actor defaults and hashes).
//
// Canonical form hashed into `hash` (version "ccaudit1"), the concatenation of,
// in this order:
//   "ccaudit1", id, sequence, timestamp_ms, event_type, channel_id, actor,
//   source, tenant, details, compliance_tag, prev_hash
// each written as <decimal byte length of its UTF-8>":"<its UTF-8 bytes>
// (a netstring without the trailing comma, so no separator can be forged by a
// field's content). Integers are written in decimal without sign padding;
// details is the compact JSON text with sorted object keys (QJsonDocument's
// compact form, as stored); prev_hash is 64 lower-case hex digits, "0" x 64 for
// the first entry. hash = lower-case hex SHA-256 of that byte string.

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace cc {

enum class AuditSource { Manual, Automatic, System };

QString auditSourceName(AuditSource source);                 // "manual", "automatic", "system"
bool parseAuditSource(const QString &name, AuditSource *source);

// Event types of the manual and automatic actions (free text is allowed too).
// Where the engine has a name for the same thing (core/monitor/monitor_event.h),
// this is that name, so one filter finds a failover whether cxonectl, the
// window or the engine made it; `source` tells them apart.
namespace audit_event {
inline constexpr QLatin1String kChannelCreated("channel_created");
inline constexpr QLatin1String kChannelEdited("channel_edited");
inline constexpr QLatin1String kChannelDeleted("channel_deleted");
inline constexpr QLatin1String kFailover("failover_done");
inline constexpr QLatin1String kFailback("failback_done");
inline constexpr QLatin1String kMediaPathOptimised("media_path_optimized");
inline constexpr QLatin1String kFailoverPaused("failover_paused");
inline constexpr QLatin1String kFailoverResumed("failover_resumed");
inline constexpr QLatin1String kConnected("connected");
inline constexpr QLatin1String kAuditExported("audit_exported");
inline constexpr QLatin1String kHealthChanged("health_state_changed");
// Alarms (core/alarms): raised and cleared by the monitor that keeps them;
// acknowledged (with a comment), shelved (until a time, with a reason) and
// unshelved by a person, who is the entry's actor.
inline constexpr QLatin1String kAlarmRaised("alarm_raised");
inline constexpr QLatin1String kAlarmCleared("alarm_cleared");
inline constexpr QLatin1String kAlarmAcknowledged("alarm_acknowledged");
inline constexpr QLatin1String kAlarmShelved("alarm_shelved");
inline constexpr QLatin1String kAlarmUnshelved("alarm_unshelved");

// Every event type the product records: the names above and the engine's
// (core/monitor/monitor_event.h), sorted and without repeats. What a person
// can filter the trail by before any such entry exists.
QStringList knownTypes();
} // namespace audit_event

// What a caller records. details go through redactSecrets() before storage.
struct AuditEvent
{
    QString eventType;
    QString channelId;                       // empty when the action is not about one channel
    AuditSource source = AuditSource::Manual;
    QString tenant;                          // tenant id or profile name
    QJsonObject details;
    QString actor;                           // empty: "<OS user>@<host>" of this process
    qint64 timestampMs = 0;                  // 0: now (UTC, ms since the epoch)
};

struct AuditEntry
{
    QString id;                              // UUID, no braces
    qint64 sequence = 0;                     // 1, 2, 3 ... without gaps
    qint64 timestampMs = 0;                  // UTC, ms since the epoch
    QString eventType;
    QString channelId;
    QString actor;
    AuditSource source = AuditSource::Manual;
    QString tenant;
    QString detailsJson;                     // compact JSON, sorted keys, already redacted
    QString complianceTag;
    QString prevHash;                        // 64 hex
    QString hash;                            // 64 hex

    QJsonObject details() const;
    QString timestampIso() const;            // ISO 8601 UTC with ms and Z
    // Contract section 5 body: id, timestamp, event_type, channel_id, details, compliance_tag.
    QJsonObject toExportJson() const;
};

// One stored entry as the UTF-8 bytes of its columns, for streaming a million of
// them without converting each field to QString and back (CSV export).
struct AuditRawRow
{
    qint64 sequence = 0;
    qint64 timestampMs = 0;
    QByteArray id;
    QByteArray eventType;
    QByteArray channelId;
    QByteArray actor;
    QByteArray source;
    QByteArray tenant;
    QByteArray details;
    QByteArray complianceTag;
    QByteArray prevHash;
    QByteArray hash;
};

inline constexpr int kAuditHashHexLength = 64;
QString genesisPrevHash();                   // "000...0"
QByteArray auditCanonicalForm(const AuditEntry &entry);
QByteArray auditCanonicalForm(const AuditRawRow &row);   // the same bytes, from the stored columns
QString computeAuditHash(const AuditEntry &entry);
// "<user>@<host>" of this process, computed once.
QString defaultAuditActor();
// Compact, key-sorted JSON of the redacted details, as stored and hashed.
QString canonicalDetailsJson(const QJsonObject &details);

} // namespace cc

Q_DECLARE_METATYPE(cc::AuditEntry)
