// What a console does about a monitor service on its tenant, from what it
// sees of the lease: defer while a service leads, say so when its lease lapses
// and keep deferring until the operator resumes, defer again when a service
// leads again; not knowing changes nothing. And the console's audit bridge
// records only the operator's own actions while it defers.

#include "audit/audit_log.h"
#include "audit/monitor_audit_bridge.h"
#include "audit/service_lease_follower.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;

namespace {

LeaseObservation held(const QString &holder, qint64 term)
{
    LeaseObservation o;
    o.state = LeaseObservation::State::Held;
    o.holder = holder;
    o.term = term;
    o.leaderSince = QDateTime::currentDateTimeUtc().addSecs(-60);
    o.expiresAt = QDateTime::currentDateTimeUtc().addSecs(10);
    return o;
}

LeaseObservation lapsed(const QString &holder, qint64 term)
{
    LeaseObservation o = held(holder, term);
    o.state = LeaseObservation::State::Lapsed;
    o.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    return o;
}

LeaseObservation unknown()
{
    LeaseObservation o;
    o.error = QStringLiteral("could not connect");
    return o;
}

} // namespace

TEST(ServiceLeaseFollower, ActsAloneWhenNoServiceEverLed)
{
    ServiceLeaseFollower follower;
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Deferring) << "nothing acts before the lease was read";
    LeaseObservation none;
    none.state = LeaseObservation::State::None;
    const ServiceLeaseFollower::Change change = follower.observe(none);
    EXPECT_FALSE(change.startedDeferring);
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Acting);
    EXPECT_TRUE(follower.statusText().isEmpty());
    follower.observe(unknown());
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Acting) << "not knowing is no reason to stop";
}

TEST(ServiceLeaseFollower, DefersWhileAServiceLeadsAndNamesItsHost)
{
    ServiceLeaseFollower follower;
    const ServiceLeaseFollower::Change change = follower.observe(held(QStringLiteral("noc-1:4242:a1b2c3d4"), 3));
    EXPECT_TRUE(change.startedDeferring);
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Deferring);
    EXPECT_TRUE(follower.statusText().startsWith(QLatin1String("Automatic failover by the service on noc-1 (leader since ")))
        << follower.statusText().toStdString();
    EXPECT_FALSE(follower.observe(held(QStringLiteral("noc-1:4242:a1b2c3d4"), 3)).startedDeferring) << "said once";
}

TEST(ServiceLeaseFollower, SaysWhenTheServicesLeaseLapsesAndKeepsDeferringUntilResumed)
{
    ServiceLeaseFollower follower;
    follower.observe(held(QStringLiteral("noc-1:4242:a1b2c3d4"), 3));
    const ServiceLeaseFollower::Change change = follower.observe(lapsed(QStringLiteral("noc-1:4242:a1b2c3d4"), 3));
    EXPECT_TRUE(change.serviceLapsed);
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Deferring) << "no silent take-over";
    EXPECT_TRUE(follower.statusText().contains(QLatin1String("stopped leading"))) << follower.statusText().toStdString();
    EXPECT_TRUE(follower.statusText().contains(QLatin1String("until you resume it here")));
    EXPECT_FALSE(follower.observe(lapsed(QStringLiteral("noc-1:4242:a1b2c3d4"), 3)).serviceLapsed) << "said once";
    follower.observe(unknown());
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Deferring);

    follower.resume();
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Acting);
    EXPECT_TRUE(follower.statusText().contains(QLatin1String("this console fails over by itself")));
}

TEST(ServiceLeaseFollower, DefersAgainWhenAServiceLeadsAgainAfterTheOperatorResumed)
{
    ServiceLeaseFollower follower;
    follower.observe(held(QStringLiteral("noc-1:1:aaaa"), 3));
    follower.observe(lapsed(QStringLiteral("noc-1:1:aaaa"), 3));
    follower.resume();
    const ServiceLeaseFollower::Change change = follower.observe(held(QStringLiteral("noc-2:7:bbbb"), 4));
    EXPECT_TRUE(change.startedDeferring);
    EXPECT_TRUE(change.serviceReturned);
    EXPECT_EQ(follower.stance(), ServiceLeaseFollower::Stance::Deferring);
    EXPECT_TRUE(follower.statusText().contains(QLatin1String("service on noc-2")));
}

TEST(MonitorAuditBridgeWatching, RecordsOnlyTheOperatorsActionsWhileTheConsoleDefers)
{
    QTemporaryDir dir;
    AuditLog log;
    ASSERT_TRUE(log.open(dir.filePath(QStringLiteral("audit.sqlite"))));
    MonitorAuditBridge bridge(&log, nullptr, QStringLiteral("tenant"));
    QSignalSpy committed(&log, &AuditLog::committed);
    bridge.setRecordsObservations(false);
    MonitorEvent seen;
    seen.type = QStringLiteral("health_state_changed");
    seen.channelId = QStringLiteral("ch_1");
    seen.source = EventSource::Automatic;
    seen.time = QDateTime::currentDateTimeUtc();
    bridge.recordEvent(seen);
    MonitorEvent done = seen;
    done.type = QStringLiteral("failover_done");
    done.source = EventSource::Manual;
    bridge.recordEvent(done);
    // Entries commit in order: had the observation been recorded, it would come first.
    ASSERT_TRUE(committed.count() > 0 || committed.wait(10000));
    EXPECT_EQ(committed.at(0).at(1).value<AuditEntry>().eventType, QStringLiteral("failover_done"));
    bridge.setRecordsObservations(true);
    bridge.recordEvent(seen);
    ASSERT_TRUE(committed.count() > 1 || committed.wait(10000));
    EXPECT_EQ(committed.at(1).at(1).value<AuditEntry>().eventType, QStringLiteral("health_state_changed"));
}
