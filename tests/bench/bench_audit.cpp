// Benchmark of the audit trail (issue 5): sustained appends through AuditLog's
// writer thread (target >= 5,000 entries/s), then 1,000,000 entries verified
// (< 10 s) and exported to CSV (< 10 s, < 100 MB peak RSS). Prints its figures.
//   bench_audit [ENTRIES] [FOLDER]   (defaults: 1000000, a temporary folder)

#include "audit/audit_csv_writer.h"
#include "audit/audit_log.h"
#include "audit/audit_store.h"
#include "process_figures.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace cc::bench;

namespace {

// Resets VmHWM to the current RSS (Linux "clear_refs" value 5), so the peak
// measured afterwards belongs to the phase being measured.
bool resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

cc::AuditEvent benchEvent(qint64 i)
{
    cc::AuditEvent event;
    event.eventType = (i % 5 == 0) ? QStringLiteral("failover") : QStringLiteral("health_changed");
    event.channelId = QStringLiteral("ch_%1").arg(i % 50);
    event.source = cc::EventSource::Automatic;
    event.tenant = QStringLiteral("tenant-demo");
    event.details = QJsonObject{{QStringLiteral("from"), QStringLiteral("healthy")},
                                {QStringLiteral("to"), QStringLiteral("degraded")},
                                {QStringLiteral("latency_ms"), 180.5},
                                {QStringLiteral("jitter_ms"), 31.2},
                                {QStringLiteral("reason"), QStringLiteral("3 consecutive bad checks, \"quoted\", comma")}};
    return event;
}

void benchAppend(const QString &path, int count)
{
    cc::AuditLog log;
    QString error;
    if (!log.open(path, &error)) {
        std::printf("cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        std::exit(1);
    }
    int committed = 0;
    QObject context;
    QObject::connect(&log, &cc::AuditLog::committed, &context, [&] { ++committed; });
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = processCpuSeconds();
    for (int i = 0; i < count; ++i)
        log.append(benchEvent(i));
    while (committed < count)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    const double seconds = timer.nsecsElapsed() / 1e9;
    std::printf("append (writer thread, batched, synchronous=FULL): %d entries in %.2f s (%.2f s CPU) = %.0f entries/s  "
                "[target >= 5000/s: %s]\n",
                count, seconds, processCpuSeconds() - cpuStart, count / seconds,
                count / seconds >= 5000 ? "PASS" : "FAIL");

    // One at a time, each waiting for its own fsync: the worst case of a CLI.
    const int single = 200;
    timer.restart();
    for (int i = 0; i < single; ++i)
        log.appendAndWait(benchEvent(i));
    const double singleSeconds = timer.nsecsElapsed() / 1e9;
    std::printf("appendAndWait one by one: %d entries in %.2f s = %.0f entries/s (%.2f ms per durable entry)\n",
                single, singleSeconds, single / singleSeconds, 1000 * singleSeconds / single);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);   // figures appear as they are measured
    const QStringList args = QCoreApplication::arguments();
    const qint64 total = args.size() > 1 ? args.at(1).toLongLong() : 1000000;
    QTemporaryDir tempDir(args.size() > 2 ? args.at(2) + QStringLiteral("/bench-audit-XXXXXX") : QString());
    const QString path = tempDir.filePath(QStringLiteral("audit.sqlite"));
    std::printf("store: %s (load average at start %.1f on %d cores)\n", qPrintable(path), loadAverage(),
                QThread::idealThreadCount());

    benchAppend(path, 20000);

    cc::AuditStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::printf("%s\n", qPrintable(error));
        return 1;
    }
    // Fill up to `total` entries in large transactions (setup, timed for information).
    QElapsedTimer timer;
    timer.start();
    const qint64 chunk = 20000;
    for (qint64 have = store.lastSequence(); have < total;) {
        QList<cc::AuditEntry> entries;
        const qint64 n = std::min(chunk, total - have);
        entries.reserve(n);
        for (qint64 i = 0; i < n; ++i) {
            const cc::AuditEvent event = benchEvent(have + i);
            cc::AuditEntry entry;
            entry.eventType = event.eventType;
            entry.channelId = event.channelId;
            entry.source = event.source;
            entry.tenant = event.tenant;
            entry.actor = cc::defaultAuditActor();
            entry.detailsJson = cc::canonicalDetailsJson(event.details);
            entries.append(entry);
        }
        if (!store.appendBatch(&entries, &error)) {
            std::printf("%s\n", qPrintable(error));
            return 1;
        }
        have += n;
    }
    std::printf("fill: %lld entries in the store (%.1f s, store file %.0f MB)\n",
                static_cast<long long>(store.lastSequence()), timer.nsecsElapsed() / 1e9,
                QFileInfo(path).size() / 1e6);

    timer.restart();
    double cpuStart = processCpuSeconds();
    const cc::AuditVerifyResult verified = store.verify();
    const double verifySeconds = timer.nsecsElapsed() / 1e9;
    std::printf("verify: %lld entries in %.2f s (%.2f s CPU) (%s)  [target < 10 s: %s]\n",
                static_cast<long long>(verified.checked), verifySeconds, processCpuSeconds() - cpuStart,
                qPrintable(verified.message),
                verified.intact() && verifySeconds < 10 ? "PASS" : "FAIL");

    const bool peakReset = resetPeakRss();
    const qint64 rssBefore = statusKiB("VmRSS");
    const QString csvPath = tempDir.filePath(QStringLiteral("audit.csv"));
    timer.restart();
    cpuStart = processCpuSeconds();
    const cc::AuditCsvResult exported = cc::AuditCsvWriter::writeFile(
        store, csvPath, cc::AuditFilter(), cc::AuditCsvOptions(), [](qint64, qint64) { return true; });
    const double exportSeconds = timer.nsecsElapsed() / 1e9;
    const qint64 peakKb = statusKiB("VmHWM");
    std::printf("csv export: %lld rows, %.0f MB in %.2f s (%.2f s CPU)  [target < 10 s: %s]\n",
                static_cast<long long>(exported.rows), QFileInfo(csvPath).size() / 1e6, exportSeconds,
                processCpuSeconds() - cpuStart,
                exported.ok && exportSeconds < 10 ? "PASS" : "FAIL");
    std::printf("csv export memory: peak RSS %.1f MB (RSS before %.1f MB; peak %s)  [target < 100 MB: %s]\n",
                peakKb / 1024.0, rssBefore / 1024.0,
                peakReset ? "reset before the export" : "since process start: clear_refs unavailable",
                peakKb / 1024.0 < 100 ? "PASS" : "FAIL");
    std::printf("load average at end %.1f\n", loadAverage());
    return 0;
}
