// `cxonectl monitor --sip-probe` as a process, against cxone-sim as a process
// and SIPp as the carrier's SIP server of one trunk: the tenant keeps calling
// the trunk healthy while SIPp stops answering (restarted in place with the
// silent scenario). With the "either" rule that is a failover; with the
// default "both" rule it is a disagreement alarm and no failover until the
// tenant agrees; a backup whose SIP server is silent is skipped. Events are
// read from the monitor's --json lines as they come; the audit trail is a
// SQLite file in a temporary folder.

#include "cxonectl_run.h"
#include "sim_process.h"
#include "sip_test_util.h"
#include "sipp_peer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

using cc::SipTransport;
using cc::test::SippPeer;

namespace {

QProcessEnvironment cliEnvironment(const QString &baseUrl, const QString &home)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CXONE_BASE_URL"), baseUrl);
    environment.insert(QStringLiteral("CXONE_CLIENT_ID"), QStringLiteral("demo"));
    environment.insert(QStringLiteral("CXONE_CLIENT_SECRET"), QStringLiteral("demo-secret"));
    for (const char *name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
        environment.insert(QString::fromLatin1(name), home);
    return environment;
}

QJsonArray listChannels(const QString &baseUrl, const QString &home)
{
    QProcess process;
    process.setProcessEnvironment(cliEnvironment(baseUrl, home));
    process.start(cc::test::cxonectlBinary(), {QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")});
    if (!process.waitForStarted(10000)
        || !cc::test::waitUntil([&process] { return process.state() == QProcess::NotRunning; }, 30000))
        return {};
    return QJsonDocument::fromJson(process.readAllStandardOutput()).array();
}

// `cxonectl --json monitor ...` as a process, its event lines collected as they come.
class MonitorProcess
{
public:
    ~MonitorProcess() { stop(); }

    bool start(const QString &baseUrl, const QString &home, const QStringList &arguments)
    {
        m_process.setProcessEnvironment(cliEnvironment(baseUrl, home));
        m_process.start(cc::test::cxonectlBinary(),
                        QStringList{QStringLiteral("--json"), QStringLiteral("--audit-db"), home + QStringLiteral("/audit.db"),
                                    QStringLiteral("monitor")} + arguments);
        return m_process.waitForStarted(10000);
    }

    // Waits until an event matching `match` has come; the first such event.
    std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 30000)
    {
        std::optional<QJsonObject> found;
        cc::test::waitUntil([&] {
            read();
            for (const QJsonObject &event : std::as_const(m_events)) {
                if (match(event)) {
                    found = event;
                    return true;
                }
            }
            return m_process.state() == QProcess::NotRunning;
        }, timeoutMs);
        return found;
    }

    // SIGTERM, as an operator's Ctrl-C: the monitor stops and prints its summary.
    QJsonObject stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!cc::test::waitUntil([this] { return m_process.state() == QProcess::NotRunning; }, 15000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
        read();
        for (const QJsonObject &event : std::as_const(m_events)) {
            if (event.value(QStringLiteral("type")).toString() == QLatin1String("summary"))
                return event;
        }
        return {};
    }

    QList<QJsonObject> events(const QString &type, const QString &channelId) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &event : m_events) {
            if (event.value(QStringLiteral("type")).toString() == type
                && event.value(QStringLiteral("channel_id")).toString() == channelId)
                found.append(event);
        }
        return found;
    }
    QString text() const { return QString::fromUtf8(m_raw); }

private:
    void read()
    {
        m_buffer += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_raw += line + '\n';
            m_buffer.remove(0, newline + 1);
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (!event.isEmpty())
                m_events.append(event);
        }
    }

    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_raw;
    QList<QJsonObject> m_events;
};

std::function<bool(const QJsonObject &)> eventOf(const QString &type, const QString &channelId,
                                                 const QString &detail = {}, const QString &value = {})
{
    return [=](const QJsonObject &event) {
        return event.value(QStringLiteral("type")).toString() == type
            && event.value(QStringLiteral("channel_id")).toString() == channelId
            && (detail.isEmpty() || event.value(QStringLiteral("details")).toObject().value(detail).toString() == value);
    };
}

// One primary with two backups on a simulated tenant whose every trunk is held
// healthy, and SIPp as the primary's SIP server (the sim's responders answer the rest).
class MonitorProbeScenario : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!SippPeer::available())
            GTEST_SKIP() << "sipp (sip-tester) is not installed; scripts/setup installs it";
        ASSERT_TRUE(m_home.isValid());
        m_map = m_home.filePath(QStringLiteral("sip.map"));
        m_sim = std::make_unique<cc::test::SimProcess>(QStringList{QStringLiteral("--sip-map"), m_map, QStringLiteral("--channels"),
                                                                   QStringLiteral("8"), QStringLiteral("--rate-limit"), QStringLiteral("0")});
        ASSERT_TRUE(m_sim->isRunning()) << m_sim->startError().toStdString();
        const QJsonArray channels = listChannels(baseUrl(), m_home.path());
        ASSERT_EQ(channels.size(), 8);
        QJsonArray hold;
        for (const QJsonValue &value : channels) {
            const QJsonObject channel = value.toObject();
            const QString id = channel.value(QStringLiteral("id")).toString();
            m_servers.insert(id, QStringLiteral("%1:%2").arg(channel.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("sip_server")).toString())
                                     .arg(channel.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("sip_port")).toInt()));
            hold.append(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")},
                                    {QStringLiteral("channel_id"), id},
                                    {QStringLiteral("status"), QStringLiteral("healthy")}});
            const QJsonArray backups = channel.value(QStringLiteral("routing")).toObject().value(QStringLiteral("failover_channels")).toArray();
            if (m_primary.isEmpty() && backups.size() >= 2) {
                m_primary = id;
                m_backup = backups.at(0).toString();
                m_second = backups.at(1).toString();
            }
        }
        ASSERT_FALSE(m_primary.isEmpty()) << "the seeded tenant has a primary with two backups";
        ASSERT_TRUE(m_sim->fault(QJsonObject{{QStringLiteral("actions"), hold}}));
    }

    QString baseUrl() const { return m_sim->baseUrl().toString(); }

    // SIPp answers 200 as `channel`'s SIP server; its connect-to rule.
    QString startSipp(SippPeer &sipp, const QString &scenario, const QString &channel)
    {
        QString error;
        EXPECT_TRUE(sipp.start(scenario, SipTransport::Udp, 0, &error)) << error.toStdString();
        return QStringLiteral("%1:127.0.0.1:%2").arg(m_servers.value(channel)).arg(sipp.port());
    }

    // Starts the monitor (with `extra` options) probing `channel`'s SIP server,
    // SIPp playing `scenario` there; true once it says that probe is `probeState`.
    bool monitorWithSipp(MonitorProcess &monitor, SippPeer &sipp, const QString &scenario, const QString &channel,
                         const QString &probeState, const QStringList &extra = {})
    {
        const QString rule = startSipp(sipp, scenario, channel);
        if (!monitor.start(baseUrl(), m_home.path(), monitorArguments({rule}, extra)))
            return false;
        const bool said = monitor.waitFor(eventOf(QStringLiteral("sip_probe_state_changed"), channel,
                                                  QStringLiteral("to"), probeState)).has_value();
        EXPECT_TRUE(said) << monitor.text().toStdString();
        return said;
    }

    QStringList monitorArguments(const QStringList &rules, const QStringList &extra = {}) const
    {
        QStringList arguments{QStringLiteral("--interval"), QStringLiteral("1"),
                              QStringLiteral("--sip-probe"),
                              QStringLiteral("--probe-interval"), QStringLiteral("0.5"),
                              QStringLiteral("--probe-timeout"), QStringLiteral("0.4"),
                              QStringLiteral("--probe-down-after"), QStringLiteral("2"),
                              QStringLiteral("--probe-up-after"), QStringLiteral("2"),
                              QStringLiteral("--probe-connect-to-file"), m_map};
        for (const QString &rule : rules)
            arguments << QStringLiteral("--probe-connect-to") << rule;
        return arguments + extra;
    }

    QString auditCsv(const QString &eventType) const
    {
        QProcess process;
        process.setProcessEnvironment(cliEnvironment(baseUrl(), m_home.path()));
        const QString out = m_home.filePath(QStringLiteral("audit-%1.csv").arg(eventType));
        process.start(cc::test::cxonectlBinary(), {QStringLiteral("--audit-db"), m_home.filePath(QStringLiteral("audit.db")),
                                                      QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--csv"), out,
                                                      QStringLiteral("--event"), eventType});
        if (!process.waitForStarted(10000)
            || !cc::test::waitUntil([&process] { return process.state() == QProcess::NotRunning; }, 30000))
            return {};
        QFile file(out);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    QTemporaryDir m_home;
    QString m_map;
    std::unique_ptr<cc::test::SimProcess> m_sim;
    QHash<QString, QString> m_servers;   // channel id -> sip_server:sip_port
    QString m_primary;
    QString m_backup;
    QString m_second;
};

} // namespace

TEST_F(MonitorProbeScenario, EitherRuleFailsOverWhenSippStopsAnsweringAndRaisesTheDisagreement)
{
    SippPeer sipp;
    MonitorProcess monitor;
    ASSERT_TRUE(monitorWithSipp(monitor, sipp, QStringLiteral("options_200.xml"), m_primary, QStringLiteral("up"),
                                {QStringLiteral("--failover-signal"), QStringLiteral("either")}));
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("health_state_changed"), m_primary, QStringLiteral("to"), QStringLiteral("up"))));
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("sip_probe_state_changed"), m_backup, QStringLiteral("to"), QStringLiteral("up"))));

    // The carrier's SBC goes silent; the tenant goes on calling the trunk healthy.
    QString error;
    ASSERT_TRUE(sipp.start(QStringLiteral("options_silent.xml"), SipTransport::Udp, 0, &error, sipp.port())) << error.toStdString();

    const auto down = monitor.waitFor(eventOf(QStringLiteral("sip_probe_state_changed"), m_primary, QStringLiteral("to"), QStringLiteral("down")));
    ASSERT_TRUE(down) << monitor.text().toStdString();
    const auto done = monitor.waitFor(eventOf(QStringLiteral("failover_done"), m_primary));
    ASSERT_TRUE(done) << monitor.text().toStdString();
    EXPECT_EQ(done->value(QStringLiteral("details")).toObject().value(QStringLiteral("target")).toString(), m_backup);
    const QList<QJsonObject> started = monitor.events(QStringLiteral("failover_started"), m_primary);
    ASSERT_EQ(started.size(), 1);
    const QJsonObject inputs = started.first().value(QStringLiteral("details")).toObject().value(QStringLiteral("signals")).toObject();
    EXPECT_EQ(inputs.value(QStringLiteral("rule")).toString(), QStringLiteral("either"));
    EXPECT_EQ(inputs.value(QStringLiteral("health")).toString(), QStringLiteral("up"));
    EXPECT_EQ(inputs.value(QStringLiteral("sip_probe")).toString(), QStringLiteral("down"));
    const auto alarm = monitor.waitFor(eventOf(QStringLiteral("sip_probe_disagreement"), m_primary, QStringLiteral("reason"),
                                               QStringLiteral("tenant_up_probe_down")));
    ASSERT_TRUE(alarm) << monitor.text().toStdString();

    const QJsonObject summary = monitor.stop();
    // Probes are not API calls: a cycle still costs the channel list and the telemetry query.
    EXPECT_EQ(summary.value(QStringLiteral("api_calls_per_cycle")).toInt(), 2) << monitor.text().toStdString();
    EXPECT_GE(summary.value(QStringLiteral("disagreements")).toInt(), 1);
    EXPECT_GE(summary.value(QStringLiteral("sip_probe")).toObject().value(QStringLiteral("down")).toInt(), 1);
    // Probe changes and the alarm are in the audit trail.
    EXPECT_TRUE(auditCsv(QStringLiteral("sip_probe_disagreement")).contains(m_primary));
    EXPECT_TRUE(auditCsv(QStringLiteral("sip_probe_state_changed")).contains(m_primary));
}

TEST_F(MonitorProbeScenario, BothRuleRaisesTheDisagreementButWaitsForTheTenantBeforeFailingOver)
{
    SippPeer sipp;
    MonitorProcess monitor;
    ASSERT_TRUE(monitorWithSipp(monitor, sipp, QStringLiteral("options_200.xml"), m_primary, QStringLiteral("up")));
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("health_state_changed"), m_primary, QStringLiteral("to"), QStringLiteral("up"))));
    const auto started = monitor.waitFor(eventOf(QStringLiteral("monitor_started"), QString()));
    ASSERT_TRUE(started);
    EXPECT_EQ(started->value(QStringLiteral("details")).toObject().value(QStringLiteral("failover_signal")).toString(), QStringLiteral("both"));

    QString error;
    ASSERT_TRUE(sipp.start(QStringLiteral("options_silent.xml"), SipTransport::Udp, 0, &error, sipp.port())) << error.toStdString();
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("sip_probe_disagreement"), m_primary, QStringLiteral("reason"),
                                        QStringLiteral("tenant_up_probe_down"))))
        << monitor.text().toStdString();
    // Three more monitor cycles (1 s each) with the probe down and the tenant up: no failover.
    // (What is proved here is an absence, so it takes a window of time.)
    monitor.waitFor([](const QJsonObject &) { return false; }, 3500);
    EXPECT_TRUE(monitor.events(QStringLiteral("failover_started"), m_primary).isEmpty()) << monitor.text().toStdString();

    // The tenant comes round: both say down now, and the channel is failed over.
    ASSERT_TRUE(m_sim->holdStatus(m_primary, QStringLiteral("unhealthy")));
    const auto done = monitor.waitFor(eventOf(QStringLiteral("failover_done"), m_primary));
    ASSERT_TRUE(done) << monitor.text().toStdString();
    EXPECT_EQ(done->value(QStringLiteral("details")).toObject().value(QStringLiteral("target")).toString(), m_backup);
    EXPECT_TRUE(monitor.waitFor(eventOf(QStringLiteral("sip_probe_disagreement_cleared"), m_primary)));
    monitor.stop();
}

TEST_F(MonitorProbeScenario, BackupWhoseSipServerIsSilentIsSkipped)
{
    // The first backup's SIP server is SIPp, silent; the primary and the second
    // backup are answered by the sim's responders, by their state.
    SippPeer sipp;
    MonitorProcess monitor;
    ASSERT_TRUE(monitorWithSipp(monitor, sipp, QStringLiteral("options_silent.xml"), m_backup, QStringLiteral("down")));
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("sip_probe_state_changed"), m_second, QStringLiteral("to"), QStringLiteral("up"))));
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("health_state_changed"), m_primary, QStringLiteral("to"), QStringLiteral("up"))));
    ASSERT_TRUE(monitor.waitFor(eventOf(QStringLiteral("health_state_changed"), m_backup, QStringLiteral("to"), QStringLiteral("up"))));

    // The primary fails for real: the tenant says unhealthy and its responder falls silent.
    ASSERT_TRUE(m_sim->holdStatus(m_primary, QStringLiteral("unhealthy")));
    const auto started = monitor.waitFor(eventOf(QStringLiteral("failover_started"), m_primary));
    ASSERT_TRUE(started) << monitor.text().toStdString();
    const QJsonObject details = started->value(QStringLiteral("details")).toObject();
    EXPECT_EQ(details.value(QStringLiteral("target")).toString(), m_second);
    const QJsonArray skipped = details.value(QStringLiteral("skipped_candidates")).toArray();
    ASSERT_EQ(skipped.size(), 1) << monitor.text().toStdString();
    EXPECT_EQ(skipped.at(0).toObject().value(QStringLiteral("channel_id")).toString(), m_backup);
    EXPECT_EQ(skipped.at(0).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("probe_down"));
    EXPECT_TRUE(monitor.waitFor(eventOf(QStringLiteral("failover_done"), m_primary)));
    monitor.stop();
}

TEST(CxonectlMonitorProbeOptions, ProbeOptionsWithoutSipProbeOrWithBadValuesAreUsageErrors)
{
    for (const QStringList &arguments : {QStringList{QStringLiteral("--probe-interval"), QStringLiteral("5")},
                                         QStringList{QStringLiteral("--sip-probe"), QStringLiteral("--failover-signal"), QStringLiteral("any")},
                                         QStringList{QStringLiteral("--sip-probe"), QStringLiteral("--probe-accept-codes"), QStringLiteral("404")},
                                         QStringList{QStringLiteral("--sip-probe"), QStringLiteral("--probe-transport"), QStringLiteral("sctp")},
                                         QStringList{QStringLiteral("--sip-probe"), QStringLiteral("--probe-down-after"), QStringLiteral("0")}}) {
        QProcess process;
        process.setProcessEnvironment(cliEnvironment(QStringLiteral("http://127.0.0.1:9"), QDir::tempPath()));
        process.start(cc::test::cxonectlBinary(), QStringList{QStringLiteral("monitor")} + arguments);
        ASSERT_TRUE(process.waitForStarted(10000));
        ASSERT_TRUE(cc::test::waitUntil([&process] { return process.state() == QProcess::NotRunning; }, 30000));
        EXPECT_EQ(process.exitCode(), 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("--sip-probe")))
            << arguments.join(QLatin1Char(' ')).toStdString();
    }
}
