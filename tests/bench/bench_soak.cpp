// Soak: does it run for days on a wall? The console (its real window,
// offscreen, connected through a saved profile as a person does), a headless
// `cxonectl monitor` and the simulated tenant (each its own process) run
// together at 1,000 channels and a 1 s cadence; every minute the resident
// memory of each is printed, and at the end its growth after the first
// minutes (issue 15's goal: under 5 MB each).
//
//   bench_soak [--minutes N] [--channels N] [--interval S] [--warmup-minutes N]
//
// Defaults: 60 minutes, 1,000 channels, 1 s, growth measured from minute 5.

#include "console_session.h"
#include "cxonectl_run.h"
#include "process_figures.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace cc::e2e;

namespace {

qint64 simPid()
{
    // cxone-sim is the only one of its name this run started; its pid from /proc.
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-n"), QStringLiteral("-x"), QStringLiteral("cxone-sim")});
    pgrep.waitForFinished(5000);
    return pgrep.readAllStandardOutput().trimmed().toLongLong();
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QTemporaryDir home;
    for (const char *variable : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qputenv(variable, QFile::encodeName(home.filePath(QString::fromLatin1(variable).toLower())));
    qputenv("HOME", QFile::encodeName(home.path()));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ChannelConsoleBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench-soak"));

    QCommandLineParser parser;
    const QCommandLineOption minutesOption(QStringLiteral("minutes"), QStringLiteral("How long (default 60)."), QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption channelsOption(QStringLiteral("channels"), QStringLiteral("Channels (default 1000)."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"), QStringLiteral("Cadence in seconds (default 1)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup-minutes"), QStringLiteral("Growth counted from here (default 5)."), QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({minutesOption, channelsOption, intervalOption, warmupOption});
    parser.addHelpOption();
    parser.process(app);
    const int minutes = std::max(1, parser.value(minutesOption).toInt());
    const int channels = std::max(1, parser.value(channelsOption).toInt());
    const int interval = std::max(1, parser.value(intervalOption).toInt());
    const int warmup = std::clamp(parser.value(warmupOption).toInt(), 0, minutes - 1);

    ConsoleSession session(seededSimArguments(channels));
    if (!session.sim().isRunning()) {
        std::fprintf(stderr, "bench_soak: the simulated tenant did not start: %s\n", qPrintable(session.sim().startError()));
        return 1;
    }
    MonitorChoice choice;
    choice.pollSeconds = interval;
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("Soak tenant"), choice);
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "bench_soak: the console did not connect: %s\n", qPrintable(problem));
        return 1;
    }
    session.openPage(QStringLiteral("Dashboard"));

    QProcess monitor;
    monitor.setProcessEnvironment(session.sim().clientEnvironment());
    monitor.setStandardOutputFile(QProcess::nullDevice());
    monitor.setStandardErrorFile(QProcess::nullDevice());
    monitor.start(cc::test::cxonectlBinary(),
                  {QStringLiteral("monitor"), QStringLiteral("--interval"), QString::number(interval),
                   QStringLiteral("--duration"), QString::number(minutes * 60 + 60),
                   QStringLiteral("--audit-db"), home.filePath(QStringLiteral("monitor-audit.sqlite"))});
    if (!monitor.waitForStarted(10000)) {
        std::fprintf(stderr, "bench_soak: cxonectl monitor did not start: %s\n", qPrintable(monitor.errorString()));
        return 1;
    }
    const qint64 sim = simPid();

    std::printf("soak: %d channels, %d s cadence, %d minutes (console offscreen, cxonectl monitor, cxone-sim)\n",
                channels, interval, minutes);
    std::printf("%6s %14s %14s %14s\n", "minute", "console MiB", "monitor MiB", "sim MiB");
    qint64 base[3] = {0, 0, 0};
    qint64 last[3] = {0, 0, 0};
    for (int minute = 0; minute <= minutes; ++minute) {
        if (minute > 0)
            QTest::qWait(60 * 1000);
        last[0] = cc::bench::statusKiB("VmRSS", QCoreApplication::applicationPid());
        last[1] = cc::bench::statusKiB("VmRSS", monitor.processId());
        last[2] = cc::bench::statusKiB("VmRSS", sim);
        if (minute == warmup)
            std::copy(std::begin(last), std::end(last), std::begin(base));
        std::printf("%6d %14.1f %14.1f %14.1f\n", minute, last[0] / 1024.0, last[1] / 1024.0, last[2] / 1024.0);
        std::fflush(stdout);
    }
    std::printf("growth from minute %d to %d (goal under 5 MiB each): console %+.1f MiB, monitor %+.1f MiB, sim %+.1f MiB\n",
                warmup, minutes, (last[0] - base[0]) / 1024.0, (last[1] - base[1]) / 1024.0, (last[2] - base[2]) / 1024.0);
    monitor.terminate();
    monitor.waitForFinished(10000);
    return 0;
}
