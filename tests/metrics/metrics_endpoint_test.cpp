// cxonectl monitor --metrics-listen as its user runs it: cxone-sim and cxonectl
// as their own processes, /metrics fetched over HTTP and checked by promtool,
// then scraped every second by a real Prometheus server started here, whose
// query API must answer cxone_channel_up for every simulated channel.

#include "cxonectl_run.h"
#include "metrics_tool.h"
#include "sim_process.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <gtest/gtest.h>

#include <memory>


namespace {

constexpr int kChannels = 4;

struct HttpResult
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

HttpResult httpGet(const QUrl &url, int timeoutMs = 5000)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = network.get(request);
    HttpResult result;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs + 1000)) {
        reply->abort();
        delete reply;
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.body = reply->readAll();
    delete reply;
    return result;
}

// Writes `bytes` to the file at `path`, replacing it; false when it cannot.
bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A child process stopped (SIGTERM, then SIGKILL) whatever the test's outcome.
struct Child
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    ~Child()
    {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(10000)) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }
};

class MetricsEndpoint : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_sim.isRunning()) << m_sim.startError().toStdString();
        m_monitor.process->setProcessEnvironment(m_sim.clientEnvironment());
        m_monitor.process->start(cc::test::cxonectlBinary(),
                                 {QStringLiteral("monitor"), QStringLiteral("--interval"), QStringLiteral("1"),
                                  QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0")});
        ASSERT_TRUE(m_monitor.process->waitForStarted(10000));
        const QRegularExpression line(QStringLiteral("metrics: listening on (http://\\S+/metrics)"));
        ASSERT_TRUE(QTest::qWaitFor([&] {
            m_monitorErr += QString::fromUtf8(m_monitor.process->readAllStandardError());
            return line.match(m_monitorErr).hasMatch() || m_monitor.process->state() == QProcess::NotRunning;
        }, 20000)) << m_monitorErr.toStdString();
        const QRegularExpressionMatch match = line.match(m_monitorErr);
        ASSERT_TRUE(match.hasMatch()) << m_monitorErr.toStdString();
        m_metricsUrl = QUrl(match.captured(1));
    }

    // A scrape once the monitor has finished a cycle over every channel.
    QByteArray scrapeAfterFirstCycle()
    {
        QByteArray body;
        // The caller checks the scrape it gets back, whichever came last.
        static_cast<void>(QTest::qWaitFor([&] {
            body = httpGet(m_metricsUrl).body;
            return body.count("cxone_channel_up{") == kChannels;
        }, 30000));
        return body;
    }

    cc::test::SimProcess m_sim{{QStringLiteral("--channels"), QString::number(kChannels), QStringLiteral("--rate-limit"), QStringLiteral("0")}};
    Child m_monitor;
    QString m_monitorErr;
    QUrl m_metricsUrl;
};

} // namespace

TEST_F(MetricsEndpoint, ListensOnLoopbackAndServesTheTextFormatPromtoolAccepts)
{
    EXPECT_EQ(m_metricsUrl.host(), QStringLiteral("127.0.0.1"));
    const HttpResult first = httpGet(m_metricsUrl);
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    const QByteArray scrape = scrapeAfterFirstCycle();
    ASSERT_EQ(scrape.count("cxone_channel_up{"), kChannels) << scrape.constData();
    for (const char *family : {"cxone_channel_latency_seconds{", "cxone_channel_routed_via_backup{", "cxone_monitor_cycles_total ",
                               "cxone_monitor_cycle_duration_seconds_bucket{le=\"+Inf\"}", "cxone_monitor_failovers_total ",
                               "cxone_monitor_alarms ", "cxone_api_budget_remaining ",
                               "cxone_api_requests_total{route=\"GET /api/v2/channels\",code=\"200\"}",
                               "cxone_api_requests_total{route=\"POST /api/v2/oauth/token\",code=\"200\"} 1"})
        EXPECT_TRUE(scrape.contains(family)) << family << "\n" << scrape.constData();
    const cc::test::PromtoolResult check = cc::test::promtoolCheckMetrics(scrape);
    ASSERT_TRUE(check.ran) << "promtool is missing: scripts/setup installs Debian's prometheus package";
    EXPECT_EQ(check.exitCode, 0) << check.output.toStdString() << scrape.constData();
    EXPECT_TRUE(check.output.trimmed().isEmpty()) << check.output.toStdString();

    QUrl other = m_metricsUrl;
    other.setPath(QStringLiteral("/"));
    EXPECT_EQ(httpGet(other).status, 404);
}

TEST_F(MetricsEndpoint, ARealPrometheusScrapesTheMonitorAndAnswersAQueryForChannelUp)
{
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    ASSERT_FALSE(prometheus.isEmpty()) << "prometheus is missing: scripts/setup installs Debian's prometheus package";
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
    ASSERT_TRUE(writeFile(config, QStringLiteral("global:\n"
                                                 "  scrape_interval: 1s\n"
                                                 "  scrape_timeout: 1s\n"
                                                 "scrape_configs:\n"
                                                 "  - job_name: cxonectl\n"
                                                 "    static_configs:\n"
                                                 "      - targets: ['127.0.0.1:%1']\n")
                                  .arg(m_metricsUrl.port())
                                  .toUtf8()));
    const quint16 port = cc::test::freeLoopbackPort();
    ASSERT_NE(port, 0);
    Child server;
    server.process->setProcessChannelMode(QProcess::MergedChannels);
    server.process->start(prometheus, {QStringLiteral("--config.file=") + config,
                                       QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
                                       QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
    ASSERT_TRUE(server.process->waitForStarted(10000));

    QUrl query(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(port));
    query.setQuery(QUrlQuery{{QStringLiteral("query"), QStringLiteral("cxone_channel_up")}});
    QJsonArray result;
    const bool answered = QTest::qWaitFor([&] {
        const HttpResult answer = httpGet(query, 2000);
        if (answer.status != 200)
            return false;
        result = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("data")).toObject()
                     .value(QStringLiteral("result")).toArray();
        return result.size() == kChannels;
    }, 60000);
    ASSERT_TRUE(answered) << "Prometheus said: " << server.process->readAll().right(4000).constData();
    for (const QJsonValue &series : result) {
        const QJsonObject labels = series.toObject().value(QStringLiteral("metric")).toObject();
        EXPECT_EQ(labels.value(QStringLiteral("job")).toString(), QStringLiteral("cxonectl"));
        EXPECT_TRUE(labels.value(QStringLiteral("channel_id")).toString().startsWith(QStringLiteral("ch_")));
        EXPECT_FALSE(labels.value(QStringLiteral("name")).toString().isEmpty());
        const QString value = series.toObject().value(QStringLiteral("value")).toArray().at(1).toString();
        EXPECT_TRUE(value == QLatin1String("0") || value == QLatin1String("1")) << value.toStdString();
    }
}

TEST_F(MetricsEndpoint, TheMonitorStopsCleanlyOnSigtermWithTheEndpointOpen)
{
    scrapeAfterFirstCycle();
    m_monitor.process->terminate();
    ASSERT_TRUE(m_monitor.process->waitForFinished(15000));
    EXPECT_EQ(m_monitor.process->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(m_monitor.process->exitCode(), 0);
    EXPECT_TRUE(m_monitor.process->readAllStandardOutput().contains("Summary: "));
}

namespace {

struct Finished
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Finished runCxonectl(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(cc::test::cxonectlBinary(), arguments);
    Finished result;
    if (!process.waitForStarted(10000) || !QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

// The systemd unit's way: every setting from --config, the secret from a
// credential file in $CREDENTIALS_DIRECTORY, none on the command line.
TEST(MonitorConfigFile, RunsTheMonitorFromTheFileWithTheSecretFromASystemdCredential)
{
    cc::test::SimProcess sim({QStringLiteral("--channels"), QStringLiteral("3"), QStringLiteral("--rate-limit"), QStringLiteral("0")});
    ASSERT_TRUE(sim.isRunning()) << sim.startError().toStdString();
    const QString baseUrl = sim.baseUrl().toString();
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("credentials")));
    const QString secret = dir.filePath(QStringLiteral("credentials/client-secret"));
    ASSERT_TRUE(writeFile(secret, "demo-secret\n"));
    QFile::setPermissions(secret, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString config = dir.filePath(QStringLiteral("tenant.conf"));
    ASSERT_TRUE(writeFile(config, QStringLiteral("# a comment\n"
                                                 "base-url = %1\n"
                                                 "client-id = demo\n"
                                                 "client-secret-credential = client-secret\n"
                                                 "audit-db = %2\n"
                                                 "json = true\n"
                                                 "interval = 1\n"
                                                 "duration = 2\n"
                                                 "no-auto-failover = false\n")
                                  .arg(baseUrl, dir.filePath(QStringLiteral("audit.sqlite")))
                                  .toUtf8()));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("CXONE_CLIENT_SECRET"));
    environment.remove(QStringLiteral("CXONE_BASE_URL"));
    environment.insert(QStringLiteral("CREDENTIALS_DIRECTORY"), dir.filePath(QStringLiteral("credentials")));
    const Finished run = runCxonectl({QStringLiteral("monitor"), QStringLiteral("--config"), config}, environment);
    ASSERT_EQ(run.exitCode, 0) << run.err.constData();
    // --json came from the file: the summary is a JSON line.
    EXPECT_TRUE(run.out.contains("\"type\":\"summary\"")) << run.out.constData();
    EXPECT_FALSE(run.out.contains("demo-secret"));
    EXPECT_FALSE(run.err.contains("demo-secret"));

    // Without the credentials folder the same file says what is missing.
    environment.remove(QStringLiteral("CREDENTIALS_DIRECTORY"));
    const Finished missing = runCxonectl({QStringLiteral("monitor"), QStringLiteral("--config"), config}, environment);
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains("CREDENTIALS_DIRECTORY")) << missing.err.constData();
}

TEST(MonitorConfigFile, ASecretInTheFileIsRefusedAndNotRepeated)
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("bad.conf"));
    ASSERT_TRUE(writeFile(config, "client-id = demo\nclient-secret = s3cr3t-in-file\n"));
    const Finished run = runCxonectl({QStringLiteral("monitor"), QStringLiteral("--config"), config},
                                     QProcessEnvironment::systemEnvironment());
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains("line 2")) << run.err.constData();
    EXPECT_TRUE(run.err.contains("LoadCredential")) << run.err.constData();
    EXPECT_FALSE(run.err.contains("s3cr3t-in-file"));
}
