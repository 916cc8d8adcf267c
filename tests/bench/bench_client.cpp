// Benchmark of the CXone client (issue 3): listing 10,000 channels (20 pages of
// 500) must be fetched and parsed in under 1 s, and the client's own CPU per
// call must stay under 1 ms.
//
// The simulated tenant runs as a separate process (cxone-sim, rate limit off),
// so this process's CPU time (getrusage RUSAGE_SELF: user + system) is the
// client's own: ApiClient, Qt's network stack, JSON parsing and the event loop.
// Nothing is subtracted. Wall times include the loopback round trips and the
// sim's own work.

#include "client/answer_parsers.h"
#include "client/api_client.h"
#include "model/channel.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

bool spin(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::WaitForMoreEvents);
    }
    return done();
}

template <typename T>
std::optional<cc::ApiResult<T>> await(cc::Reply<T> *reply)
{
    std::optional<cc::ApiResult<T>> result;
    QEventLoop loop;
    reply->onFinished(&loop, [&result, &loop](const cc::ApiResult<T> &answer) {
        result = answer;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    if (!result)
        loop.exec();
    return result;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kChannels = 10000;
    constexpr int kListRuns = 5;
    constexpr int kCalls = 1000;

    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.start(QStringLiteral(CXONE_SIM_PATH), {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--channels"),
                                               QString::number(kChannels), QStringLiteral("--rate-limit"), QStringLiteral("0")});
    QByteArray banner;
    const bool listening = spin([&sim, &banner] {
        banner += sim.readAllStandardOutput();
        return banner.contains('\n') || sim.state() == QProcess::NotRunning;
    }, 30000);
    const qsizetype at = banner.indexOf("http://");
    if (!listening || at < 0) {
        std::fprintf(stderr, "bench_client: cxone-sim did not start (%s)\n", banner.constData());
        return 1;
    }
    const QUrl baseUrl(QString::fromLatin1(banner.mid(at, banner.indexOf('\n', at) - at).trimmed()));

    cc::ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.baseUrl = baseUrl;
    profile.clientId = QStringLiteral("demo");
    profile.clientSecret = QStringLiteral("demo-secret");   // the sim's documented demo credential
    profile.timeoutSeconds = 60;
    cc::ApiClient client(profile);
    if (const auto signedIn = await(client.signIn()); !signedIn || !signedIn->ok()) {
        std::fprintf(stderr, "bench_client: sign-in failed\n");
        return 1;
    }

    std::printf("bench_client: simulated tenant in a separate process at %s, %d channels, rate limit off\n",
                qPrintable(baseUrl.toString()), kChannels);

    // 1. Listing 10,000 channels: 20 pages fetched, parsed and validated.
    QList<double> listWallMs;
    QList<double> listCpuMs;
    qsizetype listed = 0;
    for (int run = 0; run < kListRuns; ++run) {
        QElapsedTimer wall;
        const double cpuBefore = cpuSeconds();
        wall.start();
        const auto result = await(client.listChannels());
        listWallMs.append(static_cast<double>(wall.nsecsElapsed()) / 1e6);
        listCpuMs.append((cpuSeconds() - cpuBefore) * 1000.0);
        if (!result || !result->ok()) {
            std::fprintf(stderr, "bench_client: listing failed: %s\n",
                         result && result->error ? qPrintable(result->error->text()) : "no answer");
            return 1;
        }
        listed = result->value->size();
    }
    std::printf("list %lld channels (20 pages of 500) over HTTP: median %.1f ms wall (best %.1f), "
                "client CPU median %.1f ms  [target < 1000 ms]\n",
                static_cast<long long>(listed), median(listWallMs),
                *std::min_element(listWallMs.begin(), listWallMs.end()), median(listCpuMs));

    // 2. Parsing alone: the same 20 pages, pre-built as the tenant's JSON bytes,
    // through the client's own page parser.
    QList<QByteArray> pages;
    {
        const auto result = await(client.listChannels());
        QJsonArray page;
        for (qsizetype i = 0; i < result->value->size(); ++i) {
            page.append(cc::channelToJson(result->value->at(i)));
            if (page.size() == 500 || i + 1 == result->value->size()) {
                pages.append(QJsonDocument(QJsonObject{{QStringLiteral("channels"), page},
                                                       {QStringLiteral("page"), pages.size() + 1},
                                                       {QStringLiteral("page_size"), 500},
                                                       {QStringLiteral("total"), kChannels}})
                                 .toJson(QJsonDocument::Compact));
                page = QJsonArray();
            }
        }
    }
    QList<double> parseMs;
    for (int run = 0; run < kListRuns; ++run) {
        QElapsedTimer wall;
        wall.start();
        qsizetype parsed = 0;
        for (const QByteArray &bytes : pages) {
            const cc::ApiResult<cc::ChannelPage> page = cc::parseChannelPageAnswer(bytes, QStringLiteral("list"), parsed);
            parsed += page.ok() ? page.value->channels.size() : 0;
        }
        parseMs.append(static_cast<double>(wall.nsecsElapsed()) / 1e6);
        if (parsed != kChannels) {
            std::fprintf(stderr, "bench_client: parsed %lld of %d\n", static_cast<long long>(parsed), kChannels);
            return 1;
        }
    }
    std::printf("parse only, %lld pre-built pages of the same channels: median %.1f ms\n",
                static_cast<long long>(pages.size()), median(parseMs));

    // 3. The client's CPU per call: sequential GETs of one channel.
    const auto first = await(client.listChannels());
    const QString channelId = first->value->first().id;
    for (int i = 0; i < 50; ++i)   // warm-up: connection, caches
        await(client.getChannel(channelId));
    QElapsedTimer wall;
    const double cpuBefore = cpuSeconds();
    wall.start();
    int failures = 0;
    for (int i = 0; i < kCalls; ++i) {
        const auto result = await(client.getChannel(channelId));
        failures += result && result->ok() ? 0 : 1;
    }
    const double wallMs = static_cast<double>(wall.nsecsElapsed()) / 1e6;
    const double cpuMs = (cpuSeconds() - cpuBefore) * 1000.0;
    std::printf("%d sequential getChannel calls: %.3f ms wall per call, client CPU %.3f ms per call "
                "(process CPU, nothing subtracted)  [target < 1 ms], %d failures\n",
                kCalls, wallMs / kCalls, cpuMs / kCalls, failures);

    sim.terminate();
    if (!sim.waitForFinished(5000))
        sim.kill();
    return failures == 0 ? 0 : 1;
}
