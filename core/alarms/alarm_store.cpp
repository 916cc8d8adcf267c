#include "alarms/alarm_store.h"

#include "audit/audit_store.h"
#include "common/error_out.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace cc {

namespace {

const QString kColumns = QStringLiteral(
    "number, tenant_key, tenant, kind, channel_id, channel_name, summary, first_seen_ms, last_seen_ms, cleared_ms,"
    " ack_ms, ack_by, ack_comment, shelved_until_ms, shelved_ms, shelved_by, shelve_reason, rev");

QString sqlError(const QString &what, const QSqlQuery &query)
{
    return what + QStringLiteral(": ") + query.lastError().text();
}

QDateTime timeOf(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qlonglong>());
}

// A null QString binds as SQL NULL; the text columns are NOT NULL and empty is meant.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

Alarm readAlarm(const QSqlQuery &query)
{
    Alarm alarm;
    alarm.number = query.value(0).toLongLong();
    alarm.tenantKey = query.value(1).toString();
    alarm.tenant = query.value(2).toString();
    alarm.kind = alarmKindFromName(query.value(3).toString()).value_or(AlarmKind::Down);
    alarm.channelId = query.value(4).toString();
    alarm.channelName = query.value(5).toString();
    alarm.summary = query.value(6).toString();
    alarm.firstSeen = timeOf(query.value(7));
    alarm.lastSeen = timeOf(query.value(8));
    alarm.clearedAt = timeOf(query.value(9));
    alarm.acknowledgedAt = timeOf(query.value(10));
    alarm.acknowledgedBy = query.value(11).toString();
    alarm.ackComment = query.value(12).toString();
    alarm.shelvedUntil = timeOf(query.value(13));
    alarm.shelvedAt = timeOf(query.value(14));
    alarm.shelvedBy = query.value(15).toString();
    alarm.shelveReason = query.value(16).toString();
    alarm.revision = query.value(17).toLongLong();
    return alarm;
}

} // namespace

AuditEntry alarmAuditEntry(const Alarm &alarm, QLatin1String eventType, const QString &actor, EventSource source,
                           const QDateTime &at, QJsonObject details)
{
    details.insert(QStringLiteral("alarm_id"), alarm.id());
    details.insert(QStringLiteral("kind"), alarmKindName(alarm.kind));
    details.insert(QStringLiteral("severity"), alarmSeverityName(alarm.severity()));
    details.insert(QStringLiteral("summary"), alarm.summary);
    if (!alarm.channelName.isEmpty())
        details.insert(QStringLiteral("channel_name"), alarm.channelName);
    AuditEntry entry;
    entry.eventType = QString(eventType);
    entry.channelId = alarm.channelId;
    entry.actor = actor.isEmpty() ? defaultAuditActor() : actor;
    entry.source = source;
    entry.tenant = alarm.tenant;
    entry.detailsJson = canonicalDetailsJson(details);
    entry.timestampMs = at.isValid() ? at.toMSecsSinceEpoch() : 0;
    return entry;
}

AlarmStore::AlarmStore(AuditStore *store)
    : m_store(store)
{
}

bool AlarmStore::select(const QString &where, const QList<QVariant> &binds, QList<Alarm> *alarms, qint64 *revision,
                        QString *error)
{
    QSqlQuery query(m_store->database());
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM alarms WHERE ") + where)) {
        setError(error, sqlError(QStringLiteral("reading the alarms"), query));
        return false;
    }
    for (const QVariant &bind : binds)
        query.addBindValue(bind);
    if (!query.exec()) {
        setError(error, sqlError(QStringLiteral("reading the alarms"), query));
        return false;
    }
    while (query.next()) {
        const Alarm alarm = readAlarm(query);
        if (revision)
            *revision = std::max(*revision, alarm.revision);
        alarms->append(alarm);
    }
    return true;
}

bool AlarmStore::load(const QString &tenantKey, int cleared, QList<Alarm> *alarms, qint64 *revision, QString *error)
{
    return select(QStringLiteral("tenant_key = ? AND cleared_ms IS NULL"), {tenantKey}, alarms, revision, error)
        && select(QStringLiteral("tenant_key = ? AND cleared_ms IS NOT NULL ORDER BY cleared_ms DESC LIMIT ?"),
                  {tenantKey, cleared}, alarms, revision, error);
}

bool AlarmStore::changedSince(const QString &tenantKey, qint64 afterRevision, QList<Alarm> *alarms, qint64 *revision,
                              QString *error)
{
    return select(QStringLiteral("tenant_key = ? AND rev > ? ORDER BY rev"), {tenantKey, afterRevision}, alarms,
                  revision, error);
}

bool AlarmStore::list(bool withCleared, int clearedLimit, QList<Alarm> *alarms, QString *error)
{
    if (!select(QStringLiteral("cleared_ms IS NULL ORDER BY number"), {}, alarms, nullptr, error))
        return false;
    return !withCleared
        || select(QStringLiteral("cleared_ms IS NOT NULL ORDER BY cleared_ms DESC LIMIT ?"), {clearedLimit}, alarms,
                  nullptr, error);
}

std::optional<Alarm> AlarmStore::find(qint64 number, QString *error)
{
    QList<Alarm> found;
    if (!select(QStringLiteral("number = ?"), {number}, &found, nullptr, error) || found.isEmpty())
        return std::nullopt;
    return found.first();
}

qint64 AlarmStore::nextRevision(QString *error)
{
    // The counter's row is the first thing every alarm write locks: writers in
    // several processes queue there, never in opposite orders on alarm rows.
    QSqlQuery bump(m_store->database());
    if (!bump.exec(QStringLiteral("UPDATE alarm_counter SET next_rev = next_rev + 1 WHERE id = 1"))) {
        setError(error, sqlError(QStringLiteral("taking an alarm revision"), bump));
        return 0;
    }
    QSqlQuery read(m_store->database());
    if (!read.exec(QStringLiteral("SELECT next_rev - 1 FROM alarm_counter WHERE id = 1")) || !read.next()) {
        setError(error, sqlError(QStringLiteral("taking an alarm revision"), read));
        return 0;
    }
    return read.value(0).toLongLong();
}

qint64 AlarmStore::reserveNumbers(int count, QString *error)
{
    qint64 first = 0;
    QList<AuditEntry> none;
    const bool ok = m_store->transact(&none, [&](QString *stepError) {
        QSqlQuery bump(m_store->database());
        bump.prepare(QStringLiteral("UPDATE alarm_counter SET next_number = next_number + ? WHERE id = 1"));
        bump.addBindValue(count);
        if (!bump.exec()) {
            *stepError = sqlError(QStringLiteral("reserving alarm ids"), bump);
            return false;
        }
        QSqlQuery read(m_store->database());
        if (!read.exec(QStringLiteral("SELECT next_number FROM alarm_counter WHERE id = 1")) || !read.next()) {
            *stepError = sqlError(QStringLiteral("reserving alarm ids"), read);
            return false;
        }
        first = read.value(0).toLongLong() - count;
        return true;
    }, error);
    return ok ? first : 0;
}

bool AlarmStore::persist(const AlarmChanges &changes, QList<Alarm> *adopted, QString *error, qint64 *written)
{
    if (changes.isEmpty())
        return true;
    QList<AuditEntry> entries;
    QList<Alarm> taken;
    qint64 revision = 0;
    const auto withWriter = [this](QJsonObject details) {
        for (auto it = m_writerDetails.constBegin(); it != m_writerDetails.constEnd(); ++it)
            details.insert(it.key(), it.value());
        return details;
    };
    const bool ok = m_store->transact(&entries, [&](QString *stepError) {
        revision = nextRevision(stepError);
        if (revision <= 0)
            return false;
        QSqlQuery insert(m_store->database());
        insert.prepare(QStringLiteral("INSERT INTO alarms (") + kColumns
                       + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                        " ON CONFLICT DO NOTHING"));
        for (const Alarm &alarm : changes.raised) {
            const QList<QVariant> values{alarm.number, text(alarm.tenantKey), text(alarm.tenant), alarmKindName(alarm.kind),
                                         text(alarm.channelId), text(alarm.channelName), text(alarm.summary),
                                         msOrNull(alarm.firstSeen), msOrNull(alarm.lastSeen), msOrNull(alarm.clearedAt),
                                         msOrNull(alarm.acknowledgedAt), text(alarm.acknowledgedBy), text(alarm.ackComment),
                                         msOrNull(alarm.shelvedUntil), msOrNull(alarm.shelvedAt), text(alarm.shelvedBy),
                                         text(alarm.shelveReason), revision};
            for (const QVariant &value : values)
                insert.addBindValue(value);
            if (!insert.exec()) {
                *stepError = sqlError(QStringLiteral("writing alarm %1").arg(alarm.id()), insert);
                return false;
            }
            if (insert.numRowsAffected() == 1) {
                entries.append(alarmAuditEntry(alarm, events::kAlarmRaised, QString(), EventSource::System,
                                               alarm.lastSeen,
                                               withWriter({{QStringLiteral("first_seen"), alarm.firstSeen.toString(Qt::ISODateWithMs)}})));
                continue;
            }
            // Another monitor of the tenant raised it first: that alarm is the one.
            if (!select(QStringLiteral("tenant_key = ? AND kind = ? AND channel_id = ? AND cleared_ms IS NULL"),
                        {text(alarm.tenantKey), alarmKindName(alarm.kind), text(alarm.channelId)}, &taken, nullptr,
                        stepError))
                return false;
        }
        QSqlQuery clear(m_store->database());
        clear.prepare(QStringLiteral("UPDATE alarms SET cleared_ms = ?, last_seen_ms = ?, summary = ?, rev = ?"
                                     " WHERE number = ? AND cleared_ms IS NULL"));
        for (const Alarm &alarm : changes.cleared) {
            for (const QVariant &value : {msOrNull(alarm.clearedAt), msOrNull(alarm.lastSeen), QVariant(text(alarm.summary)),
                                          QVariant(revision), QVariant(alarm.number)})
                clear.addBindValue(value);
            if (!clear.exec()) {
                *stepError = sqlError(QStringLiteral("clearing alarm %1").arg(alarm.id()), clear);
                return false;
            }
            if (clear.numRowsAffected() == 1)
                entries.append(alarmAuditEntry(alarm, events::kAlarmCleared, QString(), EventSource::System,
                                               alarm.clearedAt,
                                               withWriter({{QStringLiteral("duration_s"), alarm.durationMsAt(alarm.clearedAt) / 1000}})));
        }
        if (!changes.cleared.isEmpty()) {
            // The table keeps the recent cleared alarms; the trail keeps every one.
            QSqlQuery prune(m_store->database());
            prune.prepare(QStringLiteral("DELETE FROM alarms WHERE tenant_key = ? AND cleared_ms IS NOT NULL AND number NOT IN"
                                         " (SELECT number FROM alarms WHERE tenant_key = ? AND cleared_ms IS NOT NULL"
                                         " ORDER BY cleared_ms DESC LIMIT ?)"));
            const QString tenantKey = text(changes.cleared.first().tenantKey);
            prune.addBindValue(tenantKey);
            prune.addBindValue(tenantKey);
            prune.addBindValue(kClearedKept);
            if (!prune.exec()) {
                *stepError = sqlError(QStringLiteral("pruning cleared alarms"), prune);
                return false;
            }
        }
        return true;
    }, error);
    if (ok && adopted)
        *adopted = taken;
    if (ok && written)
        *written = revision;
    return ok;
}

bool AlarmStore::touchOpen(const QString &tenantKey, const QDateTime &now, QString *error)
{
    QSqlQuery touch(m_store->database());
    touch.prepare(QStringLiteral("UPDATE alarms SET last_seen_ms = ? WHERE tenant_key = ? AND cleared_ms IS NULL"));
    touch.addBindValue(now.toMSecsSinceEpoch());
    touch.addBindValue(tenantKey);
    if (!touch.exec()) {
        setError(error, sqlError(QStringLiteral("noting the alarms still standing"), touch));
        return false;
    }
    return true;
}

AlarmActionResult AlarmStore::acknowledge(qint64 number, const QString &who, const QString &comment, const QDateTime &now)
{
    return act(Action::Acknowledge, number, who, comment, QDateTime(), now);
}

AlarmActionResult AlarmStore::shelve(qint64 number, const QString &who, const QDateTime &until, const QString &reason,
                                     const QDateTime &now)
{
    return act(Action::Shelve, number, who, reason, until, now);
}

AlarmActionResult AlarmStore::unshelve(qint64 number, const QString &who, const QDateTime &now)
{
    return act(Action::Unshelve, number, who, QString(), QDateTime(), now);
}

AlarmActionResult AlarmStore::act(Action action, qint64 number, const QString &who, const QString &note,
                                  const QDateTime &until, const QDateTime &now)
{
    AlarmActionResult outcome;
    QList<AuditEntry> entries;
    QString error;
    const QString actor = who.isEmpty() ? defaultAuditActor() : who;
    const bool ok = m_store->transact(&entries, [&](QString *stepError) {
        const qint64 revision = nextRevision(stepError);
        if (revision <= 0)
            return false;
        QList<Alarm> rows;
        if (!select(m_store->isPostgres() ? QStringLiteral("number = ? FOR UPDATE") : QStringLiteral("number = ?"),
                    {number}, &rows, nullptr, stepError))
            return false;
        Alarm *alarm = rows.isEmpty() ? nullptr : &rows.first();
        const QDateTime wasShelvedUntil = alarm ? alarm->shelvedUntil : QDateTime();
        QLatin1String type = events::kAlarmAcknowledged;
        QJsonObject details;
        switch (action) {
        case Action::Acknowledge:
            outcome = acknowledgeAlarm(alarm, number, actor, note, now);
            details.insert(QStringLiteral("comment"), outcome.alarm.ackComment);
            break;
        case Action::Shelve:
            outcome = shelveAlarm(alarm, number, actor, until, note, now);
            type = events::kAlarmShelved;
            details.insert(QStringLiteral("until"), until.toUTC().toString(Qt::ISODate));
            details.insert(QStringLiteral("for_minutes"), (now.msecsTo(until) + 59999) / 60000);
            details.insert(QStringLiteral("reason"), outcome.alarm.shelveReason);
            break;
        case Action::Unshelve:
            outcome = unshelveAlarm(alarm, number, actor, now);
            type = events::kAlarmUnshelved;
            details.insert(QStringLiteral("was_shelved_until"), wasShelvedUntil.toUTC().toString(Qt::ISODate));
            break;
        }
        if (!outcome.changed())
            return true;
        const Alarm &changed = outcome.alarm;
        QSqlQuery update(m_store->database());
        update.prepare(QStringLiteral("UPDATE alarms SET ack_ms = ?, ack_by = ?, ack_comment = ?, shelved_until_ms = ?,"
                                      " shelved_ms = ?, shelved_by = ?, shelve_reason = ?, rev = ? WHERE number = ?"));
        for (const QVariant &value : {msOrNull(changed.acknowledgedAt), QVariant(text(changed.acknowledgedBy)),
                                      QVariant(text(changed.ackComment)), msOrNull(changed.shelvedUntil),
                                      msOrNull(changed.shelvedAt), QVariant(text(changed.shelvedBy)),
                                      QVariant(text(changed.shelveReason)), QVariant(revision), QVariant(number)})
            update.addBindValue(value);
        if (!update.exec()) {
            *stepError = sqlError(QStringLiteral("writing alarm %1").arg(changed.id()), update);
            return false;
        }
        outcome.alarm.revision = revision;
        entries.append(alarmAuditEntry(changed, type, actor, EventSource::Manual, now, details));
        return true;
    }, &error);
    if (!ok) {
        outcome = AlarmActionResult();
        outcome.outcome = AlarmActionResult::Outcome::Failed;
        outcome.message = QStringLiteral("the alarm store %1 could not be used: %2. Nothing was changed; try again, "
                                         "or check --audit-db").arg(m_store->path(), error);
    }
    return outcome;
}

qint64 StoreAlarmIds::nextAlarmNumber(QString *error)
{
    if (m_next >= m_end) {
        // Few at a time (a restart leaves few gaps), more when a burst needs them.
        const int count = 4 << std::min(m_roundReservations, 7);
        ++m_roundReservations;
        const qint64 first = m_store->reserveNumbers(count, error);
        if (first <= 0)
            return 0;
        m_next = first;
        m_end = first + count;
    }
    return m_next++;
}

} // namespace cc
