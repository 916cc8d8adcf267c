// SipProbeService: the schedule spreads probes over the interval, verdicts move
// with Kamailio's thresholds against a real responder on loopback, and target
// lists can change under it.

#include "common/manual_clock.h"
#include "sip_test_util.h"

#include "sip/sip_codec.h"
#include "sip/sip_probe_service.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QUdpSocket>

#include <gtest/gtest.h>

using cc::ProbeHealth;
using cc::SipProbeService;
using cc::SipProbeTarget;

namespace {

// Answers every OPTIONS 200 while `answering`, and notes when each arrived.
class Responder final : public QObject
{
public:
    Responder()
    {
        m_clock.start();
        open(0);
    }
    void open(quint16 port)
    {
        m_socket = std::make_unique<QUdpSocket>();
        m_socket->bind(QHostAddress::LocalHost, port);
        m_port = m_socket->localPort();
        connect(m_socket.get(), &QUdpSocket::readyRead, this, [this] {
            while (m_socket->hasPendingDatagrams()) {
                const QNetworkDatagram datagram = m_socket->receiveDatagram();
                m_arrivalsMs.append(m_clock.elapsed());
                m_socket->writeDatagram(cc::SipCodec::buildResponse(datagram.data(), 200, QStringLiteral("OK"), QStringLiteral("t"), QString()),
                                        datagram.senderAddress(), static_cast<quint16>(datagram.senderPort()));
            }
        });
    }
    void close() { m_socket.reset(); }
    quint16 port() const { return m_port; }
    QList<qint64> m_arrivalsMs;

private:
    std::unique_ptr<QUdpSocket> m_socket;
    quint16 m_port = 0;
    QElapsedTimer m_clock;
};

QList<SipProbeTarget> targets(int count, quint16 port, int intervalMs)
{
    QList<SipProbeTarget> list;
    for (int i = 0; i < count; ++i)
        list.append({QStringLiteral("ch_%1").arg(i), QStringLiteral("sip:t%1@127.0.0.1:%2").arg(i).arg(port), intervalMs, 150});
    return list;
}

} // namespace

TEST(SipProbeService, SpreadsEachCadenceEvenlyOverItsInterval)
{
    Responder responder;
    SipProbeService service;
    ASSERT_TRUE(service.setTargets(targets(20, responder.port(), 1000)).isEmpty());
    ASSERT_TRUE(service.start());
    ASSERT_TRUE(cc::test::waitUntil([&responder] { return responder.m_arrivalsMs.size() >= 20; }));
    const QList<qint64> first = responder.m_arrivalsMs.mid(0, 20);
    // 20 probes at even spots of one second: 50 ms apart, never a burst.
    EXPECT_GE(first.last() - first.first(), 850);
    for (int i = 1; i < first.size(); ++i)
        EXPECT_GE(first.at(i) - first.at(i - 1), 30) << "probe " << i;
    EXPECT_EQ(service.scheduleStats().missedIntervals, 0);
}

TEST(SipProbeService, VerdictFollowsThresholdsAgainstARealResponder)
{
    Responder responder;
    auto clock = std::make_shared<cc::ManualClock>();
    SipProbeService service({}, {}, clock);
    QList<std::pair<ProbeHealth, ProbeHealth>> changes;
    QObject::connect(&service, &SipProbeService::healthChanged, &service,
                     [&changes](const QString &, ProbeHealth from, ProbeHealth to, const cc::SipProbeResult &) {
                         changes.append({from, to});
                     });
    QList<cc::SipProbeReport> reports;
    QObject::connect(&service, &SipProbeService::probed, &service,
                     [&reports](const cc::SipProbeReport &report) { reports.append(report); });
    service.setTargets(targets(1, responder.port(), 200));
    ASSERT_TRUE(service.start());
    ASSERT_TRUE(cc::test::waitUntil([&changes] { return changes.size() == 1; }));
    EXPECT_EQ(changes.first(), std::make_pair(ProbeHealth::Unknown, ProbeHealth::Up));
    EXPECT_EQ(reports.size(), 3) << "up after the third accepted answer";
    EXPECT_EQ(service.status(QStringLiteral("ch_0"))->since, clock->nowUtc());

    responder.close();   // nothing listens: ICMP port unreachable, three in a row
    ASSERT_TRUE(cc::test::waitUntil([&changes] { return changes.size() == 2; }));
    EXPECT_EQ(changes.last(), std::make_pair(ProbeHealth::Up, ProbeHealth::Down));
    EXPECT_EQ(reports.last().result.outcome, cc::SipProbeOutcome::Refused);
    EXPECT_EQ(service.status(QStringLiteral("ch_0"))->failureRun, 3);

    responder.open(responder.port());
    ASSERT_TRUE(cc::test::waitUntil([&changes] { return changes.size() == 3; }));
    EXPECT_EQ(changes.last(), std::make_pair(ProbeHealth::Down, ProbeHealth::Up));
    const cc::SipProbeStatus status = *service.status(QStringLiteral("ch_0"));
    EXPECT_GE(status.rtt.answers(), 6);
    EXPECT_GT(status.rtt.maxMs(), 0.0);
    EXPECT_EQ(status.toJson().value(QStringLiteral("health")).toString(), QStringLiteral("up"));
    service.stop();
    EXPECT_EQ(service.prober()->inFlight(), 0);
}

TEST(SipProbeService, SetTargetsKeepsStateOfKeptIdsAndRefusesBadOnes)
{
    Responder responder;
    SipProbeService service;
    service.setTargets(targets(2, responder.port(), 200));
    ASSERT_TRUE(service.start());
    ASSERT_TRUE(cc::test::waitUntil([&service] {
        return service.status(QStringLiteral("ch_0"))->health == ProbeHealth::Up;
    }));
    QList<SipProbeTarget> next = targets(1, responder.port(), 300);
    next.append({QStringLiteral("ch_0"), QStringLiteral("sip:elsewhere:5060"), 300, 100});
    next.append({QStringLiteral("ch_bad"), QStringLiteral("http://no"), 300, 100});
    next.append({QString(), QStringLiteral("sip:x:5060"), 300, 100});
    const QStringList problems = service.setTargets(next);
    ASSERT_EQ(problems.size(), 3) << problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(problems.at(0).contains(QStringLiteral("ch_0 is listed twice")));
    EXPECT_TRUE(problems.at(1).startsWith(QStringLiteral("ch_bad:")));
    EXPECT_EQ(service.targetCount(), 1);
    EXPECT_EQ(service.status(QStringLiteral("ch_0"))->health, ProbeHealth::Up);
    EXPECT_FALSE(service.status(QStringLiteral("ch_1")));
    EXPECT_EQ(service.status(QStringLiteral("ch_0"))->target.intervalMs, 300);
    EXPECT_LE(service.status(QStringLiteral("ch_0"))->target.timeoutMs, 270) << "a probe ends before its next is due";
}
