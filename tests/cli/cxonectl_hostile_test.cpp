// cxonectl as a process against a hostile simulated tenant (issue 12): each
// fault switched on through /_sim/faults, each command must end within its
// deadline, with its documented exit code and a message saying what the tenant
// did; no token or client secret reaches another origin (a second listener on
// its own port counts what arrives there).

#include "cxonectl_run.h"
#include "foreign_host.h"
#include "sim_fixture.h"

#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc::test;

namespace {

const QString kClientSecret = QStringLiteral("cli-hostile-secret-5151");

cc::sim::SimOptions simOptions()
{
    cc::sim::SimOptions options;
    options.channels = 12;
    options.clientSecret = kClientSecret;
    return options;
}

QProcessEnvironment environmentFor(const SimFixture &sim)
{
    return cxonectlEnvironment(sim.baseUrl(), kClientSecret);
}

QJsonObject action(const QString &name, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("action"), name);
    return fields;
}

} // namespace

// One fault switched on, then `cxonectl [options] channels list`: how it must end.
struct HostileCase
{
    const char *name;        // the test's name
    QJsonObject fault;
    QStringList options;     // global options before "channels list"
    int exitCode;
    QString errSays;         // in stderr (empty: not checked)
    qint64 atLeastMs = 0;    // elapsed bounds (0: not checked)
    qint64 withinMs = 0;
    bool nothingOnStdout = false;
};

// gtest names a case by its name rather than its bytes.
void PrintTo(const HostileCase &scenario, std::ostream *out)
{
    *out << scenario.name;
}

class CxonectlChannelsListAgainstAFault : public testing::TestWithParam<HostileCase>
{
};

TEST_P(CxonectlChannelsListAgainstAFault, EndsAsDocumented)
{
    const HostileCase &scenario = GetParam();
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    sim.fault(scenario.fault);
    const CliRun run = runCxonectl(scenario.options + QStringList{QStringLiteral("channels"), QStringLiteral("list")},
                                   environmentFor(sim));
    EXPECT_EQ(run.exitCode, scenario.exitCode) << run.err.toStdString();
    if (!scenario.errSays.isEmpty()) {
        EXPECT_TRUE(run.err.contains(scenario.errSays)) << run.err.toStdString();
    }
    if (scenario.nothingOnStdout) {
        EXPECT_TRUE(run.out.isEmpty()) << "no half list is printed: " << run.out.toStdString();
    }
    if (scenario.atLeastMs > 0) {
        EXPECT_GE(run.elapsedMs, scenario.atLeastMs);
    }
    if (scenario.withinMs > 0) {
        EXPECT_LT(run.elapsedMs, scenario.withinMs);
    }
}

const QJsonObject kDripChannels = action(QStringLiteral("drip"), {{QStringLiteral("count"), -1},
                                                                  {QStringLiteral("interval_ms"), 50},
                                                                  {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}});

INSTANTIATE_TEST_SUITE_P(
    Faults, CxonectlChannelsListAgainstAFault,
    testing::Values(
        HostileCase{"PagesThatNeverEndExitOneSayingThePagingLoops",
                    action(QStringLiteral("loop_pages"), {{QStringLiteral("total"), 1000000}}), {}, 1,
                    QStringLiteral("repeats channel"), 0, 15000, true},
        HostileCase{"DripFedAnswerEndsAtTheRequestTimeoutWithExitOne", kDripChannels,
                    {QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--retries"), QStringLiteral("0")}, 1,
                    QStringLiteral("List channels got no complete answer in 2 s"), 0, 8000},
        // Each request may take 60 s and be repeated 4 times: the command may take 3 s.
        HostileCase{"CommandPastItsDeadlineExitsTwelveWhateverItWaitsFor", kDripChannels,
                    {QStringLiteral("--timeout"), QStringLiteral("60"), QStringLiteral("--deadline"), QStringLiteral("3")}, 12,
                    QStringLiteral("'channels list' did not finish within its deadline of 3 s"), 2900, 9000},
        HostileCase{"RetryAfterOfDaysExitsSevenNamingTheWait",
                    action(QStringLiteral("rate_limit_storm"),
                           {{QStringLiteral("seconds"), 600}, {QStringLiteral("retry_after"), 259200}}),
                    {}, 7, QStringLiteral("259200 s (3 days)"), 0, 8000},
        HostileCase{"OversizedAnswerExitsOneNamingTheCap",
                    action(QStringLiteral("oversize"), {{QStringLiteral("bytes"), 40 * 1024 * 1024},
                                                        {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}),
                    {}, 1, QStringLiteral("larger than the 32 MiB")},
        HostileCase{"AbsurdTokenLifetimeStillLists",
                    action(QStringLiteral("token_expires_in"), {{QStringLiteral("seconds"), 2000000000}}),
                    {QStringLiteral("--json")}, 0, QString()}),
    [](const testing::TestParamInfo<HostileCase> &info) { return std::string(info.param.name); });

TEST(CxonectlAgainstHostileTenant, RedirectToAnotherHostExitsOneAndNoCredentialReachesIt)
{
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    ForeignHost foreign;
    ASSERT_TRUE(foreign.isListening());
    sim.fault(action(QStringLiteral("redirect"), {{QStringLiteral("location"), foreign.baseUrl().toString()},
                                                  {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/channels")}}));
    const CliRun list = runCxonectl({QStringLiteral("channels"), QStringLiteral("list")}, environmentFor(sim));
    EXPECT_EQ(list.exitCode, 1) << list.err.toStdString();
    EXPECT_TRUE(list.err.contains(QStringLiteral("redirect to another origin"))) << list.err.toStdString();
    EXPECT_TRUE(list.err.contains(foreign.baseUrl().toString())) << list.err.toStdString();

    // The sign-in itself redirected: the client secret stays home too.
    sim.fault(action(QStringLiteral("redirect"), {{QStringLiteral("location"), foreign.baseUrl().toString()},
                                                  {QStringLiteral("path_prefix"), QStringLiteral("/api/v2/oauth/token")}}));
    const CliRun signIn = runCxonectl({QStringLiteral("channels"), QStringLiteral("list")}, environmentFor(sim));
    EXPECT_EQ(signIn.exitCode, 1) << signIn.err.toStdString();
    EXPECT_TRUE(signIn.err.contains(QStringLiteral("no credential left"))) << signIn.err.toStdString();

    EXPECT_EQ(foreign.authorizationHeaders(), 0);
    EXPECT_EQ(foreign.requests(), 0);
    EXPECT_FALSE(foreign.received().contains(kClientSecret.toUtf8()));
}

TEST(CxonectlAgainstHostileTenant, ExportReceiverRedirectingElsewhereNeverGetsTheExportTokenThere)
{
    const QString exportToken = QStringLiteral("cli-hostile-export-token-77");
    cc::sim::SimOptions options = simOptions();
    options.exportToken = exportToken;
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    ForeignHost foreign;
    ASSERT_TRUE(foreign.isListening());
    sim.fault(action(QStringLiteral("redirect"), {{QStringLiteral("location"), foreign.baseUrl().toString()},
                                                  {QStringLiteral("path_prefix"), QStringLiteral("/export")}}));
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QProcessEnvironment environment = environmentFor(sim);
    environment.insert(QStringLiteral("CXONE_EXPORT_TOKEN"), exportToken);
    // A failover and its failback are audited actions: their entries go to the
    // export receiver. (A failback with nothing to undo says "already" and
    // records nothing, so the channel is failed over first.)
    const QString id = sim.channelId(0);
    const QStringList common{QStringLiteral("--audit-db"), dir.filePath(QStringLiteral("audit.sqlite")),
                             QStringLiteral("--export-url"), sim.exportUrl().toString()};
    const CliRun failover = runCxonectl(common + QStringList{QStringLiteral("failover"), id}, environment);
    ASSERT_EQ(failover.exitCode, 0) << failover.err.toStdString();
    const CliRun run = runCxonectl(common + QStringList{QStringLiteral("failback"), id}, environment);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("not followed, so the export token stays with"))) << run.err.toStdString();
    EXPECT_EQ(foreign.requests(), 0);
    EXPECT_EQ(foreign.authorizationHeaders(), 0);
    EXPECT_FALSE(foreign.received().contains(exportToken.toUtf8()));
}
