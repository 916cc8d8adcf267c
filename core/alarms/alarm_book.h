#pragma once
// The open alarms of one tenant, derived from the monitor's snapshots: which
// problems stand (alarm_rules.h), since when, and what people did about them.
// A condition becomes an alarm after it stood for its kind's number of
// readings, and clears after as many readings that say it no longer stands;
// an undetermined reading changes nothing (a monitor that just started has
// judged no channel yet). A cleared alarm leaves the open list for a bounded
// list of recently cleared ones; the same problem later is a new alarm.
//
// No I/O and no threads: time comes from an injected Clock, ids from an
// AlarmIdSource (the store's counter, or a plain counter in tests), and the
// changes each call makes are returned for whoever persists them.

#include "alarms/alarm.h"
#include "alarms/alarm_actions.h"
#include "alarms/alarm_rules.h"
#include "common/clock.h"
#include "monitor/monitor_snapshot.h"

#include <QHash>
#include <QList>

namespace cc {

class AlarmIdSource
{
public:
    virtual ~AlarmIdSource() = default;
    // The next alarm number (never given before); 0 with `error` set when none can be had.
    virtual qint64 nextAlarmNumber(QString *error) = 0;
};

// Numbers 1, 2, 3... in memory: for tests and for a book nobody stores.
class CountingAlarmIds final : public AlarmIdSource
{
public:
    qint64 nextAlarmNumber(QString *) override { return m_next++; }

private:
    qint64 m_next = 1;
};

struct AlarmChanges
{
    QList<Alarm> raised;    // new alarms, numbered
    QList<Alarm> cleared;   // alarms that ended now (clearedAt set)

    bool isEmpty() const { return raised.isEmpty() && cleared.isEmpty(); }
};

class AlarmBook final
{
public:
    // Most recently cleared alarms kept for the list ("cleared 2 min ago").
    static constexpr int kRecentCleared = 200;

    AlarmBook(const QString &tenantKey, const QString &tenant, const AlarmRuleSettings &settings, const Clock *clock);

    const AlarmRuleSettings &settings() const { return m_settings; }
    void setSettings(const AlarmRuleSettings &settings) { m_settings = settings; }
    QString tenantKey() const { return m_tenantKey; }
    QString tenant() const { return m_tenant; }

    // One monitor cycle. On an error from `ids` the book is left as it was and
    // the error returned; the next snapshot tries again.
    AlarmChanges observeSnapshot(const MonitorSnapshot &snapshot, AlarmIdSource &ids, QString *error = nullptr);
    // Called on a timer: raises "monitor stopped or stale" once no snapshot has
    // come for settings().staleAfterMs (since the book began, if none ever came).
    AlarmChanges checkStale(AlarmIdSource &ids, QString *error = nullptr);

    // An alarm as stored (at start, or changed by another process: an
    // acknowledgement from cxonectl, a keeper on another host). An open one
    // takes its condition's place; a cleared one leaves the open list.
    void adopt(const Alarm &alarm);

    // A person's actions, by the alarm's number (alarm_actions.h's rules).
    AlarmActionResult acknowledge(qint64 number, const QString &who, const QString &comment);
    AlarmActionResult shelve(qint64 number, const QString &who, const QDateTime &until, const QString &reason);
    AlarmActionResult unshelve(qint64 number, const QString &who);

    // Open alarms, worst first, then longest standing first.
    QList<Alarm> openAlarms() const;
    // Newest first, at most kRecentCleared.
    const QList<Alarm> &recentlyCleared() const { return m_cleared; }
    const Alarm *find(qint64 number) const;
    // Counts the monitor's silence (and "never had data") from now: for a
    // keeper that starts judging after another process did.
    void restartSilenceClock();
    int unacknowledged() const;
    // The open alarms and the recently cleared ones, as of now.
    AlarmSetPtr toSet() const;

private:
    struct Streak
    {
        int standing = 0;
        int clear = 0;
        QDateTime since;   // when the current standing run began
    };

    void apply(const AlarmCondition &condition, const QDateTime &now, AlarmIdSource &ids, AlarmChanges &out,
               QString *error);
    void clearAlarm(const QString &key, const QString &why, const QDateTime &now, AlarmChanges &out);
    void monitorConditions(const MonitorSnapshot &snapshot, const QDateTime &now, QList<AlarmCondition> &out);
    void channelConditionsOf(const MonitorSnapshot &snapshot, const QDateTime &now, QList<AlarmCondition> &out);
    Alarm *findOpen(qint64 number);
    int raiseAfter(AlarmKind kind) const;
    int clearAfter(AlarmKind kind) const;

    QString m_tenantKey;
    QString m_tenant;
    AlarmRuleSettings m_settings;
    const Clock *m_clock;
    QHash<QString, Alarm> m_open;        // by condition key
    QHash<QString, Streak> m_streaks;    // conditions standing (not yet raised) or raised
    QList<Alarm> m_cleared;              // newest first, bounded
    QHash<QString, QDateTime> m_lastData;   // channel id → last cycle it had telemetry
    QDateTime m_startedAt;
    QDateTime m_lastSnapshotAt;
    int m_unreadCycles = 0;
};

} // namespace cc
