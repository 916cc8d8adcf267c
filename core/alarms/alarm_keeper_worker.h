#pragma once
// AlarmKeeper's worker: lives on the keeper's thread and owns that thread's
// connection to the audit store. Each monitor snapshot is judged by the
// tenant's AlarmBook; what changed (raised, cleared) is written with its audit
// entries in one transaction, and only then published. A short timer reads
// what other processes changed (an acknowledgement from `cxonectl alarms ack`,
// another console on the shared store), raises "monitor stopped or stale" when
// snapshots stop coming, and once a minute notes that the open alarms still
// stand. Not for direct use: AlarmKeeper hops every call onto this thread.

#include "alarms/alarm_actions.h"
#include "alarms/alarm_book.h"
#include "alarms/alarm_store.h"
#include "audit/audit_store.h"
#include "monitor/monitor_snapshot.h"
#include "common/system_clock.h"

#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace cc {

struct AlarmKeeperOptions
{
    QString storePath;     // the audit store: a file or postgresql:// URL (empty: the default file)
    // False where no audit store is usable: the alarms are kept in memory only,
    // and cannot be acknowledged or shelved (that must be recorded).
    bool useStore = true;
    QString tenantKey;     // ConnectionProfile::budgetKey(): the same tenant in every program
    QString tenant;        // as people name it (the profile's name)
    AlarmRuleSettings rules;
    QString actor;         // who acts from this process (empty: "<OS user>@<host>")
    // How often other processes' changes are read and staleness judged.
    int pollIntervalMs = 2000;
    // How often the open alarms' last-seen time is written.
    int touchIntervalMs = 60000;
};

enum class AlarmAction { Acknowledge, Shelve, Unshelve };

class AlarmKeeperWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmKeeperWorker)

public:
    // `clock` null: the system clock.
    explicit AlarmKeeperWorker(const AlarmKeeperOptions &options, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~AlarmKeeperWorker() override;

    // On the worker's thread.
    void start();
    void stop();
    void observeSnapshot(const cc::MonitorSnapshotPtr &snapshot);
    void act(quint64 request, cc::AlarmAction action, qint64 number, const QString &note, const QDateTime &until);
    void setRules(const cc::AlarmRuleSettings &rules);
    void setWriterDetails(const QJsonObject &details);
    // False while another process judges the tenant's alarms: neither snapshots
    // nor the monitor's silence are judged here. Judging again starts the
    // silence clock afresh (a standby taking over is not "stale" for the time
    // it was not watching).
    void setJudging(bool judging);

signals:
    void alarmsChanged(const cc::AlarmSetPtr &set);
    void actionFinished(quint64 request, const cc::AlarmActionResult &result);
    // The store failed (said once until it works again), or works again (empty).
    void storeProblem(const QString &error);
    // Audit entries reached the store (written here, or by another process and
    // read here): the newest sequence now.
    void auditWritten(qint64 lastSequence);

private:
    void poll();
    // Runs one evaluation of the book, writes its changes, and publishes.
    void evaluate(const std::function<AlarmChanges(AlarmIdSource &ids, QString *error)> &step);
    bool pullChanges();
    void publish();
    void reportStore(const QString &error);
    void announceAudit();

    AlarmKeeperOptions m_options;
    SystemClock m_systemClock;
    const Clock *m_clock;
    AlarmBook m_book;
    AuditStore m_store;
    std::unique_ptr<AlarmStore> m_alarms;   // null while the store is unusable
    QJsonObject m_writerDetails;
    bool m_judging = true;
    std::unique_ptr<StoreAlarmIds> m_storeIds;
    CountingAlarmIds m_memoryIds;           // numbers for a book no store keeps
    qint64 m_revision = 0;
    QTimer *m_timer = nullptr;
    QDateTime m_lastTouch;
    QString m_storeProblem;
    int m_failures = 0;        // failed writes in a row
    qint64 m_ownRevision = 0;  // the newest revision this keeper wrote itself
    bool m_dirty = true;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::AlarmActionResult)
Q_DECLARE_METATYPE(cc::AlarmAction)
