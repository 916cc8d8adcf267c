#include "alarms/alarm.h"

#include "common/enum_names.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <algorithm>

namespace cc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cc::Alarm", text);
}

// A kind's stable name (stored, exported) and its label for a person.
struct KindRow
{
    AlarmKind value;
    QLatin1String name;
    const char *label; // translated by alarmKindLabel()
};

constexpr KindRow kKinds[] = {
    {AlarmKind::Down, QLatin1String("down"), QT_TRANSLATE_NOOP("cc::Alarm", "Down, calls not carried")},
    {AlarmKind::FailedOver, QLatin1String("failed_over"), QT_TRANSLATE_NOOP("cc::Alarm", "Failed over")},
    {AlarmKind::Degraded, QLatin1String("degraded"), QT_TRANSLATE_NOOP("cc::Alarm", "Degraded quality")},
    {AlarmKind::NoData, QLatin1String("no_data"), QT_TRANSLATE_NOOP("cc::Alarm", "No data")},
    {AlarmKind::BudgetSpent, QLatin1String("budget_spent"), QT_TRANSLATE_NOOP("cc::Alarm", "API budget spent")},
    {AlarmKind::MonitorStale, QLatin1String("monitor_stale"), QT_TRANSLATE_NOOP("cc::Alarm", "Monitor stopped or stale")},
    {AlarmKind::ProbeDisagreement, QLatin1String("probe_disagreement"),
     QT_TRANSLATE_NOOP("cc::Alarm", "Tenant and SIP probe disagree")},
};

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString alarmKindName(AlarmKind kind)
{
    return enumName(kKinds, kind);
}

std::optional<AlarmKind> alarmKindFromName(const QString &name)
{
    return enumFromName(kKinds, name);
}

QString alarmKindLabel(AlarmKind kind)
{
    const KindRow *row = enumRow(kKinds, kind);
    return row ? tr(row->label) : QString();
}

QString alarmSeverityName(AlarmSeverity severity)
{
    switch (severity) {
    case AlarmSeverity::Minor: return QStringLiteral("minor");
    case AlarmSeverity::Major: return QStringLiteral("major");
    case AlarmSeverity::Critical: return QStringLiteral("critical");
    }
    return {};
}

std::optional<AlarmSeverity> alarmSeverityFromName(const QString &name)
{
    for (AlarmSeverity severity : {AlarmSeverity::Minor, AlarmSeverity::Major, AlarmSeverity::Critical}) {
        if (alarmSeverityName(severity) == name)
            return severity;
    }
    return std::nullopt;
}

QString alarmSeverityLabel(AlarmSeverity severity)
{
    switch (severity) {
    case AlarmSeverity::Minor: return tr("Minor");
    case AlarmSeverity::Major: return tr("Major");
    case AlarmSeverity::Critical: return tr("Critical");
    }
    return {};
}

AlarmSeverity alarmSeverityOf(AlarmKind kind)
{
    switch (kind) {
    // Calls fail: nobody carries the trunk's traffic, or nobody watches.
    case AlarmKind::Down:
    case AlarmKind::MonitorStale:
        return AlarmSeverity::Critical;
    // Calls are carried, but with less margin or less knowledge than planned.
    case AlarmKind::FailedOver:
    case AlarmKind::BudgetSpent:
    case AlarmKind::ProbeDisagreement:
        return AlarmSeverity::Major;
    case AlarmKind::Degraded:
    case AlarmKind::NoData:
        return AlarmSeverity::Minor;
    }
    return AlarmSeverity::Minor;
}

QString alarmStateName(AlarmState state)
{
    switch (state) {
    case AlarmState::New: return QStringLiteral("new");
    case AlarmState::Acknowledged: return QStringLiteral("acknowledged");
    case AlarmState::Shelved: return QStringLiteral("shelved");
    case AlarmState::Cleared: return QStringLiteral("cleared");
    }
    return {};
}

QString alarmStateLabel(AlarmState state)
{
    switch (state) {
    case AlarmState::New: return tr("New");
    case AlarmState::Acknowledged: return tr("Acknowledged");
    case AlarmState::Shelved: return tr("Shelved");
    case AlarmState::Cleared: return tr("Cleared");
    }
    return {};
}

QString durationText(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, ms / 1000);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return tr("%1 h").arg(minutes / 60);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString alarmIdText(qint64 number)
{
    return number > 0 ? QStringLiteral("A%1").arg(number) : QString();
}

std::optional<qint64> parseAlarmId(const QString &text)
{
    QString digits = text.trimmed();
    if (digits.startsWith(QLatin1Char('A'), Qt::CaseInsensitive))
        digits.remove(0, 1);
    if (digits.isEmpty() || digits.size() > 15)
        return std::nullopt;
    for (const QChar c : std::as_const(digits)) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    const qint64 number = digits.toLongLong();
    if (number <= 0)
        return std::nullopt;
    return number;
}

AlarmState Alarm::stateAt(const QDateTime &now) const
{
    if (clearedAt.isValid())
        return AlarmState::Cleared;
    if (shelvedUntil.isValid() && now < shelvedUntil)
        return AlarmState::Shelved;
    if (acknowledgedAt.isValid())
        return AlarmState::Acknowledged;
    return AlarmState::New;
}

qint64 Alarm::durationMsAt(const QDateTime &now) const
{
    if (!firstSeen.isValid())
        return 0;
    const QDateTime end = clearedAt.isValid() ? clearedAt : now;
    return std::max<qint64>(0, firstSeen.msecsTo(end));
}

QString Alarm::conditionKey() const
{
    return alarmConditionKey(kind, channelId);
}

QString alarmConditionKey(AlarmKind kind, const QString &channelId)
{
    return alarmKindName(kind) + QLatin1Char('|') + channelId;
}

QJsonObject Alarm::toJson(const QDateTime &now) const
{
    return QJsonObject{
        {QStringLiteral("id"), id()},
        {QStringLiteral("kind"), alarmKindName(kind)},
        {QStringLiteral("severity"), alarmSeverityName(severity())},
        {QStringLiteral("state"), alarmStateName(stateAt(now))},
        {QStringLiteral("tenant"), tenant},
        {QStringLiteral("channel_id"), textOrNull(channelId)},
        {QStringLiteral("channel_name"), textOrNull(channelName)},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("first_seen"), timeOrNull(firstSeen)},
        {QStringLiteral("last_seen"), timeOrNull(lastSeen)},
        {QStringLiteral("duration_s"), durationMsAt(now) / 1000},
        {QStringLiteral("cleared_at"), timeOrNull(clearedAt)},
        {QStringLiteral("acknowledged_by"), textOrNull(acknowledgedBy)},
        {QStringLiteral("acknowledged_at"), timeOrNull(acknowledgedAt)},
        {QStringLiteral("comment"), textOrNull(ackComment)},
        {QStringLiteral("shelved_until"), timeOrNull(shelvedUntil)},
        {QStringLiteral("shelved_by"), textOrNull(shelvedBy)},
        {QStringLiteral("shelve_reason"), textOrNull(shelveReason)},
    };
}

int AlarmSet::unacknowledgedAt(const QDateTime &now) const
{
    int count = 0;
    for (const Alarm &alarm : alarms)
        count += alarm.isUnacknowledgedAt(now) ? 1 : 0;
    return count;
}

} // namespace cc
