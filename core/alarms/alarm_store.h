#pragma once
// The alarms in the audit store's database (SQLite file or shared PostgreSQL),
// beside the chain (schema version 3, audit_schema.cpp): one row per alarm,
// and every change written together with the audit entry that records it
// (alarm_raised, alarm_cleared, alarm_acknowledged, alarm_shelved,
// alarm_unshelved) in one transaction. So a restart of the console, `cxonectl
// alarms` in another process and other consoles on the shared store all see
// the same alarms and the same acknowledgements.
//
// Blocking database calls on the store's own connection: a worker thread (the
// alarm keeper's) or cxonectl, never a UI thread.

#include "alarms/alarm.h"
#include "alarms/alarm_actions.h"
#include "alarms/alarm_book.h"
#include "audit/audit_entry.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace cc {

class AuditStore;

class AlarmStore final
{
public:
    // Cleared alarms kept in the table per tenant (the audit trail keeps them all).
    static constexpr int kClearedKept = 500;

    // `store` is open and outlives this.
    explicit AlarmStore(AuditStore *store);

    // The tenant's open alarms and its `cleared` most recent cleared ones, and
    // the newest revision among them (to read changes after).
    bool load(const QString &tenantKey, int cleared, QList<Alarm> *alarms, qint64 *revision, QString *error);
    // The tenant's alarms written after `afterRevision`, by anyone (an
    // acknowledgement in another process, another monitor's raise).
    bool changedSince(const QString &tenantKey, qint64 afterRevision, QList<Alarm> *alarms, qint64 *revision,
                      QString *error);
    // Every tenant's open alarms, and with `withCleared` the `clearedLimit`
    // most recently cleared ones (cxonectl alarms list).
    bool list(bool withCleared, int clearedLimit, QList<Alarm> *alarms, QString *error);
    std::optional<Alarm> find(qint64 number, QString *error);

    // Reserves `count` alarm numbers: the first is returned (0 on error).
    qint64 reserveNumbers(int count, QString *error);

    // Writes a book's changes with their audit entries (source: system, the
    // monitor's), in one transaction. A raised alarm whose condition already has
    // an open alarm in the store (another monitor of the tenant raised it
    // first) is not written: the stored one is returned in `adopted` and
    // replaces it. `cleared` then also holds only those this call cleared.
    // `written` (when given) gets the revision the rows were written with.
    bool persist(const AlarmChanges &changes, QList<Alarm> *adopted, QString *error, qint64 *written = nullptr);
    // Added to the details of every entry persist() writes: a lease's fencing
    // token (lease_term, lease_holder) while the writer leads.
    void setWriterDetails(const QJsonObject &details) { m_writerDetails = details; }
    // Moves the open alarms' last-seen time of the tenant to `now` (what
    // `cxonectl alarms list` shows); no revision, no audit entry.
    bool touchOpen(const QString &tenantKey, const QDateTime &now, QString *error);

    // A person's actions by number, in one transaction with their audit entry
    // (source manual, actor `who`). Outcome Failed when the store fails.
    AlarmActionResult acknowledge(qint64 number, const QString &who, const QString &comment, const QDateTime &now);
    AlarmActionResult shelve(qint64 number, const QString &who, const QDateTime &until, const QString &reason,
                             const QDateTime &now);
    AlarmActionResult unshelve(qint64 number, const QString &who, const QDateTime &now);

private:
    enum class Action { Acknowledge, Shelve, Unshelve };
    AlarmActionResult act(Action action, qint64 number, const QString &who, const QString &note,
                          const QDateTime &until, const QDateTime &now);
    bool select(const QString &where, const QList<QVariant> &binds, QList<Alarm> *alarms, qint64 *revision,
                QString *error);
    qint64 nextRevision(QString *error);

    AuditStore *m_store;
    QJsonObject m_writerDetails;
};

// The audit entry that records `alarm`'s change of type `eventType`.
AuditEntry alarmAuditEntry(const Alarm &alarm, QLatin1String eventType, const QString &actor, EventSource source,
                           const QDateTime &at, QJsonObject details = {});

// Numbers for a book, reserved from the store's counter a few at a time (more
// when many alarms are raised at once), so a raise costs no write of its own.
class StoreAlarmIds final : public AlarmIdSource
{
public:
    explicit StoreAlarmIds(AlarmStore *store) : m_store(store) {}
    // Before each evaluation: the next reservation starts small again.
    void beginRound() { m_roundReservations = 0; }
    qint64 nextAlarmNumber(QString *error) override;

private:
    AlarmStore *m_store;
    qint64 m_next = 0;
    qint64 m_end = 0;
    int m_roundReservations = 0;
};

} // namespace cc
