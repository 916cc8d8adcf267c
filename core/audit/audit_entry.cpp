#include "audit/audit_entry.h"

#include "api/contract.h"
#include "audit/redact_secrets.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSysInfo>
#include <QUuid>

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
                         entry.channelId.toUtf8(), entry.actor.toUtf8(), eventSourceName(entry.source).toUtf8(),
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

void completeAuditEntry(AuditEntry *entry, qint64 nowMs)
{
    if (entry->id.isEmpty())
        entry->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (entry->timestampMs == 0)
        entry->timestampMs = nowMs;
    if (entry->complianceTag.isEmpty())
        entry->complianceTag = api::kComplianceTag;
    if (entry->detailsJson.isEmpty())
        entry->detailsJson = QStringLiteral("{}");
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

} // namespace cc
