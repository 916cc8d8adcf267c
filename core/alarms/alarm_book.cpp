#include "alarms/alarm_book.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace cc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cc::AlarmBook", text);
}

// Channels named in the tenant-wide "no data" alarm before the rest are counted.
constexpr int kNamedNeverData = 3;

bool alarmOrder(const Alarm &a, const Alarm &b)
{
    if (a.severity() != b.severity())
        return a.severity() > b.severity();
    if (a.firstSeen != b.firstSeen)
        return a.firstSeen < b.firstSeen;
    return a.number < b.number;
}

} // namespace

AlarmBook::AlarmBook(const QString &tenantKey, const QString &tenant, const AlarmRuleSettings &settings, const Clock *clock)
    : m_tenantKey(tenantKey)
    , m_tenant(tenant)
    , m_settings(settings)
    , m_clock(clock)
    , m_startedAt(clock->nowUtc())
{
}

AlarmChanges AlarmBook::observeSnapshot(const MonitorSnapshot &snapshot, AlarmIdSource &ids, QString *error)
{
    // The containers are shared until written: keeping the state before costs nothing.
    const AlarmBook before = *this;
    const QDateTime now = m_clock->nowUtc();
    m_lastSnapshotAt = now;
    QList<AlarmCondition> conditions;
    monitorConditions(snapshot, now, conditions);
    if (snapshot.tenantRead)
        channelConditionsOf(snapshot, now, conditions);
    AlarmChanges out;
    QString idError;
    for (const AlarmCondition &condition : std::as_const(conditions)) {
        apply(condition, now, ids, out, &idError);
        if (!idError.isEmpty()) {
            *this = before;
            if (error)
                *error = idError;
            return {};
        }
    }
    return out;
}

void AlarmBook::monitorConditions(const MonitorSnapshot &snapshot, const QDateTime &now, QList<AlarmCondition> &out)
{
    Q_UNUSED(now)
    AlarmCondition stale{AlarmKind::MonitorStale, QString(), QString(), ConditionVerdict::Clear, QString()};
    if (snapshot.tenantRead) {
        m_unreadCycles = 0;
    } else {
        ++m_unreadCycles;
        stale.verdict = m_unreadCycles >= m_settings.unreadCyclesForStale ? ConditionVerdict::Standing
                                                                          : ConditionVerdict::Undetermined;
        stale.summary = tr("the tenant could not be read for %1 cycles in a row: %2").arg(m_unreadCycles).arg(snapshot.problem);
    }
    out.append(stale);

    AlarmCondition budget{AlarmKind::BudgetSpent, QString(), QString(), ConditionVerdict::Undetermined, QString()};
    if (snapshot.problemKind == QLatin1String("rate_limited")) {
        budget.verdict = ConditionVerdict::Standing;
        budget.summary = tr("the tenant refuses requests (429 Too Many Requests): %1").arg(snapshot.problem);
    } else if (snapshot.budgetLimit > 0 && snapshot.budgetRemaining <= 0) {
        budget.verdict = ConditionVerdict::Standing;
        budget.summary = tr("none of the tenant's %1 requests a minute is left: the monitor and every console of the "
                            "tenant wait").arg(snapshot.budgetLimit);
    } else if (snapshot.tenantRead && snapshot.problem.isEmpty()) {
        budget.verdict = ConditionVerdict::Clear;
    }
    out.append(budget);
}

void AlarmBook::channelConditionsOf(const MonitorSnapshot &snapshot, const QDateTime &now, QList<AlarmCondition> &out)
{
    QHash<QString, const ChannelHealth *> rows;
    rows.reserve(snapshot.channels.size());
    for (const ChannelHealth &row : snapshot.channels)
        rows.insert(row.id, &row);
    // A failed telemetry query says nothing about quality or data: those wait.
    const bool telemetryRead = snapshot.problem.isEmpty();
    QStringList neverHadData;
    for (const ChannelHealth &row : snapshot.channels) {
        const bool hasData = row.telemetryAt.isValid();
        if (hasData)
            m_lastData.insert(row.id, now);
        QList<AlarmCondition> conditions = channelConditions(row, rows, m_settings, m_lastData.value(row.id), now);
        for (AlarmCondition &condition : conditions) {
            if (!telemetryRead && (condition.kind == AlarmKind::Degraded || condition.kind == AlarmKind::NoData))
                condition.verdict = ConditionVerdict::Undetermined;
        }
        out += conditions;
        if (!hasData && !m_lastData.contains(row.id) && row.tenantStatus != ChannelStatus::Disabled
            && row.tenantStatus != ChannelStatus::Provisioning)
            neverHadData.append(row.name.isEmpty() ? row.id : row.name);
    }
    // Deleted on the tenant: their alarms end, and what was kept about them goes.
    for (const Alarm &alarm : std::as_const(m_open)) {
        if (!alarm.channelId.isEmpty() && !rows.contains(alarm.channelId))
            out.append(AlarmCondition{alarm.kind, alarm.channelId, alarm.channelName, ConditionVerdict::Clear, QString()});
    }
    for (auto it = m_lastData.begin(); it != m_lastData.end();) {
        if (rows.contains(it.key()))
            ++it;
        else
            it = m_lastData.erase(it);
    }

    AlarmCondition never{AlarmKind::NoData, QString(), QString(), ConditionVerdict::Clear, QString()};
    if (!neverHadData.isEmpty()) {
        const qint64 since = m_startedAt.msecsTo(now);
        never.verdict = telemetryRead && since >= m_settings.neverDataAfterMs ? ConditionVerdict::Standing
                                                                              : ConditionVerdict::Undetermined;
        const QString named = neverHadData.mid(0, kNamedNeverData).join(QStringLiteral(", "));
        never.summary = neverHadData.size() == 1
            ? tr("%1 has sent no telemetry since the monitor started %2 ago").arg(named, durationText(since))
            : neverHadData.size() <= kNamedNeverData
                ? tr("%1 channels have sent no telemetry since the monitor started %2 ago (%3)")
                      .arg(neverHadData.size()).arg(durationText(since), named)
                : tr("%1 channels have sent no telemetry since the monitor started %2 ago (%3 and %4 more)")
                      .arg(QLocale().toString(neverHadData.size()), durationText(since), named)
                      .arg(QLocale().toString(neverHadData.size() - kNamedNeverData));
    }
    out.append(never);
}

void AlarmBook::restartSilenceClock()
{
    m_startedAt = m_clock->nowUtc();
    m_lastSnapshotAt = QDateTime();
}

AlarmChanges AlarmBook::checkStale(AlarmIdSource &ids, QString *error)
{
    const QDateTime now = m_clock->nowUtc();
    const QDateTime reference = m_lastSnapshotAt.isValid() ? m_lastSnapshotAt : m_startedAt;
    const qint64 silentMs = reference.msecsTo(now);
    if (silentMs < m_settings.staleAfterMs)
        return {};
    const QString summary = m_lastSnapshotAt.isValid()
        ? tr("no monitor cycle for %1 (the last at %2 UTC): the monitor stopped or hangs")
              .arg(durationText(silentMs), m_lastSnapshotAt.toUTC().toString(QStringLiteral("HH:mm:ss")))
        : tr("no monitor cycle in the %1 since the monitor started").arg(durationText(silentMs));
    AlarmChanges out;
    QString idError;
    apply(AlarmCondition{AlarmKind::MonitorStale, QString(), QString(), ConditionVerdict::Standing, summary}, now, ids,
          out, &idError);
    if (!idError.isEmpty() && error)
        *error = idError;
    return out;
}

int AlarmBook::raiseAfter(AlarmKind kind) const
{
    // One more cycle than the monitor's own verdict: a failover it decides in the
    // same cycle lands before then, and that is a "failed over", not a "down".
    if (kind == AlarmKind::Down)
        return 2;
    // Every other kind stands from the first cycle that shows it.
    return kind == AlarmKind::Degraded ? std::max(1, m_settings.degradedAfter) : 1;
}

int AlarmBook::clearAfter(AlarmKind kind) const
{
    // One cycle with budget left may be the window's fresh minute: two in a row.
    if (kind == AlarmKind::BudgetSpent)
        return 2;
    // Every other kind clears with the first cycle that no longer shows it.
    return kind == AlarmKind::Degraded ? std::max(1, m_settings.recoveredAfter) : 1;
}

void AlarmBook::apply(const AlarmCondition &condition, const QDateTime &now, AlarmIdSource &ids, AlarmChanges &out,
                      QString *error)
{
    const QString key = alarmConditionKey(condition.kind, condition.channelId);
    const auto open = m_open.find(key);
    switch (condition.verdict) {
    case ConditionVerdict::Undetermined:
        return;
    case ConditionVerdict::Standing: {
        Streak &streak = m_streaks[key];
        if (streak.standing == 0)
            streak.since = now;
        ++streak.standing;
        streak.clear = 0;
        if (open != m_open.end()) {
            open->lastSeen = now;
            open->summary = condition.summary;
            if (!condition.channelName.isEmpty())
                open->channelName = condition.channelName;
            return;
        }
        if (streak.standing < raiseAfter(condition.kind))
            return;
        const qint64 number = ids.nextAlarmNumber(error);
        if (number <= 0)
            return;
        Alarm alarm;
        alarm.number = number;
        alarm.tenantKey = m_tenantKey;
        alarm.tenant = m_tenant;
        alarm.kind = condition.kind;
        alarm.channelId = condition.channelId;
        alarm.channelName = condition.channelName;
        alarm.summary = condition.summary;
        alarm.firstSeen = streak.since;
        alarm.lastSeen = now;
        m_open.insert(key, alarm);
        out.raised.append(alarm);
        return;
    }
    case ConditionVerdict::Clear: {
        if (open == m_open.end()) {
            m_streaks.remove(key);
            return;
        }
        Streak &streak = m_streaks[key];
        streak.standing = 0;
        if (++streak.clear >= clearAfter(condition.kind))
            clearAlarm(key, condition.summary, now, out);
        return;
    }
    }
}

void AlarmBook::clearAlarm(const QString &key, const QString &why, const QDateTime &now, AlarmChanges &out)
{
    Q_UNUSED(why)
    Alarm alarm = m_open.take(key);
    m_streaks.remove(key);
    alarm.clearedAt = now;
    m_cleared.prepend(alarm);
    if (m_cleared.size() > kRecentCleared)
        m_cleared.resize(kRecentCleared);
    out.cleared.append(alarm);
}

void AlarmBook::adopt(const Alarm &alarm)
{
    if (alarm.tenantKey != m_tenantKey)
        return;   // another tenant's alarm (an id typed for it): not this book's
    const QString key = alarm.conditionKey();
    const auto open = m_open.find(key);
    if (!alarm.isOpen()) {
        if (open != m_open.end() && open->number == alarm.number) {
            m_open.erase(open);
            m_streaks.remove(key);
        }
        m_cleared.removeIf([&alarm](const Alarm &known) { return known.number == alarm.number; });
        const auto at = std::find_if(m_cleared.begin(), m_cleared.end(),
                                     [&alarm](const Alarm &known) { return known.clearedAt < alarm.clearedAt; });
        m_cleared.insert(at, alarm);
        if (m_cleared.size() > kRecentCleared)
            m_cleared.resize(kRecentCleared);
        return;
    }
    if (open != m_open.end() && open->number == alarm.number) {
        // The same alarm: what people did comes from the store; what stands is the book's own, newer view.
        open->acknowledgedAt = alarm.acknowledgedAt;
        open->acknowledgedBy = alarm.acknowledgedBy;
        open->ackComment = alarm.ackComment;
        open->shelvedUntil = alarm.shelvedUntil;
        open->shelvedAt = alarm.shelvedAt;
        open->shelvedBy = alarm.shelvedBy;
        open->shelveReason = alarm.shelveReason;
        open->revision = std::max(open->revision, alarm.revision);
        return;
    }
    // Raised before a restart, or by another monitor of the tenant: the stored alarm stands for the condition.
    m_open.insert(key, alarm);
    Streak &streak = m_streaks[key];
    streak.standing = std::max(streak.standing, raiseAfter(alarm.kind));
    streak.clear = 0;
    streak.since = alarm.firstSeen;
    // A channel without data before the restart has had none since: the alarm goes on standing.
    if (alarm.kind == AlarmKind::NoData && !alarm.channelId.isEmpty() && !m_lastData.contains(alarm.channelId))
        m_lastData.insert(alarm.channelId, alarm.firstSeen.addMSecs(-m_settings.noDataAfterMs));
}

Alarm *AlarmBook::findOpen(qint64 number)
{
    for (Alarm &alarm : m_open) {
        if (alarm.number == number)
            return &alarm;
    }
    return nullptr;
}

const Alarm *AlarmBook::find(qint64 number) const
{
    for (const Alarm &alarm : m_open) {
        if (alarm.number == number)
            return &alarm;
    }
    for (const Alarm &alarm : m_cleared) {
        if (alarm.number == number)
            return &alarm;
    }
    return nullptr;
}

AlarmActionResult AlarmBook::acknowledge(qint64 number, const QString &who, const QString &comment)
{
    Alarm *alarm = findOpen(number);
    const Alarm *any = alarm ? alarm : find(number);
    Alarm cleared = any ? *any : Alarm();
    return acknowledgeAlarm(alarm ? alarm : (any ? &cleared : nullptr), number, who, comment, m_clock->nowUtc());
}

AlarmActionResult AlarmBook::shelve(qint64 number, const QString &who, const QDateTime &until, const QString &reason)
{
    Alarm *alarm = findOpen(number);
    const Alarm *any = alarm ? alarm : find(number);
    Alarm cleared = any ? *any : Alarm();
    return shelveAlarm(alarm ? alarm : (any ? &cleared : nullptr), number, who, until, reason, m_clock->nowUtc());
}

AlarmActionResult AlarmBook::unshelve(qint64 number, const QString &who)
{
    Alarm *alarm = findOpen(number);
    const Alarm *any = alarm ? alarm : find(number);
    Alarm cleared = any ? *any : Alarm();
    return unshelveAlarm(alarm ? alarm : (any ? &cleared : nullptr), number, who, m_clock->nowUtc());
}

QList<Alarm> AlarmBook::openAlarms() const
{
    QList<Alarm> alarms = m_open.values();
    std::sort(alarms.begin(), alarms.end(), alarmOrder);
    return alarms;
}

int AlarmBook::unacknowledged() const
{
    const QDateTime now = m_clock->nowUtc();
    int count = 0;
    for (const Alarm &alarm : m_open)
        count += alarm.isUnacknowledgedAt(now) ? 1 : 0;
    return count;
}

AlarmSetPtr AlarmBook::toSet() const
{
    auto set = std::make_shared<AlarmSet>();
    set->at = m_clock->nowUtc();
    set->alarms = openAlarms();
    set->alarms += m_cleared;
    return set;
}

} // namespace cc
