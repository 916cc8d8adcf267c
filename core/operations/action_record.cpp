#include "operations/action_record.h"

#include "audit/audit_log.h"
#include "audit/redact_secrets.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>

namespace cc {

AuditEvent manualActionEvent(const QString &eventType, const QString &tenant, const QString &channelId,
                             const QJsonObject &details)
{
    AuditEvent event;
    event.eventType = eventType;
    event.channelId = channelId;
    event.source = EventSource::Manual;
    event.tenant = tenant;
    event.details = redactSecrets(details).toObject();
    return event;
}

QJsonObject auditExportDetails(const QString &file, qint64 rows, const AuditFilter &filter)
{
    return QJsonObject{
        {QStringLiteral("file"), QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath())},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("from"), filter.from.isValid() ? filter.from.toString(Qt::ISODateWithMs) : QString()},
        {QStringLiteral("to"), filter.to.isValid() ? filter.to.toString(Qt::ISODateWithMs) : QString()},
        {QStringLiteral("channel_id"), filter.channelId},
        {QStringLiteral("event_type"), filter.eventType},
    };
}

AuditRecorder queuedRecorder(AuditLog *log)
{
    return [log = QPointer<AuditLog>(log)](const AuditEvent &event) {
        if (!log || !log->isOpen())
            return AuditRecording{false, false, QStringLiteral("the audit trail is not open")};
        log->append(event);
        return AuditRecording{};
    };
}

} // namespace cc
