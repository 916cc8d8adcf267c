// Two `cxonectl monitor --leader-lease` processes on one simulated tenant
// (cxone-sim, its own process) and one shared store (the test's PostgreSQL):
// exactly one acts, the standby says so, and after the leader is killed with
// SIGKILL, or paused with SIGSTOP past its lease, the standby takes over within
// the lease; the tenant's request log counts every PATCH, so no routing change
// is ever made twice. Each entry the leader records carries its lease term.

#include "lease_test_fixture.h"

#include "audit/audit_store.h"

#include <QElapsedTimer>
#include <QTest>

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <signal.h>

using namespace cc;
using cc::test::LeaderLeaseCli;
using cc::test::MonitorProcess;
using cc::test::kLeaseSeconds;

TEST_F(LeaderLeaseCli, OneActsAndTheStandbyTakesOverWithinTheLeaseAfterKill9)
{
    MonitorProcess a;
    MonitorProcess b;
    ASSERT_NO_FATAL_FAILURE(startLeaderAndStandby(a, b));

    holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return patches() >= 1; }, 30000));
    // Both watch the channel go down; only the leader changes its routing.
    EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 1; }, 5000)) << "two monitors acted";
    EXPECT_EQ(a.count(QStringLiteral("failover_done")), 1) << a.out.constData();
    EXPECT_EQ(b.count(QStringLiteral("failover_done")), 0) << b.out.constData();

    QElapsedTimer sinceKill;
    a.process->kill();   // SIGKILL: no release, the lease must run out
    sinceKill.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
    const qint64 takeoverMs = sinceKill.elapsed();
    const QString second = unrelatedTo(m_ids.at(0));
    ASSERT_FALSE(second.isEmpty());
    holdStatus(second, QStringLiteral("unhealthy"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return patches() >= 2; }, 30000)) << b.lines().size() << b.out.constData();
    const qint64 firstActionMs = sinceKill.elapsed();
    EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 2; }, 3000));
    EXPECT_EQ(b.count(QStringLiteral("failover_done")), 1) << b.out.constData();
    EXPECT_LE(takeoverMs, kLeaseSeconds * 1000 + 1000);
    std::printf("kill -9 of the leader -> standby leads: %lld ms (lease %d s); -> its first PATCH (channel downed at "
                "takeover, --down-after 2, 1 s cycles): %lld ms\n",
                static_cast<long long>(takeoverMs), kLeaseSeconds, static_cast<long long>(firstActionMs));

    b.process->terminate();
    ASSERT_TRUE(b.process->waitForFinished(15000));
    EXPECT_EQ(b.process->exitCode(), 0);
    // The shared trail: one chain, each failover under its leader's term, the later term higher.
    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
    QList<qint64> terms;
    store.forEach({}, [&terms](const AuditEntry &e) {
        if (e.eventType == QLatin1String("failover_done"))
            terms.append(e.details().value(QStringLiteral("lease_term")).toInteger());
        return true;
    }, &error);
    ASSERT_EQ(terms.size(), 2);
    EXPECT_GE(terms.at(0), 1);
    EXPECT_GT(terms.at(1), terms.at(0));
}

TEST_F(LeaderLeaseCli, ALeaderPausedPastItsLeaseNeverActsAgainAndTheStandbyActsOnce)
{
    MonitorProcess a;
    MonitorProcess b;
    ASSERT_NO_FATAL_FAILURE(startLeaderAndStandby(a, b));

    QElapsedTimer sincePause;
    ::kill(static_cast<pid_t>(a.process->processId()), SIGSTOP);
    sincePause.start();
    holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
    EXPECT_LE(sincePause.elapsed(), kLeaseSeconds * 1000 + 1000);
    ASSERT_TRUE(QTest::qWaitFor([&] { return patches() >= 1; }, 30000)) << b.out.constData();

    // The old leader wakes: its lease has passed by its own clock, it stands by and sends nothing.
    ::kill(static_cast<pid_t>(a.process->processId()), SIGCONT);
    ASSERT_TRUE(QTest::qWaitFor([&] { return a.role() == QLatin1String("standby"); }, 15000)) << a.out.constData();
    EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 1; }, 4000)) << "the paused leader acted after waking";
    EXPECT_EQ(a.count(QStringLiteral("failover_done")), 0) << a.out.constData();
    EXPECT_EQ(b.count(QStringLiteral("failover_done")), 1) << b.out.constData();
}

TEST_F(LeaderLeaseCli, ASigtermStopsTheLeaderCleanlyAndReleasesTheLeaseAtOnce)
{
    MonitorProcess a;
    MonitorProcess b;
    ASSERT_NO_FATAL_FAILURE(startLeaderAndStandby(a, b));
    QElapsedTimer sinceStop;
    a.process->terminate();
    sinceStop.start();
    ASSERT_TRUE(a.process->waitForFinished(15000));
    EXPECT_EQ(a.process->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(a.process->exitCode(), 0);
    EXPECT_EQ(a.count(QStringLiteral("summary")), 1) << a.out.constData();
    // Released, not left to run out: the standby leads at its next attempt (every lease/5).
    ASSERT_TRUE(QTest::qWaitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
    EXPECT_LT(sinceStop.elapsed(), kLeaseSeconds * 1000 / 2);
    std::printf("SIGTERM of the leader -> standby leads: %lld ms (lease %d s)\n", static_cast<long long>(sinceStop.elapsed()),
                kLeaseSeconds);
}

// PostgreSQL crashes (pg_ctl stop -m immediate) under two monitors while a
// channel goes down: no routing change while the lease cannot be confirmed,
// and exactly one leader acting once the database is back.
TEST_F(LeaderLeaseCli, NoRoutingChangeWhileTheDatabaseIsDownAndOneLeaderAfter)
{
    MonitorProcess a;
    MonitorProcess b;
    ASSERT_NO_FATAL_FAILURE(startLeaderAndStandby(a, b));

    ASSERT_TRUE(m_server->stop(QStringLiteral("immediate"))) << m_server->error().toStdString();
    // The leader gives up acting once its lease can have passed by its own clock.
    ASSERT_TRUE(QTest::qWaitFor([&] { return a.role() == QLatin1String("standby"); }, kLeaseSeconds * 1000 + 5000)) << a.out.constData();
    holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
    EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 0; }, 5000)) << "a routing change without a confirmed lease";
    EXPECT_EQ(b.role(), QStringLiteral("standby"));

    ASSERT_TRUE(m_server->start()) << m_server->error().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return a.role() == QLatin1String("leader") || b.role() == QLatin1String("leader"); }, 30000))
        << a.out.constData() << b.out.constData();
    ASSERT_TRUE(QTest::qWaitFor([&] { return patches() >= 1; }, 30000));
    EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 1; }, 4000)) << "two monitors acted";
    EXPECT_NE(a.role(), b.role()) << "exactly one leader";
    EXPECT_EQ(a.count(QStringLiteral("failover_done")) + b.count(QStringLiteral("failover_done")), 1);

    // What each monitor recorded while the database was down waited in its
    // spool and is in the shared trail now, once, with the time it was made.
    a.process->terminate();
    b.process->terminate();
    ASSERT_TRUE(a.process->waitForFinished(30000));
    ASSERT_TRUE(b.process->waitForFinished(30000));
    expectEveryRecordedEventOnce(a);
    expectEveryRecordedEventOnce(b);
    EXPECT_TRUE(chainIntact());
}
