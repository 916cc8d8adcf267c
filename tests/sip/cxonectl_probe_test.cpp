// `cxonectl probe` as a process: against SIPp (200, 503, silence over UDP and
// TCP, each with its exit code), nothing listening, a malformed URI, and the
// simulated tenant's responders through the map cxone-sim writes.

#include "cxonectl_run.h"
#include "sim_process.h"
#include "sip_test_util.h"
#include "sipp_peer.h"
#include "sipp_test.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using cc::SipTransport;

namespace {

using cc::test::CliRun;

CliRun cxonectl(const QStringList &arguments)
{
    return cc::test::runCxonectl(arguments);
}

class CxonectlProbeSipp : public cc::test::SippTest
{
protected:
    // `cxonectl probe` of SIPp playing `scenario`, with `options` after the URI.
    CliRun probeOf(const QString &scenario, const QStringList &options = {})
    {
        if (!startSipp(scenario))
            return CliRun{};
        return cxonectl(QStringList{QStringLiteral("probe"), sipp.uri()} + options);
    }
};

} // namespace

TEST_P(CxonectlProbeSipp, TwoHundredIsUpAndExitsZero)
{
    const CliRun run = probeOf(QStringLiteral("options_200.xml"), {QStringLiteral("--count"), QStringLiteral("2")});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral(" probe 1: 200 OK in "))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral(" probe 2: 200 OK in "))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("2 probes, 2 answered, rtt min/avg/max ")));
    EXPECT_TRUE(run.out.endsWith(QStringLiteral("up: 200 OK\n"))) << run.out.toStdString();
}

TEST_P(CxonectlProbeSipp, FiveOhThreeExitsNineNamingTheCode)
{
    const CliRun run = probeOf(QStringLiteral("options_503.xml"));
    EXPECT_EQ(run.exitCode, 9) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("down: answered 503 Service Unavailable, which does not count as up")))
        << run.out.toStdString();
    // The same answer counts when the operator says so, as ds_ping_reply_codes does.
    const CliRun accepted = cxonectl({QStringLiteral("probe"), sipp.uri(), QStringLiteral("--accept-codes"), QStringLiteral("code=503")});
    EXPECT_EQ(accepted.exitCode, 0) << accepted.out.toStdString();
}

TEST_P(CxonectlProbeSipp, SilenceExitsTenNamingTheTimeout)
{
    const CliRun run = probeOf(QStringLiteral("options_silent.xml"), {QStringLiteral("--timeout"), QStringLiteral("1.5")});
    EXPECT_EQ(run.exitCode, 10) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("down: no answer within 1.5 s"))) << run.out.toStdString();
}

TEST_P(CxonectlProbeSipp, JsonCarriesEachProbeAndTheVerdict)
{
    const CliRun run = probeOf(QStringLiteral("options_503.xml"), {QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 9);
    const QJsonObject object = QJsonDocument::fromJson(run.out.toUtf8()).object();
    EXPECT_EQ(object.value(QStringLiteral("exit_code")).toInt(), 9);
    EXPECT_FALSE(object.value(QStringLiteral("up")).toBool());
    const QJsonObject probe = object.value(QStringLiteral("probes")).toArray().at(0).toObject();
    EXPECT_EQ(probe.value(QStringLiteral("code")).toInt(), 503);
    EXPECT_EQ(probe.value(QStringLiteral("reason")).toString(), QStringLiteral("Service Unavailable"));
    EXPECT_GT(probe.value(QStringLiteral("rtt_ms")).toDouble(), 0.0);
    EXPECT_EQ(probe.value(QStringLiteral("transport")).toString(), GetParam() == SipTransport::Tcp ? QStringLiteral("tcp") : QStringLiteral("udp"));
}

INSTANTIATE_TEST_SUITE_P(Transports, CxonectlProbeSipp, ::testing::Values(SipTransport::Udp, SipTransport::Tcp),
                         [](const ::testing::TestParamInfo<SipTransport> &info) {
                             return info.param == SipTransport::Udp ? std::string("Udp") : std::string("Tcp");
                         });

TEST(CxonectlProbe, NothingListeningExitsElevenSayingSo)
{
    const quint16 port = cc::test::freeLoopbackPort();
    const CliRun run = cxonectl({QStringLiteral("probe"), QStringLiteral("sip:127.0.0.1:%1").arg(port)});
    EXPECT_EQ(run.exitCode, 11) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("down: nothing listens on 127.0.0.1:%1").arg(port))) << run.out.toStdString();
}

TEST(CxonectlProbe, UnresolvableNameExitsElevenAsDownDns)
{
    const CliRun run = cxonectl({QStringLiteral("probe"), QStringLiteral("sip:sbc.carrier.invalid:5060")});
    EXPECT_EQ(run.exitCode, 11);
    EXPECT_TRUE(run.out.contains(QStringLiteral("down: DNS: sbc.carrier.invalid"))) << run.out.toStdString();
}

TEST(CxonectlProbe, MalformedUriAndBadOptionsExitTwo)
{
    for (const QStringList &arguments : {QStringList{QStringLiteral("probe"), QStringLiteral("http://x")},
                                         QStringList{QStringLiteral("probe"), QStringLiteral("sip:host:99999")},
                                         QStringList{QStringLiteral("probe")},
                                         QStringList{QStringLiteral("probe"), QStringLiteral("sip:h:5060"), QStringLiteral("--timeout"), QStringLiteral("0")},
                                         QStringList{QStringLiteral("probe"), QStringLiteral("sip:h:5060"), QStringLiteral("--count"), QStringLiteral("x")},
                                         QStringList{QStringLiteral("probe"), QStringLiteral("sip:h:5060"), QStringLiteral("--accept-codes"), QStringLiteral("404")},
                                         QStringList{QStringLiteral("probe"), QStringLiteral("sip:h:5060"), QStringLiteral("--connect-to"), QStringLiteral("h:5060")}}) {
        const CliRun run = cxonectl(arguments);
        EXPECT_EQ(run.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(run.err.contains(QStringLiteral("cxonectl probe SIP-URI"))) << run.err.toStdString();
    }
}

namespace {

// The status cxone-sim reports for the channel whose sip_server is `server`.
QString statusOf(const cc::test::SimProcess &sim, const QString &server)
{
    const CliRun run = cc::test::runCxonectl({QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")},
                                             sim.clientEnvironment(), {}, 30000);
    for (const QJsonValue &channel : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
        const QJsonObject object = channel.toObject();
        if (object.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("sip_server")).toString() == server)
            return object.value(QStringLiteral("status")).toString();
    }
    return QString();
}

int expectedExit(const QString &status)
{
    if (status == QLatin1String("degraded"))
        return 9;
    if (status == QLatin1String("unhealthy") || status == QLatin1String("disabled"))
        return 10;
    return 0;
}

} // namespace

TEST(CxonectlProbe, SimulatedTrunksAnswerByTheirStateThroughTheMapCxoneSimWrites)
{
    QTemporaryDir dir;
    const QString map = dir.filePath(QStringLiteral("sip.map"));
    const cc::test::SimProcess sim({QStringLiteral("--sip-map"), map, QStringLiteral("--channels"), QStringLiteral("4"),
                                    QStringLiteral("--rate-limit"), QStringLiteral("0")});
    ASSERT_TRUE(sim.isRunning()) << sim.startError().toStdString();
    QFile file(map);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    ASSERT_GE(lines.size(), 5);
    for (int i = 1; i <= 4; ++i) {
        const QString hostPort = QString::fromUtf8(lines.at(i)).section(QLatin1Char(':'), 0, 1);
        const QString server = hostPort.section(QLatin1Char(':'), 0, 0);
        const QString before = statusOf(sim, server);
        ASSERT_FALSE(before.isEmpty()) << server.toStdString();
        const CliRun run = cxonectl({QStringLiteral("probe"), QStringLiteral("sip:") + hostPort, QStringLiteral("--connect-to-file"),
                                     map, QStringLiteral("--timeout"), QStringLiteral("1")});
        const QString after = statusOf(sim, server);
        // A health check may fall between the two reads: either status explains the answer.
        EXPECT_TRUE(run.exitCode == expectedExit(before) || run.exitCode == expectedExit(after))
            << server.toStdString() << " is " << before.toStdString() << "/" << after.toStdString() << ": "
            << run.out.toStdString() << run.err.toStdString();
    }
    EXPECT_EQ(QString::fromUtf8(lines.at(1)).section(QLatin1Char(':'), 0, 1), QStringLiteral("sip-01.carrier-provider.net:5060"));
}
