#include "monitor/monitor_event.h"

#include "model/json_reader.h"

#include <QJsonDocument>

namespace cc {

QJsonObject MonitorEvent::toJson() const
{
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("channel_id"), channelId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(channelId)},
                       {QStringLiteral("source"), eventSourceName(source)},
                       {QStringLiteral("time"), toIsoUtc(time)},
                       {QStringLiteral("details"), details}};
}

QString MonitorEvent::toLine() const
{
    QString line = toIsoUtc(time) + QLatin1Char(' ') + type;
    if (!channelId.isEmpty())
        line += QLatin1Char(' ') + channelId;
    line += QStringLiteral(" (") + eventSourceName(source) + QLatin1Char(')');
    const QString reason = details.value(QLatin1String("reason")).toString();
    if (!reason.isEmpty())
        line += QStringLiteral(": ") + reason;
    QJsonObject rest = details;
    rest.remove(QLatin1String("reason"));
    if (!rest.isEmpty())
        line += QLatin1Char(' ') + QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Compact));
    return line;
}

} // namespace cc
