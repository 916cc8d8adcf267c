#include "cxonectl_run.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <gtest/gtest.h>

namespace cc::test {

QString cxonectlBinary()
{
    return QStringLiteral(CC_CXONECTL_BINARY);
}

CliRun runCxonectl(const QStringList &arguments, const QProcessEnvironment &environment, const QByteArray &input, int timeoutMs)
{
    CliRun run;
    QProcess process;
    process.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    process.start(cxonectlBinary(), arguments);
    if (!process.waitForStarted(10000)) {
        ADD_FAILURE() << "cxonectl did not start: " << process.errorString().toStdString();
        return run;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    const bool finished = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    run.elapsedMs = clock.elapsed();
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        ADD_FAILURE() << "cxonectl did not finish within " << timeoutMs
                      << " ms: " << arguments.join(QLatin1Char(' ')).toStdString();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QProcessEnvironment environmentWithoutCxone()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QLatin1String("CXONE_")))
            environment.remove(name);
    }
    return environment;
}

QProcessEnvironment cxonectlEnvironment(const QUrl &baseUrl, const QString &clientSecret)
{
    QProcessEnvironment environment = environmentWithoutCxone();
    environment.insert(QStringLiteral("CXONE_BASE_URL"), baseUrl.toString());
    environment.insert(QStringLiteral("CXONE_CLIENT_ID"), QStringLiteral("demo"));
    environment.insert(QStringLiteral("CXONE_CLIENT_SECRET"), clientSecret);
    return environment;
}

QByteArray channelCreateJson(const QString &name, const QString &username, const QString &password, int sipPort)
{
    const QJsonObject authentication{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
    const QJsonArray codecs{QJsonObject{{QStringLiteral("name"), QStringLiteral("OPUS")}, {QStringLiteral("priority"), 1}}};
    return QJsonDocument(QJsonObject{
                             {QStringLiteral("name"), name},
                             {QStringLiteral("type"), QStringLiteral("sip")},
                             {QStringLiteral("configuration"),
                              QJsonObject{{QStringLiteral("sip_server"), QStringLiteral("sip.carrier.example.net")},
                                          {QStringLiteral("sip_port"), sipPort},
                                          {QStringLiteral("authentication"), authentication},
                                          {QStringLiteral("codecs"), codecs}}},
                             {QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray{}}}},
                             {QStringLiteral("health_check"), QJsonObject{{QStringLiteral("interval_seconds"), 60},
                                                                         {QStringLiteral("timeout_seconds"), 15}}},
                         })
        .toJson();
}

QList<QByteArray> fileLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().split('\n');
}

} // namespace cc::test
