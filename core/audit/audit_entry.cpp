#include "audit/audit_entry.h"

#include "api/contract.h"
#include "audit/redact_secrets.h"
#include "monitor/monitor_event.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace cc {

namespace {

void appendField(QByteArray *out, const QByteArray &bytes)
{
    out->append(QByteArray::number(bytes.size()));
    out->append(':');
    out->append(bytes);
}

} // namespace

QString auditSourceName(AuditSource source)
{
    switch (source) {
    case AuditSource::Manual:
        return QStringLiteral("manual");
    case AuditSource::Automatic:
        return QStringLiteral("automatic");
    case AuditSource::System:
        return QStringLiteral("system");
    }
    return QStringLiteral("system");
}

bool parseAuditSource(const QString &name, AuditSource *source)
{
    if (name == QLatin1String("manual"))
        *source = AuditSource::Manual;
    else if (name == QLatin1String("automatic"))
        *source = AuditSource::Automatic;
    else if (name == QLatin1String("system"))
        *source = AuditSource::System;
    else
        return false;
    return true;
}

QJsonObject AuditEntry::details() const
{
    return QJsonDocument::fromJson(detailsJson.toUtf8()).object();
}

QString AuditEntry::timestampIso() const
{
    return QDateTime::fromMSecsSinceEpoch(timestampMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject AuditEntry::toExportJson() const
{
    // Redacted again on the way out: an entry written by an older build must not
    // leak through the export either.
    return QJsonObject{
        {api::kKeyId, id},
        {api::kKeyTimestamp, timestampIso()},
        {api::kKeyEventType, eventType},
        {api::kKeyChannelId, channelId},
        {api::kKeyDetails, redactSecrets(details())},
        {api::kKeyComplianceTag, complianceTag},
    };
}

QString genesisPrevHash()
{
    return QString(kAuditHashHexLength, u'0');
}

namespace {

QByteArray canonicalForm(const QByteArray &id, qint64 sequence, qint64 timestampMs, const QByteArray &eventType,
                         const QByteArray &channelId, const QByteArray &actor, const QByteArray &source,
                         const QByteArray &tenant, const QByteArray &details, const QByteArray &complianceTag,
                         const QByteArray &prevHash)
{
    QByteArray out;
    out.reserve(192 + id.size() + eventType.size() + channelId.size() + actor.size() + tenant.size() + details.size()
                + complianceTag.size() + prevHash.size());
    appendField(&out, QByteArrayLiteral("ccaudit1"));
    appendField(&out, id);
    appendField(&out, QByteArray::number(sequence));
    appendField(&out, QByteArray::number(timestampMs));
    appendField(&out, eventType);
    appendField(&out, channelId);
    appendField(&out, actor);
    appendField(&out, source);
    appendField(&out, tenant);
    appendField(&out, details);
    appendField(&out, complianceTag);
    appendField(&out, prevHash);
    return out;
}

} // namespace

QByteArray auditCanonicalForm(const AuditEntry &entry)
{
    return canonicalForm(entry.id.toUtf8(), entry.sequence, entry.timestampMs, entry.eventType.toUtf8(),
                         entry.channelId.toUtf8(), entry.actor.toUtf8(), auditSourceName(entry.source).toUtf8(),
                         entry.tenant.toUtf8(), entry.detailsJson.toUtf8(), entry.complianceTag.toUtf8(),
                         entry.prevHash.toUtf8());
}

QByteArray auditCanonicalForm(const AuditRawRow &row)
{
    return canonicalForm(row.id, row.sequence, row.timestampMs, row.eventType, row.channelId, row.actor, row.source,
                         row.tenant, row.details, row.complianceTag, row.prevHash);
}

QString computeAuditHash(const AuditEntry &entry)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(auditCanonicalForm(entry), QCryptographicHash::Sha256).toHex());
}

QString defaultAuditActor()
{
    static const QString actor = []() -> QString {
        QString user = qEnvironmentVariable("USER");
        if (user.isEmpty())
            user = qEnvironmentVariable("LOGNAME");
        if (user.isEmpty())
            user = qEnvironmentVariable("USERNAME");
#ifdef Q_OS_UNIX
        if (user.isEmpty()) {
            if (const passwd *account = getpwuid(getuid()))
                user = QString::fromLocal8Bit(account->pw_name);
        }
#endif
        if (user.isEmpty())
            user = QStringLiteral("unknown");
        return user + u'@' + QSysInfo::machineHostName();
    }();
    return actor;
}

QString canonicalDetailsJson(const QJsonObject &details)
{
    return QString::fromUtf8(
        QJsonDocument(redactSecrets(details).toObject()).toJson(QJsonDocument::Compact));
}

QStringList audit_event::knownTypes()
{
    QStringList types{kChannelCreated, kChannelEdited, kChannelDeleted, kFailover, kFailback, kMediaPathOptimised,
                      kFailoverPaused, kFailoverResumed, kConnected, kAuditExported, kHealthChanged,
                      kAlarmRaised, kAlarmCleared, kAlarmAcknowledged, kAlarmShelved, kAlarmUnshelved,
                      events::kHealthStateChanged, events::kFailoverStarted, events::kFailoverDone,
                      events::kFailoverFailed, events::kFailoverSkipped, events::kFailbackStarted,
                      events::kFailbackDone, events::kFailbackFailed, events::kFailbackSkipped,
                      events::kFailbackPending, events::kAlarm, events::kFailoverPaused, events::kFailoverResumed,
                      events::kMonitorStarted, events::kMonitorStopped, events::kCycleFailed,
                      events::kCadenceStretched, events::kCadenceRestored, events::kTelemetrySplit,
                      events::kMediaPathOptimized, events::kMediaPathOptimizationFailed};
    types.sort();
    types.removeDuplicates();
    return types;
}

} // namespace cc
