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

int tokenStatus(const QUrl &base, const QByteArray &secret)
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(QStringLiteral("/api/v2/oauth/token"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.post(request, "grant_type=client_credentials&client_id=demo&client_secret=" + secret);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
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
    QProcess process;
    process.start(QStringLiteral(CC_SIM_BINARY), {QStringLiteral("--client-secret"), QStringLiteral("shown-in-ps")});
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_NE(process.exitCode(), 0);
    EXPECT_FALSE(process.readAllStandardOutput().contains("listening on"));
    const QByteArray error = process.readAllStandardError();
    EXPECT_TRUE(error.contains("--client-secret-file")) << error.constData();
    EXPECT_FALSE(error.contains("shown-in-ps"));
}

TEST(CxoneSimProcess, HelpSaysWhereSecretsComeFrom)
{
    QProcess process;
    process.start(QStringLiteral(CC_SIM_BINARY), {QStringLiteral("--help")});
    ASSERT_TRUE(process.waitForFinished(10000));
    const QByteArray help = process.readAllStandardOutput();
    EXPECT_TRUE(help.contains("--client-secret-file"));
    EXPECT_TRUE(help.contains("CXONE_SIM_CLIENT_SECRET"));
}

TEST(CxoneSimProcess, ABadScenarioFileStopsItWithAMessageNamingTheFile)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("broken.json")));
    ASSERT_TRUE(writeFile(file, "{\"events\": [{\"at\": \"soon\"}]}"));
    QProcess process;
    process.start(QStringLiteral(CC_SIM_BINARY), {QStringLiteral("--scenario"), file.fileName()});
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_NE(process.exitCode(), 0);
    const QByteArray error = process.readAllStandardError();
    EXPECT_TRUE(error.contains(file.fileName().toUtf8())) << error.constData();
    EXPECT_FALSE(process.readAllStandardOutput().contains("listening on"));
}

TEST(CxoneSimProcess, TheExportReceiverWantsTheTokenFromItsFileWhichIsNeverPrinted)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("export-token")));
    ASSERT_TRUE(writeFile(file, "exp-tok-77aa\n"));
    QProcess process;
    const Started started = startSim(process, {QStringLiteral("--export-token-file"), file.fileName()});
    ASSERT_TRUE(started.base.isValid()) << started.output.constData();

    QNetworkAccessManager network;
    const auto post = [&](const QByteArray &token) {
        QUrl url = started.base;
        url.setPath(QStringLiteral("/export"));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        request.setTransferTimeout(10000);
        QNetworkReply *reply = network.post(request, QByteArrayLiteral("{\"id\": \"e1\"}"));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    };
    EXPECT_EQ(post({}), 401);
    EXPECT_EQ(post("exp-tok-77aa"), 202);
    stop(process);
    const QByteArray all = started.output + process.readAllStandardOutput() + process.readAllStandardError();
    EXPECT_FALSE(all.contains("exp-tok-77aa"));
}
