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

#include "model/event_names.h"
#include "model/event_source.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace cc {

// What a caller records. details go through redactSecrets() before storage.
struct AuditEvent
{
    QString eventType;
    QString channelId;                       // empty when the action is not about one channel
    EventSource source = EventSource::Manual;
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
    EventSource source = EventSource::Manual;
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
// Gives an entry what it lacks before it is kept anywhere (the trail or the
// local spool): a new id, the time `nowMs`, the compliance tag, "{}" details.
// What it already has it keeps: an entry keeps its id and time wherever it goes.
void completeAuditEntry(AuditEntry *entry, qint64 nowMs);

} // namespace cc

Q_DECLARE_METATYPE(cc::AuditEntry)
