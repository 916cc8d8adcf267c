// SIP OPTIONS probing from one worker thread (issue 17): the worker's CPU per
// probe and per second while 5,000 trunks are probed every 30 s (goal: under 2 %
// of one core), and the largest number of trunks one worker probes every 10 s
// without missing its schedule (no probe started 100 ms or more late, none
// skipped). The trunks' SIP server is a responder on 127.0.0.1 in the main
// thread, so the worker's CPU clock counts the prober alone.
//
//   bench_sip_probe [--quick]     (--quick: 10 s instead of 30 s for the 5,000-trunk run)

#include "sip/sip_codec.h"
#include "sip/sip_probe_service.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkDatagram>
#include <QThread>
#include <QTimer>
#include <QUdpSocket>

#include <cstdio>
#include <ctime>
#include <pthread.h>

namespace {

// Answers every OPTIONS 200, as fast as it can.
class Responder final : public QObject
{
public:
    Responder()
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        m_socket.setReadBufferSize(0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram datagram = m_socket.receiveDatagram();
                m_socket.writeDatagram(cc::SipCodec::buildResponse(datagram.data(), 200, QStringLiteral("OK"), QStringLiteral("b"), QString()),
                                       datagram.senderAddress(), static_cast<quint16>(datagram.senderPort()));
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }

private:
    QUdpSocket m_socket;
};

double threadCpuSeconds(pthread_t thread)
{
    clockid_t clock;
    if (pthread_getcpuclockid(thread, &clock) != 0)
        return 0;
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct RunResult
{
    double wallSeconds = 0;
    double workerCpuSeconds = 0;
    qint64 probes = 0;
    qint64 answered = 0;
    cc::SipProbeScheduleStats schedule;
};

// Probes `trunks` targets every `intervalMs` for `durationMs` from a worker thread.
RunResult run(int trunks, int intervalMs, int durationMs, quint16 port)
{
    QThread worker;
    worker.start();
    auto *anchor = new QObject;
    anchor->moveToThread(&worker);
    QObject::connect(&worker, &QThread::finished, anchor, &QObject::deleteLater);
    pthread_t workerThread{};
    cc::SipProbeService *service = nullptr;
    qint64 answered = 0;
    QMetaObject::invokeMethod(anchor, [&] {
        workerThread = pthread_self();
        service = new cc::SipProbeService();
        QList<cc::SipProbeTarget> targets;
        targets.reserve(trunks);
        for (int i = 0; i < trunks; ++i)
            targets.append({QStringLiteral("ch_%1").arg(i), QStringLiteral("sip:t%1@127.0.0.1:%2").arg(i).arg(port), intervalMs, 2000});
        service->setTargets(targets);
        QObject::connect(service, &cc::SipProbeService::probed, service, [&answered](const cc::SipProbeReport &report) {
            answered += report.result.answered() ? 1 : 0;
        });
    }, Qt::BlockingQueuedConnection);
    const double cpuBefore = threadCpuSeconds(workerThread);
    QElapsedTimer wall;
    wall.start();
    QMetaObject::invokeMethod(service, [service] { service->start(); }, Qt::BlockingQueuedConnection);
    QEventLoop loop;
    QTimer::singleShot(durationMs, &loop, &QEventLoop::quit);
    loop.exec();
    RunResult result;
    QMetaObject::invokeMethod(service, [&] {
        service->stop();
        result.schedule = service->scheduleStats();
        result.answered = answered;
    }, Qt::BlockingQueuedConnection);
    result.wallSeconds = static_cast<double>(wall.elapsed()) / 1000.0;
    result.workerCpuSeconds = threadCpuSeconds(workerThread) - cpuBefore;
    result.probes = result.schedule.launched;
    QMetaObject::invokeMethod(service, [service] { delete service; }, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
    return result;
}

bool keptSchedule(const RunResult &result)
{
    return result.schedule.lateOver100Ms == 0 && result.schedule.skippedBusy == 0 && result.schedule.missedIntervals == 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    Responder responder;

    const int duration = quick ? 10000 : 30000;
    const RunResult steady = run(5000, 30000, duration, responder.port());
    const double perProbeUs = steady.probes ? steady.workerCpuSeconds / static_cast<double>(steady.probes) * 1e6 : 0;
    std::printf("5,000 trunks every 30 s for %.1f s: %lld probes (%lld answered), worker CPU %.3f s = %.2f %% of one core "
                "(goal < 2 %%), %.1f us per probe; latest start %.1f ms after due, %lld skipped, %lld missed intervals\n",
                steady.wallSeconds, static_cast<long long>(steady.probes), static_cast<long long>(steady.answered),
                steady.workerCpuSeconds, 100.0 * steady.workerCpuSeconds / steady.wallSeconds, perProbeUs,
                steady.schedule.maxLateMs, static_cast<long long>(steady.schedule.skippedBusy),
                static_cast<long long>(steady.schedule.missedIntervals));
    std::fflush(stdout);

    // One 10-second interval per step, doubling until the schedule slips.
    int largest = 0;
    for (int trunks = 10000; trunks <= 320000; trunks *= 2) {
        const RunResult step = run(trunks, 10000, 10000, responder.port());
        std::printf("%d trunks every 10 s: %lld probes in %.1f s, worker CPU %.0f %% of one core, latest start %.1f ms after due, "
                    "%lld over 100 ms late, %lld skipped, %lld answered -> %s\n",
                    trunks, static_cast<long long>(step.probes), step.wallSeconds,
                    100.0 * step.workerCpuSeconds / step.wallSeconds, step.schedule.maxLateMs,
                    static_cast<long long>(step.schedule.lateOver100Ms), static_cast<long long>(step.schedule.skippedBusy),
                    static_cast<long long>(step.answered), keptSchedule(step) ? "kept its schedule" : "missed its schedule");
        std::fflush(stdout);
        if (!keptSchedule(step))
            break;
        largest = trunks;
    }
    std::printf("largest trunk count probed every 10 s on schedule by one worker: %d (steps of x2 from 10,000)\n", largest);
    return 0;
}
