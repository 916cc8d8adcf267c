#include "alarms/alarm_actions.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace cc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cc::AlarmActions", text);
}

AlarmActionResult result(AlarmActionResult::Outcome outcome, const QString &message, const Alarm *alarm = nullptr)
{
    AlarmActionResult r;
    r.outcome = outcome;
    r.message = message;
    if (alarm)
        r.alarm = *alarm;
    return r;
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// Missing or closed alarm: the same answers for every action.
std::optional<AlarmActionResult> refuseUnusable(const Alarm *alarm, qint64 number, const QString &what)
{
    if (alarm == nullptr)
        return result(AlarmActionResult::Outcome::NotFound,
                      tr("there is no alarm %1: 'cxonectl alarms list --all' shows the ids").arg(alarmIdText(number)));
    if (!alarm->isOpen())
        return result(AlarmActionResult::Outcome::NotOpen,
                      tr("alarm %1 cleared at %2: there is nothing to %3").arg(alarm->id(), timeText(alarm->clearedAt), what),
                      alarm);
    return std::nullopt;
}

std::optional<AlarmActionResult> refuseText(const QString &text, const QString &what)
{
    if (text.trimmed().isEmpty())
        return result(AlarmActionResult::Outcome::Invalid,
                      tr("a %1 is needed: say what is being done about it, for the next shift").arg(what));
    if (text.size() > kAlarmCommentMaxLength)
        return result(AlarmActionResult::Outcome::Invalid,
                      tr("the %1 is %2 characters long; at most %3 are kept").arg(what).arg(text.size()).arg(kAlarmCommentMaxLength));
    return std::nullopt;
}

} // namespace

AlarmActionResult acknowledgeAlarm(Alarm *alarm, qint64 number, const QString &who, const QString &comment,
                                   const QDateTime &now)
{
    if (auto refused = refuseUnusable(alarm, number, tr("acknowledge")))
        return *refused;
    if (auto refused = refuseText(comment, tr("comment")))
        return *refused;
    if (alarm->acknowledgedAt.isValid())
        return result(AlarmActionResult::Outcome::Already,
                      tr("alarm %1 was already acknowledged by %2 at %3 (\"%4\")")
                          .arg(alarm->id(), alarm->acknowledgedBy, timeText(alarm->acknowledgedAt), alarm->ackComment),
                      alarm);
    alarm->acknowledgedAt = now;
    alarm->acknowledgedBy = who;
    alarm->ackComment = comment.trimmed();
    return result(AlarmActionResult::Outcome::Done, tr("alarm %1 acknowledged").arg(alarm->id()), alarm);
}

AlarmActionResult shelveAlarm(Alarm *alarm, qint64 number, const QString &who, const QDateTime &until,
                              const QString &reason, const QDateTime &now)
{
    if (auto refused = refuseUnusable(alarm, number, tr("shelve")))
        return *refused;
    // The time says most of why ("for the carrier's 30-minute window"); a reason is welcome, not required.
    if (reason.size() > kAlarmCommentMaxLength)
        return result(AlarmActionResult::Outcome::Invalid,
                      tr("the reason is %1 characters long; at most %2 are kept").arg(reason.size()).arg(kAlarmCommentMaxLength));
    const qint64 forMs = until.isValid() ? now.msecsTo(until) : -1;
    if (forMs < kMinShelveMs || forMs > kMaxShelveMs)
        return result(AlarmActionResult::Outcome::Invalid,
                      tr("an alarm is shelved for at least a minute and at most 24 hours, until a time after now; "
                         "%1 is not").arg(until.isValid() ? timeText(until) : tr("no time")));
    alarm->shelvedUntil = until;
    alarm->shelvedAt = now;
    alarm->shelvedBy = who;
    alarm->shelveReason = reason.trimmed();
    return result(AlarmActionResult::Outcome::Done,
                  tr("alarm %1 shelved until %2").arg(alarm->id(), timeText(until)), alarm);
}

AlarmActionResult unshelveAlarm(Alarm *alarm, qint64 number, const QString &who, const QDateTime &now)
{
    Q_UNUSED(who)
    if (auto refused = refuseUnusable(alarm, number, tr("unshelve")))
        return *refused;
    if (!alarm->shelvedUntil.isValid() || alarm->shelvedUntil <= now)
        return result(AlarmActionResult::Outcome::Already, tr("alarm %1 is not shelved").arg(alarm->id()), alarm);
    alarm->shelvedUntil = QDateTime();
    return result(AlarmActionResult::Outcome::Done, tr("alarm %1 is back in the list").arg(alarm->id()), alarm);
}

qint64 parseShelveDuration(const QString &text, QString *error)
{
    static const QRegularExpression whole(QStringLiteral("^(?:(\\d+)h)?(?:(\\d+)m(?:in)?)?(?:(\\d+)s)?$"));
    const QString compact = text.trimmed().toLower().remove(QLatin1Char(' '));
    qint64 ms = -1;
    bool ok = false;
    const qint64 minutes = compact.toLongLong(&ok);
    if (ok && !compact.isEmpty()) {
        ms = minutes * 60 * 1000;
    } else if (const QRegularExpressionMatch match = whole.match(compact); match.hasMatch() && !compact.isEmpty()) {
        ms = (match.captured(1).toLongLong() * 3600 + match.captured(2).toLongLong() * 60 + match.captured(3).toLongLong()) * 1000;
    }
    if (ms < 0) {
        if (error)
            *error = tr("'%1' is not a duration: write it as 15m, 30m, 1h, 4h or 1h30m").arg(text);
        return -1;
    }
    if (ms < kMinShelveMs || ms > kMaxShelveMs) {
        if (error)
            *error = tr("'%1' is out of range: an alarm is shelved for at least 1m and at most 24h").arg(text);
        return -1;
    }
    return ms;
}

QDateTime nextShiftChange(const QDateTime &now, const QList<QTime> &changes)
{
    QDateTime best;
    const QDateTime local = now.toLocalTime();
    for (int day = 0; day <= 1; ++day) {
        for (const QTime &time : changes) {
            const QDateTime candidate(local.date().addDays(day), time, local.timeSpec());
            if (candidate > local && (!best.isValid() || candidate < best))
                best = candidate;
        }
    }
    return best;
}

QList<QTime> parseShiftChanges(const QString &text)
{
    QList<QTime> times;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QTime time = QTime::fromString(part.trimmed(), QStringLiteral("H:mm"));
        if (time.isValid())
            times.append(time);
    }
    if (times.isEmpty())
        times = {QTime(7, 0), QTime(19, 0)};   // two twelve-hour shifts, as many NOCs run
    std::sort(times.begin(), times.end());
    return times;
}

} // namespace cc
