// The status grid's logic without a screen (issue 15): the state a cell shows,
// the carrier read from a SIP server, the groupings, and the wall's headline.

#include "overview/channel_grouping.h"
#include "overview/grid_state.h"
#include "overview/problem_headline.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {

ChannelHealth up(const QString &id, const QString &name, const QString &sipServer = {})
{
    ChannelHealth h;
    h.id = id;
    h.name = name;
    h.tenantStatus = ChannelStatus::Healthy;
    h.health = HealthState::Up;
    h.latencyMs = 40.0;
    h.sipServer = sipServer;
    return h;
}

QStringList namesOf(const QList<ChannelHealth> &channels, const ChannelGroup &group)
{
    QStringList names;
    for (int i : group.members)
        names.append(channels.at(i).name);
    return names;
}

} // namespace

TEST(GridState, FailoverInForceWinsOverTheDownThatCausedIt)
{
    ChannelHealth h = up(QStringLiteral("a"), QStringLiteral("a"));
    h.health = HealthState::Down;
    EXPECT_EQ(gridStateOf(h), GridState::Down);
    h.routedVia = QStringLiteral("b");
    EXPECT_EQ(gridStateOf(h), GridState::FailedOver);
}

TEST(GridState, ReadingsTheMonitorHasNotYetJudgedAreNotUp)
{
    // The first cycles after connecting: readings, but no verdict yet.
    ChannelHealth h = up(QStringLiteral("a"), QStringLiteral("a"));
    h.health = HealthState::Unknown;
    EXPECT_EQ(gridStateOf(h), GridState::NoData);
    h.health = HealthState::Up;
    EXPECT_EQ(gridStateOf(h), GridState::Up);
}

TEST(GridState, EachStateFromTheMonitorsRow)
{
    ChannelHealth h = up(QStringLiteral("a"), QStringLiteral("a"));
    EXPECT_EQ(gridStateOf(h), GridState::Up);
    h.tenantStatus = ChannelStatus::Degraded;
    EXPECT_EQ(gridStateOf(h), GridState::Degraded);
    h.tenantStatus = ChannelStatus::Unhealthy;
    EXPECT_EQ(gridStateOf(h), GridState::Down);
    h.tenantStatus = ChannelStatus::Healthy;
    h.failoverPaused = true;
    EXPECT_EQ(gridStateOf(h), GridState::Paused);
    h.failoverPaused = false;
    h.latencyMs.reset();
    EXPECT_EQ(gridStateOf(h), GridState::NoData);
    EXPECT_GT(gridStateRank(GridState::Down), gridStateRank(GridState::Degraded));
    EXPECT_EQ(gridStateRank(GridState::Up), 0);
}

TEST(Carrier, IsTheDomainOfTheSipServer)
{
    EXPECT_EQ(carrierOf(QStringLiteral("sip-01.carrier-provider.net")), QStringLiteral("carrier-provider.net"));
    EXPECT_EQ(carrierOf(QStringLiteral("sip:trunk@SBC.Voxnet-Carrier.com:5061;transport=tls")), QStringLiteral("voxnet-carrier.com"));
    EXPECT_EQ(carrierOf(QStringLiteral("sips:edge.bt-voice.co.uk.")), QStringLiteral("bt-voice.co.uk"));
    EXPECT_EQ(carrierOf(QStringLiteral("203.0.113.7:5060")), QStringLiteral("203.0.113.7"));
    EXPECT_EQ(carrierOf(QStringLiteral("[2001:db8::1]:5060")), QStringLiteral("2001:db8::1"));
    EXPECT_EQ(carrierOf(QStringLiteral("localhost")), QStringLiteral("localhost"));
    EXPECT_EQ(carrierOf(QString()), QString());
}

TEST(Grouping, ByCarrierGathersTrunksOfOneDomainInNameOrder)
{
    const QList<ChannelHealth> channels{up(QStringLiteral("1"), QStringLiteral("zeta"), QStringLiteral("a.one.net")),
                                        up(QStringLiteral("2"), QStringLiteral("alpha"), QStringLiteral("b.two.net")),
                                        up(QStringLiteral("3"), QStringLiteral("beta"), QStringLiteral("c.one.net"))};
    const QList<ChannelGroup> groups = groupChannels(channels, GridGrouping::Carrier);
    ASSERT_EQ(groups.size(), 2);
    EXPECT_EQ(groups.at(0).title, QStringLiteral("one.net"));
    EXPECT_EQ(namesOf(channels, groups.at(0)), (QStringList{QStringLiteral("beta"), QStringLiteral("zeta")}));
    EXPECT_EQ(namesOf(channels, groups.at(1)), QStringList{QStringLiteral("alpha")});
}

TEST(Grouping, FailoverGroupIsTheSharedFirstBackupWithItsPrimaries)
{
    QList<ChannelHealth> channels{up(QStringLiteral("p1"), QStringLiteral("east-1")),
                                  up(QStringLiteral("p2"), QStringLiteral("east-2")),
                                  up(QStringLiteral("b1"), QStringLiteral("backup-east")),
                                  up(QStringLiteral("p3"), QStringLiteral("west-1")),
                                  up(QStringLiteral("b2"), QStringLiteral("backup-west")),
                                  up(QStringLiteral("x"), QStringLiteral("lonely"))};
    channels[0].failoverChannels = {QStringLiteral("b1"), QStringLiteral("b2")};   // a second backup elsewhere
    channels[1].failoverChannels = {QStringLiteral("b1")};
    channels[3].failoverChannels = {QStringLiteral("b2")};
    const QList<ChannelGroup> groups = groupChannels(channels, GridGrouping::FailoverGroup);
    ASSERT_EQ(groups.size(), 3);
    EXPECT_EQ(groups.at(0).key, QStringLiteral("b1"));
    EXPECT_EQ(namesOf(channels, groups.at(0)),
              (QStringList{QStringLiteral("east-1"), QStringLiteral("east-2"), QStringLiteral("backup-east")}));
    EXPECT_EQ(namesOf(channels, groups.at(1)), (QStringList{QStringLiteral("west-1"), QStringLiteral("backup-west")}));
    EXPECT_EQ(groups.at(2).key, QString());
    EXPECT_EQ(namesOf(channels, groups.at(2)), QStringList{QStringLiteral("lonely")});
}

TEST(Grouping, ByStatusPutsTheWorstFirstAndNoneKeepsNameOrderWhateverTheState)
{
    QList<ChannelHealth> channels{up(QStringLiteral("1"), QStringLiteral("c")), up(QStringLiteral("2"), QStringLiteral("a")),
                                  up(QStringLiteral("3"), QStringLiteral("b"))};
    channels[0].health = HealthState::Down;
    const QList<ChannelGroup> byStatus = groupChannels(channels, GridGrouping::Status);
    ASSERT_EQ(byStatus.size(), 2);
    EXPECT_EQ(byStatus.at(0).key, QStringLiteral("down"));
    EXPECT_EQ(namesOf(channels, byStatus.at(0)), QStringList{QStringLiteral("c")});
    const QList<ChannelGroup> none = groupChannels(channels, GridGrouping::None);
    ASSERT_EQ(none.size(), 1);
    EXPECT_EQ(namesOf(channels, none.at(0)), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    channels[0].health = HealthState::Up;
    EXPECT_EQ(groupChannels(channels, GridGrouping::None).at(0).members, none.at(0).members);
}

TEST(ProblemHeadline, CountsProblemsWorstFirstAndMakesRoomForAlarms)
{
    MonitorSnapshot snapshot;
    for (int i = 0; i < 10; ++i)
        snapshot.channels.append(up(QString::number(i), QString::number(i)));
    snapshot.channels[0].health = HealthState::Down;
    snapshot.channels[1].health = HealthState::Down;
    snapshot.channels[2].routedVia = QStringLiteral("9");
    ProblemHeadline headline = ProblemHeadline::fromSnapshot(snapshot);
    EXPECT_EQ(headline.text(), QStringLiteral("2 down · 1 failed over"));
    headline.alarmsUnacknowledged = 3;
    EXPECT_EQ(headline.text(), QStringLiteral("2 down · 1 failed over · 3 alarms unacknowledged"));

    MonitorSnapshot calm;
    calm.channels.append(up(QStringLiteral("a"), QStringLiteral("a")));
    calm.channels.append(up(QStringLiteral("b"), QStringLiteral("b")));
    EXPECT_TRUE(ProblemHeadline::fromSnapshot(calm).allWell());
    EXPECT_EQ(ProblemHeadline::fromSnapshot(calm).text(), QStringLiteral("All 2 channels up"));
}
