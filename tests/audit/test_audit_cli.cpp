#include "audit_test_util.h"
#include "cxonectl_run.h"

#include "audit/audit_store.h"
#include "sim_fixture.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::test;

TEST(AuditCli, VerifyExitsZeroWhenIntactAndEightNamingTheFirstBadEntry)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    appendEntries(path, 5);
    CliRun run = runCxonectl({QStringLiteral("--audit-db"), path, QStringLiteral("audit"), QStringLiteral("verify")});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("5 entries verified"))) << run.out.toStdString();

    QString id;
    {
        RawDb raw(path);
        raw.dropTriggers();
        id = raw.scalar(QStringLiteral("SELECT id FROM audit_entries WHERE seq = 3")).toString();
        ASSERT_TRUE(raw.exec(QStringLiteral("UPDATE audit_entries SET details = '{\"n\":33}' WHERE seq = 3")).isEmpty());
    }
    run = runCxonectl({QStringLiteral("--audit-db"), path, QStringLiteral("audit"), QStringLiteral("verify")});
    EXPECT_EQ(run.exitCode, 8);
    EXPECT_TRUE(run.err.contains(QStringLiteral("#3"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(id)) << run.err.toStdString();

    run = runCxonectl({QStringLiteral("--json"), QStringLiteral("--audit-db"), path, QStringLiteral("audit"),
                       QStringLiteral("verify")});
    EXPECT_EQ(run.exitCode, 8);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    EXPECT_FALSE(json.value(QStringLiteral("intact")).toBool(true));
    EXPECT_EQ(json.value(QStringLiteral("first_bad_sequence")).toInt(), 3);
}

TEST(AuditCli, ExportWritesTheFilteredCsvAndIsItselfRecorded)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    appendEntries(path, 4, QStringLiteral("ch_a"));
    appendEntries(path, 3, QStringLiteral("=ch_b"));
    const QString csv = dir.filePath(QStringLiteral("out.csv"));
    CliRun run = runCxonectl({QStringLiteral("--audit-db"), path, QStringLiteral("audit"), QStringLiteral("export"),
                              QStringLiteral("--csv"), csv, QStringLiteral("--channel"), QStringLiteral("=ch_b"),
                              QStringLiteral("--from"), QStringLiteral("2020-01-01T00:00:00Z")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QList<QByteArray> lines = fileLines(csv);
    ASSERT_EQ(lines.size(), 5);   // header, 3 rows, and the empty rest after the last CRLF
    EXPECT_TRUE(lines.at(1).contains(",'=ch_b,"));
    EXPECT_TRUE(lines.at(1).endsWith('\r'));

    run = runCxonectl({QStringLiteral("--json"), QStringLiteral("--audit-db"), path, QStringLiteral("audit"),
                       QStringLiteral("tail"), QStringLiteral("-n"), QStringLiteral("1")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonObject last = QJsonDocument::fromJson(run.out.toUtf8()).array().first().toObject();
    EXPECT_EQ(last.value(QStringLiteral("event_type")).toString(), QStringLiteral("audit_exported"));
    EXPECT_EQ(last.value(QStringLiteral("sequence")).toInt(), 8);
    EXPECT_EQ(last.value(QStringLiteral("details"))[QStringLiteral("rows")].toInt(), 3);

    run = runCxonectl({QStringLiteral("--audit-db"), path, QStringLiteral("audit"), QStringLiteral("export"),
                       QStringLiteral("--csv"), csv, QStringLiteral("--from"), QStringLiteral("yesterday")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("--from"))) << run.err.toStdString();
}

TEST(AuditCli, ExportUrlDeliversWithTheTokenFromTheEnvironmentOrLeavesEntriesQueued)
{
    const QString token = QStringLiteral("cli-export-token-77aa");
    sim::SimOptions options;
    options.exportToken = token;
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    appendEntries(path, 3);
    const QString csv = dir.filePath(QStringLiteral("out.csv"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CXONE_EXPORT_TOKEN"), token);
    const QStringList arguments{QStringLiteral("--audit-db"), path, QStringLiteral("--export-url"),
                                sim.exportUrl().toString(), QStringLiteral("audit"), QStringLiteral("export"),
                                QStringLiteral("--csv"), csv};

    // Receiver down: the run still ends (after its short drain) and says what stays queued.
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("export_receiver")}, {QStringLiteral("up"), false}});
    CliRun run = runCxonectl(arguments, environment);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("not yet exported"))) << run.err.toStdString();
    EXPECT_FALSE(run.err.contains(token));
    EXPECT_TRUE(sim.exports().value(QStringLiteral("entries")).toArray().isEmpty());

    // Receiver up: the next run delivers the backlog and its own entry, each once.
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("export_receiver")}, {QStringLiteral("up"), true}});
    run = runCxonectl(arguments, environment);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_FALSE(run.err.contains(QStringLiteral("not yet exported"))) << run.err.toStdString();
    const QJsonObject exports = sim.exports();
    EXPECT_EQ(exports.value(QStringLiteral("entries")).toArray().size(), 5);   // 3 + two audit_exported
    EXPECT_EQ(exports.value(QStringLiteral("received_total")).toInt(), 5);
    EXPECT_EQ(exports.value(QStringLiteral("bad_auth")).toInt(), 0);
}

TEST(AuditCli, AChannelCreatedWithAPasswordIsRecordedAndExportedWithoutIt)
{
    const QString sipPassword = QStringLiteral("Cli-Sip-Pa55-0x7e1");
    const QString clientSecret = QStringLiteral("cli-client-secret-31f");
    const QString exportToken = QStringLiteral("cli-export-token-9d0");
    sim::SimOptions options;
    options.clientSecret = clientSecret;
    options.exportToken = exportToken;
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    const QString channelFile = dir.filePath(QStringLiteral("trunk.json"));
    {
        QFile file(channelFile);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(channelCreateJson(QStringLiteral("Audited trunk"), QStringLiteral("audited"), sipPassword, 5060));
    }
    QProcessEnvironment environment = cc::test::cxonectlEnvironment(sim.baseUrl(), clientSecret);
    environment.insert(QStringLiteral("CXONE_EXPORT_TOKEN"), exportToken);
    const CliRun run = runCxonectl({QStringLiteral("--audit-db"), path, QStringLiteral("--export-url"),
                                    sim.exportUrl().toString(), QStringLiteral("channels"), QStringLiteral("create"),
                                    channelFile},
                                   environment);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();

    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(path, &error));
    const QList<AuditEntry> entries = store.tail(10, &error);
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries.first().eventType, QStringLiteral("channel_created"));
    EXPECT_EQ(entries.first().source, EventSource::Manual);
    EXPECT_FALSE(entries.first().channelId.isEmpty());
    EXPECT_EQ(entries.first().details()[QStringLiteral("request")][QStringLiteral("configuration")]
                  [QStringLiteral("authentication")][QStringLiteral("password")].toString(),
              QStringLiteral("[redacted]"));
    store.close();

    const QJsonObject exports = sim.exports();
    ASSERT_EQ(exports.value(QStringLiteral("entries")).toArray().size(), 1);   // delivered before exit
    EXPECT_EQ(exports.value(QStringLiteral("bad_auth")).toInt(), 0);
    const QByteArray exported = QJsonDocument(exports).toJson();
    const QByteArray stored = rawStoreBytes(path);
    for (const QString &secret : {sipPassword, clientSecret, exportToken}) {
        EXPECT_FALSE(stored.contains(secret.toUtf8())) << "store";
        EXPECT_FALSE(exported.contains(secret.toUtf8())) << "export body";
        EXPECT_FALSE(run.out.contains(secret)) << "stdout";
        EXPECT_FALSE(run.err.contains(secret)) << "stderr";
    }
}

TEST(AuditCli, MonitorRecordsEventsAndExportsEachCyclesMetricsInBulk)
{
    sim::SimOptions options;
    options.clientSecret = QStringLiteral("monitor-secret");
    options.exportToken = QStringLiteral("monitor-export-token");
    options.channels = 4;
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    // A channel going bad gives the monitor a decision to record.
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")},
                          {QStringLiteral("channel_id"), sim.channelId(0)},
                          {QStringLiteral("status"), QStringLiteral("unhealthy")}});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    QProcessEnvironment environment = cc::test::cxonectlEnvironment(sim.baseUrl(), QStringLiteral("monitor-secret"));
    environment.insert(QStringLiteral("CXONE_EXPORT_TOKEN"), QStringLiteral("monitor-export-token"));
    const CliRun run = runCxonectl({QStringLiteral("--audit-db"), path, QStringLiteral("--export-url"),
                                    sim.exportUrl().toString(), QStringLiteral("monitor"), QStringLiteral("--duration"),
                                    QStringLiteral("3"), QStringLiteral("--interval"), QStringLiteral("1"),
                                    QStringLiteral("--down-after"), QStringLiteral("1")},
                                   environment);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();

    const QJsonObject exports = sim.exports();
    const QJsonArray batches = exports.value(QStringLiteral("metrics_batches")).toArray();
    ASSERT_FALSE(batches.isEmpty()) << run.err.toStdString();
    EXPECT_EQ(batches.first()[QStringLiteral("export_type")].toString(), QStringLiteral("channel_quality_metrics"));
    EXPECT_FALSE(batches.first()[QStringLiteral("metrics")].toArray().isEmpty());
    EXPECT_EQ(exports.value(QStringLiteral("bad_auth")).toInt(), 0);

    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(path, &error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
    const QList<AuditEntry> entries = store.tail(100, &error);
    ASSERT_FALSE(entries.isEmpty()) << run.out.toStdString();
    // Every recorded decision reached the receiver too.
    EXPECT_EQ(exports.value(QStringLiteral("entries")).toArray().size(), entries.size());
}
