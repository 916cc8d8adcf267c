// cxone-sim as a program: its first line names the address, it answers a token
// request, reads secrets from files and never prints them, and quits on SIGTERM.

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

struct Started
{
    QUrl base;
    QByteArray output;
};

Started startSim(QProcess &process, const QStringList &arguments)
{
    process.start(QStringLiteral(CC_SIM_BINARY), arguments);
    Started started;
    if (!process.waitForStarted(10000))
        return started;
    while (!started.output.contains('\n') && process.waitForReadyRead(10000))
        started.output += process.readAllStandardOutput();
    const QString firstLine = QString::fromUtf8(started.output.left(started.output.indexOf('\n')));
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:(\\d+))$")).match(firstLine);
    if (match.hasMatch() && match.captured(2).toInt() > 0)
        started.base = QUrl(match.captured(1));
    return started;
}

// POSTs `body` to `path` of the sim at `base` (with a bearer token when given): the HTTP status.
int postStatus(const QUrl &base, const QString &path, const QByteArray &contentType, const QByteArray &body,
               const QByteArray &bearer = {})
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

int tokenStatus(const QUrl &base, const QByteArray &secret)
{
    return postStatus(base, QStringLiteral("/api/v2/oauth/token"), QByteArrayLiteral("application/x-www-form-urlencoded"),
                      "grant_type=client_credentials&client_id=demo&client_secret=" + secret);
}

struct Exited
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// A run that is expected to end by itself (a refusal, --help).
Exited runToExit(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CC_SIM_BINARY), arguments);
    EXPECT_TRUE(process.waitForFinished(10000)) << arguments.join(QLatin1Char(' ')).toStdString();
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

void stop(QProcess &process)
{
    process.terminate(); // SIGTERM: the sim quits cleanly
    EXPECT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 0);
}

// Writes `content` into `file` (in a temporary folder), then closes it.
bool writeFile(QFile &file, const QByteArray &content)
{
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const bool written = file.write(content) == content.size();
    file.close();
    return written;
}

} // namespace

TEST(CxoneSimProcess, FirstLineNamesTheAddressAndATokenRequestIsAnswered)
{
    QProcess process;
    const Started started = startSim(process, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("3")});
    ASSERT_TRUE(started.base.isValid()) << started.output.constData() << process.readAllStandardError().constData();
    EXPECT_EQ(tokenStatus(started.base, "demo-secret"), 200);
    EXPECT_EQ(tokenStatus(started.base, "wrong"), 401);
    stop(process);
    const QByteArray all = started.output + process.readAllStandardOutput();
    EXPECT_TRUE(all.contains("client id: demo"));
    EXPECT_TRUE(all.contains("stopped"));
}

TEST(CxoneSimProcess, ReadsTheClientSecretFromAFileAndNeverPrintsIt)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("secret")));
    ASSERT_TRUE(writeFile(file, "file-secret-9f2c\n"));

    QProcess process;
    const Started started = startSim(process, {QStringLiteral("--client-secret-file"), file.fileName(),
                                               QStringLiteral("--rate-limit"), QStringLiteral("0")});
    ASSERT_TRUE(started.base.isValid()) << started.output.constData();
    EXPECT_EQ(tokenStatus(started.base, "file-secret-9f2c"), 200);
    EXPECT_EQ(tokenStatus(started.base, "demo-secret"), 401);
    stop(process);
    const QByteArray all = started.output + process.readAllStandardOutput() + process.readAllStandardError();
    EXPECT_FALSE(all.contains("file-secret-9f2c"));
    EXPECT_TRUE(all.contains(file.fileName().toUtf8()));
}

TEST(CxoneSimProcess, RefusesASecretOnTheCommandLine)
{
    const Exited run = runToExit({QStringLiteral("--client-secret"), QStringLiteral("shown-in-ps")});
    EXPECT_NE(run.exitCode, 0);
    EXPECT_FALSE(run.out.contains("listening on"));
    EXPECT_TRUE(run.err.contains("--client-secret-file")) << run.err.constData();
    EXPECT_FALSE(run.err.contains("shown-in-ps"));
}

TEST(CxoneSimProcess, HelpSaysWhereSecretsComeFrom)
{
    const QByteArray help = runToExit({QStringLiteral("--help")}).out;
    EXPECT_TRUE(help.contains("--client-secret-file"));
    EXPECT_TRUE(help.contains("CXONE_SIM_CLIENT_SECRET"));
}

TEST(CxoneSimProcess, ABadScenarioFileStopsItWithAMessageNamingTheFile)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("broken.json")));
    ASSERT_TRUE(writeFile(file, "{\"events\": [{\"at\": \"soon\"}]}"));
    const Exited run = runToExit({QStringLiteral("--scenario"), file.fileName()});
    EXPECT_NE(run.exitCode, 0);
    EXPECT_TRUE(run.err.contains(file.fileName().toUtf8())) << run.err.constData();
    EXPECT_FALSE(run.out.contains("listening on"));
}

TEST(CxoneSimProcess, TheExportReceiverWantsTheTokenFromItsFileWhichIsNeverPrinted)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("export-token")));
    ASSERT_TRUE(writeFile(file, "exp-tok-77aa\n"));
    QProcess process;
    const Started started = startSim(process, {QStringLiteral("--export-token-file"), file.fileName()});
    ASSERT_TRUE(started.base.isValid()) << started.output.constData();

    const auto post = [&](const QByteArray &token) {
        return postStatus(started.base, QStringLiteral("/export"), QByteArrayLiteral("application/json"),
                          QByteArrayLiteral("{\"id\": \"e1\"}"), token);
    };
    EXPECT_EQ(post({}), 401);
    EXPECT_EQ(post("exp-tok-77aa"), 202);
    stop(process);
    const QByteArray all = started.output + process.readAllStandardOutput() + process.readAllStandardError();
    EXPECT_FALSE(all.contains("exp-tok-77aa"));
}
