// Faults between the leader and the database, with processes: the leader
// (`cxonectl monitor --leader-lease`) reaches PostgreSQL through a TCP proxy
// the test controls (tests/support/tcp_fault_proxy.h), the standby directly.
// The proxy slows every packet past the lease's deadlines, or cuts the link
// without a reset (a blackhole). Whatever the fault, the leader stops acting
// before its lease can have passed by the database's clock, the standby takes
// over only after it has, one routing change is made once, and every entry the
// cut-off leader made waited in its local spool and is in the shared trail
// once after the link is back, the chain intact. A person's change through
// cxonectl is refused while the shared trail cannot take its entry.

#include "cxonectl_run.h"
#include "lease_test_fixture.h"
#include "tcp_fault_proxy.h"

#include <QElapsedTimer>
#include <QTest>

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <memory>

using namespace cc;
using cc::test::MonitorProcess;
using cc::test::kLeaseSeconds;

namespace {

QDateTime isoTime(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

class LeaderLeaseFaults : public cc::test::LeaderLeaseCli
{
protected:
    void SetUp() override
    {
        LeaderLeaseCli::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_NO_FATAL_FAILURE(startProxy());
    }

    // The leader (through the proxy) meets `fault`; the standby (direct) must
    // take over once, after the leader stopped, and nothing is lost or doubled.
    void leaderLosesTheDatabase(const char *what, const std::function<void()> &fault)
    {
        MonitorProcess a;
        MonitorProcess b;
        ASSERT_NO_FATAL_FAILURE(startLeaderAndStandby(a, b, m_proxiedUrl));

        QElapsedTimer sinceFault;
        const QDateTime faultAt = QDateTime::currentDateTimeUtc();
        fault();
        sinceFault.start();
        // Until its lease can have run out the leader may still act (its lease
        // is valid); then it stands down by its own clock.
        ASSERT_TRUE(QTest::qWaitFor([&] { return a.role() == QLatin1String("standby"); }, kLeaseSeconds * 1000 + 5000))
            << a.out.constData() << a.errors().constData();
        const qint64 standDownMs = sinceFault.elapsed();
        // The trunk goes down while the old leader is cut off: only the new one may act.
        holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
        ASSERT_TRUE(QTest::qWaitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
        const qint64 takeoverMs = sinceFault.elapsed();
        ASSERT_TRUE(QTest::qWaitFor([&] { return patches() >= 1; }, 30000)) << b.out.constData();
        EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 1; }, 4000)) << "two monitors changed the routing";
        EXPECT_EQ(a.count(QStringLiteral("failover_done")), 0) << a.out.constData();
        EXPECT_EQ(b.count(QStringLiteral("failover_done")), 1) << b.out.constData();

        // The cut-off leader's last moment to act (its own clock) came before
        // the standby's start (the database's clock, once the lease had run out).
        const QDateTime actedUntil = isoTime(a.last(QStringLiteral("standby")).value(QStringLiteral("acted_until")));
        const QDateTime takeover = isoTime(b.last(QStringLiteral("leader")).value(QStringLiteral("since")));
        ASSERT_TRUE(actedUntil.isValid()) << a.out.constData();
        ASSERT_TRUE(takeover.isValid()) << b.out.constData();
        EXPECT_LT(actedUntil, takeover);
        std::printf("%s: the leader stood down %lld ms after the fault; it could act until %s, the standby leads since "
                    "%s by the database's clock (%lld ms later), %lld ms after the fault\n",
                    what, static_cast<long long>(standDownMs), qPrintable(actedUntil.toString(Qt::ISODateWithMs)),
                    qPrintable(takeover.toString(Qt::ISODateWithMs)),
                    static_cast<long long>(actedUntil.msecsTo(takeover)), static_cast<long long>(takeoverMs));

        // What the old leader recorded while cut off (at least the trunk going
        // down, which it watched) could only wait in its spool.
        int madeDuringFault = 0;
        for (const QJsonObject &line : a.lines())
            madeDuringFault += line.value(QStringLiteral("channel_id")).isString()
                    && QDateTime::fromString(line.value(QStringLiteral("time")).toString(), Qt::ISODate) >= faultAt.addSecs(-1)
                ? 1
                : 0;
        EXPECT_GT(madeDuringFault, 0) << a.out.constData();

        // The link comes back: the old leader stays standby and acts never
        // again; what it recorded meanwhile leaves its spool for the trail.
        m_proxy->pass();
        EXPECT_FALSE(QTest::qWaitFor([&] { return patches() > 1 || a.role() == QLatin1String("leader"); }, 4000))
            << a.out.constData();
        a.process->terminate();
        b.process->terminate();
        ASSERT_TRUE(a.process->waitForFinished(30000));
        ASSERT_TRUE(b.process->waitForFinished(30000));
        EXPECT_EQ(a.process->exitCode(), 0) << a.errors().constData();
        expectEveryRecordedEventOnce(a);
        expectEveryRecordedEventOnce(b);
        EXPECT_TRUE(chainIntact());
        EXPECT_EQ(patches(), 1);
    }

};

} // namespace

TEST_F(LeaderLeaseFaults, ASlowDatabaseMakesTheLeaderStandDownBeforeItsLeaseEndsAndTheStandbyActsOnce)
{
    // Three seconds each way: a renewal cannot come back within its deadline (lease/3).
    leaderLosesTheDatabase("slow database (3 s each way)", [this] { m_proxy->delay(3000); });
}

TEST_F(LeaderLeaseFaults, ACutLinkToTheDatabaseMakesTheLeaderStandDownAndNothingIsLostOrDoubled)
{
    // No reset, no close: packets vanish, as on a cut link. Only the deadlines notice.
    leaderLosesTheDatabase("cut link (blackhole)", [this] { m_proxy->blackhole(); });
}

TEST_F(LeaderLeaseFaults, AFailoverByHandIsRefusedWhileTheSharedTrailCannotTakeItsEntry)
{
    QTemporaryDir home;
    QProcessEnvironment env = m_sim->clientEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    const auto failover = [&] {
        QProcess cli;
        cli.setProcessEnvironment(env);
        cli.start(cc::test::cxonectlBinary(),
                  {QStringLiteral("--audit-db"), m_proxiedUrl, QStringLiteral("failover"), m_ids.at(0)});
        EXPECT_TRUE(cli.waitForFinished(60000));
        return std::make_pair(cli.exitCode(), QString::fromUtf8(cli.readAllStandardError()));
    };

    m_proxy->refuse();   // the shared database is away
    const auto [refusedCode, refusedErr] = failover();
    EXPECT_EQ(refusedCode, 14) << refusedErr.toStdString();
    EXPECT_TRUE(refusedErr.contains(QLatin1String("not sent, because its audit entry could not be stored first")))
        << refusedErr.toStdString();
    EXPECT_TRUE(refusedErr.contains(QStringLiteral("127.0.0.1:%1").arg(m_proxy->port()))) << refusedErr.toStdString();
    EXPECT_EQ(patches(), 0) << "nothing reached the tenant";
    EXPECT_TRUE(entries().isEmpty());

    m_proxy->pass();
    const auto [code, err] = failover();
    EXPECT_EQ(code, 0) << err.toStdString();
    EXPECT_EQ(patches(), 1);
    // A failover by hand leaves the engine's two entries, as in the console.
    const QList<AuditEntry> trail = entries();
    ASSERT_EQ(trail.size(), 2);
    EXPECT_EQ(trail.constFirst().eventType, QStringLiteral("failover_started"));
    EXPECT_EQ(trail.constLast().eventType, QStringLiteral("failover_done"));
    for (const AuditEntry &entry : trail) {
        EXPECT_EQ(entry.channelId, m_ids.at(0));
        EXPECT_EQ(entry.source, EventSource::Manual);
    }
    EXPECT_TRUE(chainIntact());
}
