#pragma once
// What the leader-lease tests share: a simulated tenant (cxone-sim, its own
// process, six trunks held healthy), a database of the test's own on the
// tests' PostgreSQL, `cxonectl monitor --leader-lease` processes (each with a
// data folder of its own, as on hosts of their own, so each has its own local
// spool), the tenant's request log to count PATCHes, and the shared trail read
// back.

#include "postgres_environment.h"
#include "sim_process.h"

#include "audit/audit_entry.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace cc::test {

constexpr int kLeaseSeconds = 6;


// A monitor process and what it printed so far (one JSON object a line).
struct MonitorProcess
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QTemporaryDir dataHome;   // its XDG_DATA_HOME: its own spool
    QByteArray out;
    QByteArray err;

    ~MonitorProcess();
    QList<QJsonObject> lines();
    // The last "leader"/"standby" line's type, empty before the first.
    QString role();
    int count(const QString &type);
    // The last line of this type (empty when none).
    QJsonObject last(const QString &type);
    // Its own holder id ("self" of its leader and standby lines).
    QString holder();
    QByteArray errors();
};

class LeaderLeaseCli : public PostgresDatabaseTest
{
protected:
    LeaderLeaseCli() : PostgresDatabaseTest(QStringLiteral("lease")) {}

    void SetUp() override;
    void TearDown() override;

    void holdStatus(const QString &id, const QString &status);
    // PATCHes of channels the tenant answered 200.
    int patches();
    // `cxonectl --json --audit-db URL monitor --leader-lease ...`; URL empty: the database's own.
    void startMonitor(MonitorProcess &monitor, const QString &url = QString());
    // Starts `leader` (on `leaderUrl`, empty: the database's own) until it leads,
    // then `standby` until it stands by. Call with ASSERT_NO_FATAL_FAILURE.
    void startLeaderAndStandby(MonitorProcess &leader, MonitorProcess &standby, const QString &leaderUrl = QString());
    // A second channel to take down whose failover has nothing to do with the first's.
    QString unrelatedTo(const QString &first) const;
    // The shared trail's entries, oldest first.
    QList<AuditEntry> entries() const;
    bool chainIntact() const;
    // Every event the monitor printed about a channel is in the shared trail
    // exactly once, under its own holder id (lease_holder), with the time it
    // printed. Call after it exited (its spool forwarded).
    void expectEveryRecordedEventOnce(MonitorProcess &monitor);

    std::unique_ptr<SimProcess> m_sim;
    QStringList m_ids;
    QHash<QString, QStringList> m_backups;
};

} // namespace cc::test
