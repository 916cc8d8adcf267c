// cxone-sim as a program: its first line names the address, it answers a token
// request, reads secrets from files and never prints them, and quits on SIGTERM.

#include <QFile>
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

} // namespace

// Each test may write the files it hands the program into its own folder.
class CxoneSimProcess : public testing::Test
{
protected:
    // Writes `content` into the file `name`: its path (a failure of the test when it cannot).
    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            ADD_FAILURE() << "cannot write " << file.fileName().toStdString();
        return file.fileName();
    }

private:
    QTemporaryDir m_dir;
};

TEST_F(CxoneSimProcess, FirstLineNamesTheAddressAndATokenRequestIsAnswered)
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

TEST_F(CxoneSimProcess, ReadsTheClientSecretFromAFileAndNeverPrintsIt)
{
    const QString secretFile = writeFile(QStringLiteral("secret"), "file-secret-9f2c\n");

    QProcess process;
    const Started started = startSim(process, {QStringLiteral("--client-secret-file"), secretFile,
                                               QStringLiteral("--rate-limit"), QStringLiteral("0")});
    ASSERT_TRUE(started.base.isValid()) << started.output.constData();
    EXPECT_EQ(tokenStatus(started.base, "file-secret-9f2c"), 200);
    EXPECT_EQ(tokenStatus(started.base, "demo-secret"), 401);
    stop(process);
    const QByteArray all = started.output + process.readAllStandardOutput() + process.readAllStandardError();
    EXPECT_FALSE(all.contains("file-secret-9f2c"));
    EXPECT_TRUE(all.contains(secretFile.toUtf8()));
}

TEST_F(CxoneSimProcess, RefusesASecretOnTheCommandLine)
{
    const Exited run = runToExit({QStringLiteral("--client-secret"), QStringLiteral("shown-in-ps")});
    EXPECT_NE(run.exitCode, 0);
    EXPECT_FALSE(run.out.contains("listening on"));
    EXPECT_TRUE(run.err.contains("--client-secret-file")) << run.err.constData();
    EXPECT_FALSE(run.err.contains("shown-in-ps"));
}

TEST_F(CxoneSimProcess, HelpSaysWhereSecretsComeFrom)
{
    const QByteArray help = runToExit({QStringLiteral("--help")}).out;
    EXPECT_TRUE(help.contains("--client-secret-file"));
    EXPECT_TRUE(help.contains("CXONE_SIM_CLIENT_SECRET"));
}

TEST_F(CxoneSimProcess, ABadScenarioFileStopsItWithAMessageNamingTheFile)
{
    const QString scenario = writeFile(QStringLiteral("broken.json"), "{\"events\": [{\"at\": \"soon\"}]}");
    const Exited run = runToExit({QStringLiteral("--scenario"), scenario});
    EXPECT_NE(run.exitCode, 0);
    EXPECT_TRUE(run.err.contains(scenario.toUtf8())) << run.err.constData();
    EXPECT_FALSE(run.out.contains("listening on"));
}

TEST_F(CxoneSimProcess, TheExportReceiverWantsTheTokenFromItsFileWhichIsNeverPrinted)
{
    const QString tokenFile = writeFile(QStringLiteral("export-token"), "exp-tok-77aa\n");
    QProcess process;
    const Started started = startSim(process, {QStringLiteral("--export-token-file"), tokenFile});
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
