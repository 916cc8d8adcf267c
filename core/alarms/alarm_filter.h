#pragma once
// Which alarms a list shows (the console's Alarms page): open ones, or only
// those asking for a person (unacknowledged and not shelved), with or without
// the recently cleared, narrowed by text typed by a person (an id such as A17,
// a channel's name or id, an alarm's kind or what stands). The predicate lives
// here so that the widget's proxy only holds one.

#include "alarms/alarm.h"

#include <QDateTime>
#include <QString>

namespace cc {

struct AlarmFilter
{
    bool unacknowledgedOnly = false;
    bool includeCleared = false;
    QString text;

    bool matches(const Alarm &alarm, const QDateTime &now) const;
};

} // namespace cc
