#include "alarms/alarm_filter.h"

namespace cc {

bool AlarmFilter::matches(const Alarm &alarm, const QDateTime &now) const
{
    const AlarmState state = alarm.stateAt(now);
    if (state == AlarmState::Cleared && !includeCleared)
        return false;
    if (unacknowledgedOnly && state != AlarmState::New)
        return false;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return true;
    if (const std::optional<qint64> number = parseAlarmId(needle); number && needle.startsWith(QLatin1Char('A'), Qt::CaseInsensitive))
        return alarm.number == *number;
    for (const QString &hay : {alarm.channelName, alarm.channelId, alarmKindLabel(alarm.kind), alarm.summary, alarm.tenant,
                               alarm.acknowledgedBy, alarm.ackComment, alarm.shelveReason}) {
        if (hay.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace cc
