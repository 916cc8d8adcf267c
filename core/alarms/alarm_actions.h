#pragma once
// What a person does to an alarm, and the one set of rules for it, used alike
// by the console (through the alarm keeper) and by `cxonectl alarms`:
// acknowledge with a comment, shelve for a time with a reason, unshelve. Each
// checks its input and the alarm's state, changes the alarm in place when it
// applies, and says what happened in words a person can act on.

#include "alarms/alarm.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

namespace cc {

struct AlarmActionResult
{
    enum class Outcome {
        Done,       // changed (and, through the store, recorded in the audit trail)
        Already,    // it already was so: nothing changed, nothing recorded
        NotFound,   // no alarm with that id
        NotOpen,    // the alarm has cleared: nothing to act on
        Invalid,    // the input was refused (no comment, a time out of range)
        Failed,     // the store could not be read or written
    };

    Outcome outcome = Outcome::Failed;
    QString message;   // for a person: what happened, or what to do
    Alarm alarm;       // as it is now (Done, Already)

    bool changed() const { return outcome == Outcome::Done; }
};

// The longest a comment or reason may be (it goes into the audit trail).
inline constexpr int kAlarmCommentMaxLength = 500;
// A shelf is a short-term measure (ISA-18.2's "timed shelving"): at most a day.
inline constexpr qint64 kMaxShelveMs = 24LL * 3600 * 1000;
inline constexpr qint64 kMinShelveMs = 60LL * 1000;

// `alarm` is null when no alarm has the number (the result says so).
AlarmActionResult acknowledgeAlarm(Alarm *alarm, qint64 number, const QString &who, const QString &comment,
                                   const QDateTime &now);
// Hides the alarm until `until` (more than a minute and at most a day from now),
// with a reason (may be empty: the time says much of it). A shelved alarm may
// be shelved again to another time.
AlarmActionResult shelveAlarm(Alarm *alarm, qint64 number, const QString &who, const QDateTime &until,
                              const QString &reason, const QDateTime &now);
AlarmActionResult unshelveAlarm(Alarm *alarm, qint64 number, const QString &who, const QDateTime &now);

// "30m", "1h", "90s", "1h30m", "4h" (units s, m, h; a bare number is minutes);
// -1 with `error` set for anything else or out of kMinShelveMs..kMaxShelveMs.
qint64 parseShelveDuration(const QString &text, QString *error);

// The next shift change after `now` (local time), given the times shifts change
// at each day (e.g. 07:00 and 19:00). Invalid when `changes` is empty.
QDateTime nextShiftChange(const QDateTime &now, const QList<QTime> &changes);
// "07:00,19:00" → the two times; the default when the text has none that parse.
QList<QTime> parseShiftChanges(const QString &text);

} // namespace cc
