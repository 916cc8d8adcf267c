// cxonectl's engine commands as a process against the in-process simulated
// tenant: `monitor --json` prints one JSON object per line and a summary and
// exits 0; `quality --json` is null where there was no data; `optimize` sends
// nothing when nothing changes. No secret reaches the output.

#include "cxonectl_run.h"
#include "sim_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QString kSecret = QStringLiteral("engine-cli-secret-9931");

using cc::test::CliRun;

CliRun cxonectl(cc::test::SimFixture &sim, const QStringList &arguments, const QTemporaryDir &home)
{
    QProcessEnvironment environment = cc::test::cxonectlEnvironment(sim.baseUrl(), kSecret);
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    return cc::test::runCxonectl(QStringList{QStringLiteral("--audit-db"), home.filePath(QStringLiteral("audit.db"))} + arguments,
                                 environment);
}

cc::sim::SimOptions options()
{
    cc::sim::SimOptions o;
    o.clientSecret = kSecret;
    o.rateLimitPerMinute = 100000;
    return o;
}

} // namespace

TEST(EngineCli, MonitorJsonIsOneObjectPerLineEndingWithASummary)
{
    cc::test::SimFixture sim(options());
    ASSERT_TRUE(sim.isListening());
    QTemporaryDir home;
    const CliRun run = cxonectl(sim, {QStringLiteral("--json"), QStringLiteral("monitor"), QStringLiteral("--duration"),
                                   QStringLiteral("3"), QStringLiteral("--interval"), QStringLiteral("1")},
                             home);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 3) << run.out.toStdString();
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError) << line.toStdString();
        EXPECT_TRUE(document.isObject()) << line.toStdString();
    }
    const QJsonObject first = QJsonDocument::fromJson(lines.first().toUtf8()).object();
    EXPECT_EQ(first.value(QLatin1String("type")).toString(), QStringLiteral("monitor_started"));
    const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    EXPECT_EQ(summary.value(QLatin1String("type")).toString(), QStringLiteral("summary"));
    EXPECT_GE(summary.value(QLatin1String("cycles")).toInt(), 2);
    EXPECT_EQ(summary.value(QLatin1String("channels")).toInt(), 12);
    EXPECT_EQ(summary.value(QLatin1String("api_calls_per_cycle")).toInt(), 2);
    EXPECT_FALSE(run.out.contains(kSecret) || run.err.contains(kSecret));
}

TEST(EngineCli, MonitorRefusesABadPolicyWithUsage)
{
    cc::test::SimFixture sim(options());
    QTemporaryDir home;
    const CliRun run = cxonectl(sim, {QStringLiteral("monitor"), QStringLiteral("--failback"), QStringLiteral("sometimes")}, home);
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("--failback"))) << run.err.toStdString();
}

TEST(EngineCli, QualityJsonIsNullWhereThereWasNoData)
{
    cc::test::SimFixture sim(options());
    ASSERT_TRUE(sim.isListening());
    QTemporaryDir home;
    const CliRun run = cxonectl(sim, {QStringLiteral("--json"), QStringLiteral("quality"), sim.channelId(0),
                                   QStringLiteral("--from"), QStringLiteral("2001-01-01T00:00:00Z"),
                                   QStringLiteral("--to"), QStringLiteral("2001-01-01T01:00:00Z")},
                             home);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    EXPECT_EQ(json.value(QLatin1String("channel_id")).toString(), sim.channelId(0));
    for (const char *key : {"avg_latency_ms", "avg_jitter_ms", "avg_packet_loss_pct", "quality_score", "r_factor", "mos",
                            "optimization_required"}) {
        ASSERT_TRUE(json.contains(QLatin1String(key))) << key;
        EXPECT_TRUE(json.value(QLatin1String(key)).isNull()) << key;
    }
    // Which model a MOS would come from is said even when there is none.
    EXPECT_EQ(json.value(QLatin1String("mos_model")).toString(),
              QStringLiteral("ITU-T G.107 E-model, default parameters, random loss"));
}

TEST(EngineCli, OptimizeTwiceSendsOnePatch)
{
    cc::test::SimFixture sim(options());
    ASSERT_TRUE(sim.isListening());
    QTemporaryDir home;
    const QString id = sim.channelId(0);
    sim.tenant().channels().patch(id, QJsonObject{{QStringLiteral("configuration"), QJsonObject{{QStringLiteral("codecs"), QJsonArray{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("G729")}, {QStringLiteral("priority"), 1}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("OPUS")}, {QStringLiteral("priority"), 2}}}}}}},
                                  std::nullopt, QDateTime::currentDateTimeUtc());
    sim.clearRequests();
    const CliRun first = cxonectl(sim, {QStringLiteral("optimize"), id, QStringLiteral("--apply")}, home);
    EXPECT_EQ(first.exitCode, 0) << first.err.toStdString();
    EXPECT_TRUE(first.out.contains(QStringLiteral("Applied"))) << first.out.toStdString();
    const CliRun second = cxonectl(sim, {QStringLiteral("optimize"), id, QStringLiteral("--apply")}, home);
    EXPECT_EQ(second.exitCode, 0) << second.err.toStdString();
    EXPECT_TRUE(second.out.contains(QStringLiteral("Nothing to change"))) << second.out.toStdString();
    EXPECT_EQ(sim.stats().value(QLatin1String("by_route")).toObject().value(QLatin1String("PATCH /api/v2/channels/{id}")).toInt(), 1);
}

TEST(EngineCli, QualityMinMosSettingDecidesOptimisation)
{
    cc::test::SimFixture sim(options());
    ASSERT_TRUE(sim.isListening());
    QTemporaryDir home;
    // Every MOS is under 4.5 (the scale's top), and none is under 1.
    const CliRun strict = cxonectl(sim, {QStringLiteral("--json"), QStringLiteral("quality"), sim.channelId(0),
                                         QStringLiteral("--min-mos"), QStringLiteral("4.5")}, home);
    EXPECT_EQ(strict.exitCode, 0) << strict.err.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(strict.out.toUtf8()).object();
    ASSERT_TRUE(json.value(QLatin1String("mos")).isDouble()) << strict.out.toStdString();
    EXPECT_TRUE(json.value(QLatin1String("optimization_required")).toBool());
    const CliRun bad = cxonectl(sim, {QStringLiteral("quality"), sim.channelId(0), QStringLiteral("--min-mos"), QStringLiteral("9")}, home);
    EXPECT_EQ(bad.exitCode, 2);
}
