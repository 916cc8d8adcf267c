// cxonectl as a separate process against the in-process simulated tenant: each
// command, each exit code, --json output and that no secret reaches stdout or
// stderr, --verbose included. The process is awaited on the event loop, since
// the tenant it talks to runs in this very thread.

#include "cxonectl_run.h"
#include "sim_fixture.h"

#include "cc_version.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc::test;

namespace {

const QString kClientSecret = QStringLiteral("cli-test-secret-4242");
const QString kSipPassword = QStringLiteral("sip-pass-cli-7e6d");

cc::sim::SimOptions cliSimOptions(int channels = 12)
{
    cc::sim::SimOptions options;
    options.channels = channels;
    options.clientSecret = kClientSecret;
    return options;
}

QProcessEnvironment environmentFor(const SimFixture &sim)
{
    return cxonectlEnvironment(sim.baseUrl(), kClientSecret);
}

QByteArray createBody(const QString &name, int sipPort = 5064)
{
    return channelCreateJson(name, QStringLiteral("cli_user"), kSipPassword, sipPort);
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    return path;
}

// No secret in what a person or a CI log would see.
void expectNoSecrets(const CliRun &run, const QStringList &tokens = {})
{
    const QString text = run.all();
    EXPECT_FALSE(text.contains(kClientSecret)) << text.toStdString();
    EXPECT_FALSE(text.contains(kSipPassword)) << text.toStdString();
    EXPECT_FALSE(text.contains(QRegularExpression(QStringLiteral("Bearer (?!<redacted>)")))) << text.toStdString();
    for (const QString &token : tokens) {
        if (!token.isEmpty()) {
            EXPECT_FALSE(text.contains(token));
        }
    }
}

void setFailoverTargets(SimFixture &sim, const QString &id, const QStringList &targets)
{
    const SimFixture::Reply reply = sim.api("PATCH", QStringLiteral("/api/v2/channels/") + id, sim.fetchToken(),
                                            QJsonObject{{QStringLiteral("routing"),
                                                         QJsonObject{{QStringLiteral("failover_channels"),
                                                                      QJsonArray::fromStringList(targets)}}}});
    ASSERT_EQ(reply.status, 200) << reply.body.toStdString();
}

// Channels 0, 1 and 2 of `sim`: the first fails over to the other two in that
// order, which are held at these statuses.
struct TwoBackups
{
    QString primary;
    QString first;
    QString second;
};

TwoBackups primaryWithTwoBackups(SimFixture &sim, const QString &firstStatus, const QString &secondStatus)
{
    const TwoBackups channels{sim.channelId(0), sim.channelId(1), sim.channelId(2)};
    setFailoverTargets(sim, channels.primary, {channels.first, channels.second});
    sim.holdStatus(channels.first, firstStatus);
    sim.holdStatus(channels.second, secondStatus);
    return channels;
}

} // namespace

TEST(Cxonectl, VersionAndHelp)
{
    const CliRun version = runCxonectl({QStringLiteral("--version")}, environmentWithoutCxone());
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.contains(QStringLiteral(CC_VERSION_STRING))) << version.out.toStdString();
    const CliRun help = runCxonectl({QStringLiteral("--help")}, environmentWithoutCxone());
    EXPECT_EQ(help.exitCode, 0);
    for (const QString &word : {QStringLiteral("channels list"), QStringLiteral("failover ID"), QStringLiteral("--json"),
                                QStringLiteral("--audit-db"), QStringLiteral("CXONE_CLIENT_SECRET")})
        EXPECT_TRUE(help.out.contains(word)) << word.toStdString();
}

TEST(Cxonectl, UsageErrorsExitTwo)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QProcessEnvironment environment = environmentFor(sim);
    EXPECT_EQ(runCxonectl({}, environment).exitCode, 2);
    EXPECT_EQ(runCxonectl({QStringLiteral("bogus")}, environment).exitCode, 2);
    EXPECT_EQ(runCxonectl({QStringLiteral("channels")}, environment).exitCode, 2);
    EXPECT_EQ(runCxonectl({QStringLiteral("channels"), QStringLiteral("get")}, environment).exitCode, 2);
    EXPECT_EQ(runCxonectl({QStringLiteral("--timeout"), QStringLiteral("zero"), QStringLiteral("channels"), QStringLiteral("list")},
                     environment).exitCode, 2);
    // A secret as an argument is refused, and not echoed back.
    const CliRun secretArgument = runCxonectl({QStringLiteral("--client-secret"), kClientSecret, QStringLiteral("channels"),
                                       QStringLiteral("list")}, environmentWithoutCxone());
    EXPECT_EQ(secretArgument.exitCode, 2);
    EXPECT_TRUE(secretArgument.err.contains(QStringLiteral("never accepted as an argument")));
    expectNoSecrets(secretArgument);
    // Missing credentials say where to put them.
    const CliRun missing = runCxonectl({QStringLiteral("channels"), QStringLiteral("list")}, environmentWithoutCxone());
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("CXONE_CLIENT_ID"))) << missing.err.toStdString();
    EXPECT_TRUE(sim.requests().isEmpty());
}

// Not a number compares false with any bound, so a range check alone let "nan"
// through as a probe timeout (and std::lround of it is undefined).
TEST(Cxonectl, MonitorRefusesAProbeTimeoutThatIsNotANumber)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const CliRun run = runCxonectl({QStringLiteral("monitor"), QStringLiteral("--duration"), QStringLiteral("1"),
                                    QStringLiteral("--sip-probe"), QStringLiteral("--probe-timeout"), QStringLiteral("nan")},
                                   environmentFor(sim));
    EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("--probe-timeout needs seconds from 0.1 to 32, not 'nan'"))) << run.err.toStdString();
    EXPECT_TRUE(sim.requests().isEmpty());
}

TEST(Cxonectl, AuditDbOptionIsAccepted)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const CliRun run = runCxonectl({QStringLiteral("--audit-db"), dir.filePath(QStringLiteral("audit.db")), QStringLiteral("channels"),
                            QStringLiteral("list")}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
}

TEST(Cxonectl, JsonListPrintsOneArrayOfEveryChannelOverAllPages)
{
    SimFixture sim(cliSimOptions(1200));
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const CliRun run = runCxonectl({QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")}, environmentFor(sim));
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    ASSERT_TRUE(document.isArray());
    EXPECT_EQ(document.array().size(), 1200);
    EXPECT_TRUE(document.array().first().toObject().contains(QStringLiteral("routing")));
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v2/channels")).size(), 3);
}

TEST(Cxonectl, ListAndGetPrintReadableTables)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString id = sim.channelId(3);
    const CliRun list = runCxonectl({QStringLiteral("channels"), QStringLiteral("list")}, environmentFor(sim));
    EXPECT_EQ(list.exitCode, 0) << list.err.toStdString();
    EXPECT_TRUE(list.out.startsWith(QStringLiteral("ID"))) << list.out.toStdString();
    EXPECT_TRUE(list.out.contains(id));
    EXPECT_TRUE(list.out.contains(QStringLiteral("12 channels")));

    const CliRun get = runCxonectl({QStringLiteral("channels"), QStringLiteral("get"), id}, environmentFor(sim));
    EXPECT_EQ(get.exitCode, 0) << get.err.toStdString();
    EXPECT_TRUE(get.out.contains(id));
    EXPECT_TRUE(get.out.contains(QStringLiteral("routed via")));

    const CliRun json = runCxonectl({QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("get"), id}, environmentFor(sim));
    EXPECT_EQ(json.exitCode, 0);
    EXPECT_EQ(QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("id")).toString(), id);
}

TEST(Cxonectl, MissingChannelExitsFive)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const CliRun run = runCxonectl({QStringLiteral("channels"), QStringLiteral("get"), QStringLiteral("ch_nope")}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 5);
    EXPECT_TRUE(run.err.contains(QStringLiteral("channels list"))) << run.err.toStdString();
    EXPECT_EQ(runCxonectl({QStringLiteral("channels"), QStringLiteral("delete"), QStringLiteral("ch_nope")}, environmentFor(sim)).exitCode, 5);
}

TEST(Cxonectl, CreateFromAFileAndFromStdinThenDelete)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const QString file = writeFile(dir, QStringLiteral("trunk.json"), createBody(QStringLiteral("cli-file-trunk")));
    const CliRun fromFile = runCxonectl({QStringLiteral("--verbose"), QStringLiteral("channels"), QStringLiteral("create"), file},
                                environmentFor(sim));
    EXPECT_EQ(fromFile.exitCode, 0) << fromFile.err.toStdString();
    EXPECT_TRUE(fromFile.out.contains(QStringLiteral("Created channel"))) << fromFile.out.toStdString();
    expectNoSecrets(fromFile, {sim.fetchToken()});

    const CliRun fromStdin = runCxonectl({QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("create"), QStringLiteral("-")},
                                 environmentFor(sim), createBody(QStringLiteral("cli-stdin-trunk")));
    ASSERT_EQ(fromStdin.exitCode, 0) << fromStdin.err.toStdString();
    expectNoSecrets(fromStdin);
    const QString id = QJsonDocument::fromJson(fromStdin.out.toUtf8()).object().value(QStringLiteral("id")).toString();
    ASSERT_FALSE(id.isEmpty()) << fromStdin.out.toStdString();
    EXPECT_EQ(sim.tenant().channels().count(), 14);

    const CliRun removed = runCxonectl({QStringLiteral("channels"), QStringLiteral("delete"), id}, environmentFor(sim));
    EXPECT_EQ(removed.exitCode, 0) << removed.err.toStdString();
    EXPECT_EQ(sim.tenant().channels().count(), 13);
}

TEST(Cxonectl, InvalidCreateFileExitsThreeNamingEachFieldAndSendsNothing)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const QString file = writeFile(dir, QStringLiteral("bad.json"), createBody(QStringLiteral("x"), 9999));
    const CliRun run = runCxonectl({QStringLiteral("channels"), QStringLiteral("create"), file}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_TRUE(run.err.contains(QStringLiteral("\nname: "))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("\nconfiguration.sip_port: "))) << run.err.toStdString();
    expectNoSecrets(run);
    const QString notJson = writeFile(dir, QStringLiteral("broken.json"), QByteArrayLiteral("{ not json"));
    EXPECT_EQ(runCxonectl({QStringLiteral("channels"), QStringLiteral("create"), notJson}, environmentFor(sim)).exitCode, 3);
    EXPECT_TRUE(sim.requests().isEmpty());
}

TEST(Cxonectl, UpdateChecksTheMergedChannelAndHonoursIfMatch)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const QString id = sim.channelId(0);
    const QString rename = writeFile(dir, QStringLiteral("rename.json"),
                                     QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed-by-cli")}}).toJson());
    const CliRun ok = runCxonectl({QStringLiteral("channels"), QStringLiteral("update"), id, rename}, environmentFor(sim));
    EXPECT_EQ(ok.exitCode, 0) << ok.err.toStdString();
    EXPECT_EQ(sim.tenant().channels().find(id)->name, QStringLiteral("renamed-by-cli"));

    const CliRun stale = runCxonectl({QStringLiteral("channels"), QStringLiteral("update"), id, rename, QStringLiteral("--if-match"),
                              QStringLiteral("1")}, environmentFor(sim));
    EXPECT_EQ(stale.exitCode, 6) << stale.err.toStdString();
    EXPECT_TRUE(stale.err.contains(QStringLiteral("changed since it was read"))) << stale.err.toStdString();

    const QString badPort = writeFile(dir, QStringLiteral("port.json"),
                                      QJsonDocument(QJsonObject{{QStringLiteral("configuration"),
                                                                 QJsonObject{{QStringLiteral("sip_port"), 1}}}}).toJson());
    sim.clearRequests();
    const CliRun invalid = runCxonectl({QStringLiteral("channels"), QStringLiteral("update"), id, badPort}, environmentFor(sim));
    EXPECT_EQ(invalid.exitCode, 3);
    EXPECT_TRUE(invalid.err.contains(QStringLiteral("configuration.sip_port: "))) << invalid.err.toStdString();
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels")).isEmpty());

    const QString status = writeFile(dir, QStringLiteral("status.json"),
                                     QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("active")}}).toJson());
    EXPECT_EQ(runCxonectl({QStringLiteral("channels"), QStringLiteral("update"), id, status}, environmentFor(sim)).exitCode, 3);
}

TEST(Cxonectl, DeletingAFailoverTargetExitsSixNamingWhoUsesIt)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString primary = sim.channelId(0);
    const QString backup = sim.channelId(1);
    setFailoverTargets(sim, primary, {backup});
    const CliRun run = runCxonectl({QStringLiteral("channels"), QStringLiteral("delete"), backup}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 6);
    EXPECT_TRUE(run.err.contains(primary)) << run.err.toStdString();
}

TEST(Cxonectl, FailoverSkipsAnUnhealthyFirstBackupThenFailsBack)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const auto [primary, sick, well] = primaryWithTwoBackups(sim, QStringLiteral("unhealthy"), QStringLiteral("healthy"));

    const CliRun run = runCxonectl({QStringLiteral("failover"), primary}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(well)) << run.out.toStdString();
    EXPECT_EQ(sim.tenant().channels().find(primary)->routing.primaryChannelId, well);

    const CliRun back = runCxonectl({QStringLiteral("failback"), primary}, environmentFor(sim));
    EXPECT_EQ(back.exitCode, 0) << back.err.toStdString();
    EXPECT_TRUE(sim.tenant().channels().find(primary)->routing.primaryChannelId.isEmpty());
}

TEST(Cxonectl, FailoverRefusesWhenNoTargetIsHealthy)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const auto [primary, sick, degraded] = primaryWithTwoBackups(sim, QStringLiteral("unhealthy"), QStringLiteral("degraded"));
    sim.clearRequests();

    const CliRun run = runCxonectl({QStringLiteral("failover"), primary}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 13) << "a refusal has its own code: 1 says the network or tenant failed";
    EXPECT_TRUE(run.err.contains(QStringLiteral("no healthy failover target"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(sick) && run.err.contains(degraded)) << run.err.toStdString();
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels")).isEmpty());

    // --to names the target, and is refused the same way when it is not healthy.
    const CliRun forced = runCxonectl({QStringLiteral("failover"), primary, QStringLiteral("--to"), sick}, environmentFor(sim));
    EXPECT_EQ(forced.exitCode, 13);
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels")).isEmpty());
    sim.holdStatus(degraded, QStringLiteral("healthy"));
    const CliRun chosen = runCxonectl({QStringLiteral("failover"), primary, QStringLiteral("--to"), degraded}, environmentFor(sim));
    EXPECT_EQ(chosen.exitCode, 0) << chosen.err.toStdString();
    EXPECT_EQ(sim.tenant().channels().find(primary)->routing.primaryChannelId, degraded);
}

TEST(Cxonectl, RefusedCredentialsExitFourWithoutTheSecret)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("reject_credentials")}, {QStringLiteral("value"), true}});
    const CliRun run = runCxonectl({QStringLiteral("--verbose"), QStringLiteral("channels"), QStringLiteral("list")}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 4);
    EXPECT_TRUE(run.err.contains(QStringLiteral("invalid_client"))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("CXONE_CLIENT_SECRET"))) << run.err.toStdString();
    expectNoSecrets(run);
}

TEST(Cxonectl, SecretFromAFileWorksAndAWrongOneExitsFour)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    QProcessEnvironment environment = environmentFor(sim);
    environment.remove(QStringLiteral("CXONE_CLIENT_SECRET"));
    const QString good = writeFile(dir, QStringLiteral("secret"), kClientSecret.toUtf8() + "\n");
    QFile::setPermissions(good, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const CliRun fromFile = runCxonectl({QStringLiteral("--client-secret-file"), good, QStringLiteral("channels"),
                                    QStringLiteral("list")}, environment);
    EXPECT_EQ(fromFile.exitCode, 0) << fromFile.err.toStdString();
    EXPECT_FALSE(fromFile.err.contains(QStringLiteral("warning"))) << fromFile.err.toStdString();
    // A secret file others can read still works, with a warning that says how to fix it.
    QFile::setPermissions(good, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    const CliRun readable = runCxonectl({QStringLiteral("--client-secret-file"), good, QStringLiteral("channels"),
                                    QStringLiteral("list")}, environment);
    EXPECT_EQ(readable.exitCode, 0);
    EXPECT_TRUE(readable.err.contains(QStringLiteral("chmod 600"))) << readable.err.toStdString();
    expectNoSecrets(readable);
    const QString wrong = writeFile(dir, QStringLiteral("wrong"), QByteArrayLiteral("not-the-secret\n"));
    const CliRun refused = runCxonectl({QStringLiteral("--client-secret-file"), wrong, QStringLiteral("channels"), QStringLiteral("list")},
                               environment);
    EXPECT_EQ(refused.exitCode, 4);
    EXPECT_FALSE(refused.all().contains(QStringLiteral("not-the-secret")));
}

TEST(Cxonectl, MissingScopeExitsFourNamingTheScope)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    // A failback that has something to do (one of a channel routing its own
    // traffic only reads, and says "already").
    setFailoverTargets(sim, sim.channelId(0), {sim.channelId(1)});
    sim.holdStatus(sim.channelId(1), QStringLiteral("healthy"));
    ASSERT_EQ(runCxonectl({QStringLiteral("failover"), sim.channelId(0)}, environmentFor(sim)).exitCode, 0);
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("revoke_scope")},
                          {QStringLiteral("scope"), QStringLiteral("channel:write")}});
    const CliRun run = runCxonectl({QStringLiteral("failback"), sim.channelId(0)}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 4);
    EXPECT_TRUE(run.err.contains(QStringLiteral("channel:write"))) << run.err.toStdString();
}

TEST(Cxonectl, StillRateLimitedExitsSeven)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("rate_limit_storm")},
                          {QStringLiteral("seconds"), 120},
                          {QStringLiteral("retry_after"), 1}});
    const CliRun run = runCxonectl({QStringLiteral("--retries"), QStringLiteral("0"), QStringLiteral("channels"), QStringLiteral("list")},
                           environmentFor(sim));
    EXPECT_EQ(run.exitCode, 7) << run.err.toStdString();
}

TEST(Cxonectl, UnreachableTenantExitsOne)
{
    QProcessEnvironment environment = environmentWithoutCxone();
    // A loopback port with nothing listening: refused at once, not retried.
    environment.insert(QStringLiteral("CXONE_BASE_URL"), QStringLiteral("http://127.0.0.1:1"));
    environment.insert(QStringLiteral("CXONE_CLIENT_ID"), QStringLiteral("demo"));
    environment.insert(QStringLiteral("CXONE_CLIENT_SECRET"), kClientSecret);
    const CliRun run = runCxonectl({QStringLiteral("channels"), QStringLiteral("list")}, environment);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.err.contains(QStringLiteral("Could not reach"))) << run.err.toStdString();
    expectNoSecrets(run);
}

TEST(Cxonectl, VerboseLogShowsRequestsButNoSecret)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const CliRun run = runCxonectl({QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")},
                           environmentFor(sim));
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("GET ")) && run.err.contains(QStringLiteral(" 200 "))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("<redacted>")));
    EXPECT_TRUE(run.err.contains(QStringLiteral("rate limit")));
    // stdout stays pure JSON with --verbose.
    EXPECT_TRUE(QJsonDocument::fromJson(run.out.toUtf8()).isArray());
    expectNoSecrets(run, {sim.fetchToken()});
}

TEST(Cxonectl, TenantRefusalOfAnUpdateExitsThreeWithItsFields)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    // The client cannot know every id without listing: the tenant checks it.
    const QString patch = writeFile(dir, QStringLiteral("targets.json"),
                                    QJsonDocument(QJsonObject{{QStringLiteral("routing"),
                                                               QJsonObject{{QStringLiteral("failover_channels"),
                                                                            QJsonArray{QStringLiteral("ch_missing")}}}}})
                                        .toJson());
    const CliRun run = runCxonectl({QStringLiteral("channels"), QStringLiteral("update"), sim.channelId(0), patch}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 3) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("\nrouting.failover_channels"))) << run.err.toStdString();
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels")).size(), 1);
}

TEST(Cxonectl, AccessKeyFromTheEnvironmentSignsInThroughDiscovery)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QProcessEnvironment environment = environmentWithoutCxone();
    environment.insert(QStringLiteral("CXONE_DISCOVERY_URL"), sim.baseUrl().toString());
    environment.insert(QStringLiteral("CXONE_CLIENT_ID"), QStringLiteral("demo"));
    environment.insert(QStringLiteral("CXONE_CLIENT_SECRET"), kClientSecret);
    environment.insert(QStringLiteral("CXONE_ACCESS_KEY_ID"), QString::fromLatin1(cc::sim::kDemoAccessKeyId));
    environment.insert(QStringLiteral("CXONE_ACCESS_KEY_SECRET"), QString::fromLatin1(cc::sim::kDemoAccessKeySecret));
    const CliRun run = runCxonectl({QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("channels"),
                               QStringLiteral("list")}, environment);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 12);
    EXPECT_FALSE(run.all().contains(QString::fromLatin1(cc::sim::kDemoAccessKeySecret)));
    EXPECT_EQ(sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/auth/token")).size(), 1);
}

TEST(Cxonectl, FailoverOfAChannelWithNoFailoverChannelsIsRefusedWithItsOwnCode)
{
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString lonely = sim.channelId(0);
    setFailoverTargets(sim, lonely, {});
    sim.clearRequests();
    const CliRun run = runCxonectl({QStringLiteral("failover"), lonely}, environmentFor(sim));
    EXPECT_EQ(run.exitCode, 13) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("has no failover channels"))) << run.err.toStdString();
    EXPECT_TRUE(sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v2/channels/") + lonely + QStringLiteral("/")).isEmpty());
    const CliRun help = runCxonectl({QStringLiteral("--help")}, environmentWithoutCxone());
    EXPECT_TRUE(help.out.contains(QStringLiteral("13 refused"))) << "the code is documented";
}

TEST(Cxonectl, RepeatedFailoverAndFailbackSayAlreadyAndChangeNothing)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString auditDb = dir.filePath(QStringLiteral("audit.sqlite"));
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString primary = sim.channelId(0);
    const QString backup = sim.channelId(2);
    setFailoverTargets(sim, primary, {backup});
    sim.holdStatus(backup, QStringLiteral("healthy"));
    const QStringList audit{QStringLiteral("--audit-db"), auditDb};

    const CliRun first = runCxonectl(QStringList{QStringLiteral("failover"), primary} + audit, environmentFor(sim));
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    EXPECT_FALSE(first.out.contains(QStringLiteral("already"))) << first.out.toStdString();
    const int versionAfterFirst = sim.tenant().channels().find(primary)->version;

    const CliRun again = runCxonectl(QStringList{QStringLiteral("failover"), primary} + audit, environmentFor(sim));
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(QStringLiteral("already routed via ") + backup)) << again.out.toStdString();
    EXPECT_EQ(sim.tenant().channels().find(primary)->version, versionAfterFirst) << "nothing was sent";

    const CliRun back = runCxonectl(QStringList{QStringLiteral("failback"), primary} + audit, environmentFor(sim));
    ASSERT_EQ(back.exitCode, 0) << back.err.toStdString();
    EXPECT_FALSE(back.out.contains(QStringLiteral("already"))) << back.out.toStdString();
    const CliRun backAgain = runCxonectl(QStringList{QStringLiteral("failback"), primary} + audit, environmentFor(sim));
    EXPECT_EQ(backAgain.exitCode, 0) << backAgain.err.toStdString();
    EXPECT_TRUE(backAgain.out.contains(QStringLiteral("already routes its own traffic"))) << backAgain.out.toStdString();

    // One entry per change made, none for the repeats.
    const CliRun tail = runCxonectl({QStringLiteral("audit"), QStringLiteral("tail"), QStringLiteral("--audit-db"), auditDb,
                                QStringLiteral("--json")}, environmentFor(sim));
    ASSERT_EQ(tail.exitCode, 0) << tail.err.toStdString();
    EXPECT_EQ(tail.out.count(QStringLiteral("\"failover_done\"")), 1) << tail.out.toStdString();
    EXPECT_EQ(tail.out.count(QStringLiteral("\"failback_done\"")), 1) << tail.out.toStdString();
}

TEST(Cxonectl, GlobalOptionsWorkAfterTheCommandAsTheReadmeWritesThem)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    SimFixture sim(cliSimOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString id = sim.channelId(0);
    const QString from = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate);

    // README: cxonectl quality ch_7f3a2c --from 2026-11-24T00:00:00Z --json
    const CliRun quality = runCxonectl({QStringLiteral("quality"), id, QStringLiteral("--from"), from, QStringLiteral("--json")},
                                  environmentFor(sim));
    ASSERT_EQ(quality.exitCode, 0) << quality.err.toStdString();
    EXPECT_TRUE(QJsonDocument::fromJson(quality.out.toUtf8()).isObject()) << quality.out.toStdString();

    const CliRun list = runCxonectl({QStringLiteral("channels"), QStringLiteral("list"), QStringLiteral("--json")}, environmentFor(sim));
    ASSERT_EQ(list.exitCode, 0) << list.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 12);

    // --audit-db after the command, with its value, and as --audit-db=PATH.
    const QString db = dir.filePath(QStringLiteral("after.sqlite"));
    setFailoverTargets(sim, id, {sim.channelId(1)});
    sim.holdStatus(sim.channelId(1), QStringLiteral("healthy"));
    const CliRun failover = runCxonectl({QStringLiteral("failover"), id, QStringLiteral("--audit-db"), db}, environmentFor(sim));
    ASSERT_EQ(failover.exitCode, 0) << failover.err.toStdString();
    EXPECT_TRUE(QFileInfo::exists(db)) << "the action went to the named store";
    const CliRun verify = runCxonectl({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--audit-db=") + db},
                                 environmentFor(sim));
    EXPECT_EQ(verify.exitCode, 0) << verify.err.toStdString();
    // failover_started and failover_done, as the console's monitor records a failover by hand.
    EXPECT_TRUE(verify.all().contains(QStringLiteral("2"))) << verify.all().toStdString();

    // A word after "--" is the command's, and an unknown option is still a usage error.
    EXPECT_EQ(runCxonectl({QStringLiteral("channels"), QStringLiteral("list"), QStringLiteral("--bogus")}, environmentFor(sim)).exitCode, 2);
}

