#pragma once
// The alarms of one tenant as the program running its monitor keeps them (the
// console's window, `cxonectl monitor`): fed the monitor's snapshots, it judges
// and stores them on a thread of its own (AlarmKeeperWorker), so the owner's
// thread never waits on the disk or the database. Acknowledge, shelve and
// unshelve return at once; their outcome comes in actionFinished(). The
// current alarms come in alarmsChanged() after every change, including those
// other processes make (an acknowledgement from `cxonectl alarms ack`).
//
//   connect(monitor, &Monitor::snapshotReady, keeper, &AlarmKeeper::observeSnapshot);
//
// The thread is held as Monitor holds its own: a unique_ptr whose deleter
// quits and waits; the worker is deleted on the thread's finished().

#include "alarms/alarm_keeper_worker.h"

#include "common/owned_thread.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace cc {

class AlarmKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmKeeper)

public:
    // `clock` null: the system clock (tests hand in a fake one).
    explicit AlarmKeeper(const AlarmKeeperOptions &options, QObject *parent = nullptr, const Clock *clock = nullptr);
    // Closes the store on the worker's thread, then stops it.
    ~AlarmKeeper() override;

    // Opens the store and reads the tenant's alarms (on the worker's thread); alarmsChanged() follows.
    void start();
    void observeSnapshot(const cc::MonitorSnapshotPtr &snapshot);
    // False while another process keeps the tenant's alarms (a monitor service
    // holding the lease): snapshots are then not judged here, so each alarm is
    // raised and cleared once, by that process; this keeper follows the store
    // and still takes a person's acknowledgements and shelves.
    void setJudging(bool judging);
    bool isJudging() const { return m_judging; }
    // Details added to every entry this keeper's judging writes (a lease's
    // fencing token, while the writer leads: lease_term, lease_holder).
    void setWriterDetails(const QJsonObject &details);
    void setRules(const AlarmRuleSettings &rules);

    // Each returns a request number that actionFinished() names.
    quint64 acknowledge(qint64 number, const QString &comment);
    quint64 shelve(qint64 number, const QDateTime &until, const QString &reason);
    quint64 unshelve(qint64 number);

    // The last set published (null before the first).
    AlarmSetPtr current() const { return m_current; }
    // The store's problem in words (empty while it works).
    QString storeProblem() const { return m_storeProblem; }
    QString tenantKey() const { return m_options.tenantKey; }

    static void registerMetaTypes();

signals:
    void alarmsChanged(const cc::AlarmSetPtr &set);
    void actionFinished(quint64 request, const cc::AlarmActionResult &result);
    void storeProblemChanged(const QString &error);
    // Audit entries reached the store (AuditLog::announceCommitted takes it).
    void auditWritten(qint64 lastSequence);

private:
    quint64 post(AlarmAction action, qint64 number, const QString &note, const QDateTime &until);

    AlarmKeeperOptions m_options;
    OwnedThread m_thread;
    AlarmKeeperWorker *m_worker = nullptr;   // lives in m_thread; deleted on its finished()
    AlarmSetPtr m_current;
    QString m_storeProblem;
    quint64 m_nextRequest = 1;
    bool m_judging = true;
};

} // namespace cc
