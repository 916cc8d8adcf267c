// Benchmarks of the shared PostgreSQL trail and the leader lease (issue 16),
// against a PostgreSQL 15 the benchmark starts itself (as the tests do):
//   appends   three processes appending at once: one entry per transaction
//             (AuditStore, as a console records one action), batches of 100,
//             and the monitors' own path (AuditLog: local spool, then the
//             forwarder), each checked for one unbroken chain;
//   verify    `verify` of 1,000,000 entries in PostgreSQL (rows made here with
//             the product's canonical form and SHA-256, loaded with \copy);
//   takeover  kill -9 of the leader (cxonectl monitor --leader-lease) to the
//             standby leading, and to its first routing change (cxone-sim as
//             a process), lease 6 s three times and the default 15 s once.
// Prints its figures. Minutes: scripts/bench runs it only when asked by name
// (scripts/bench shared_store).
//   bench_shared_store [appends|verify|takeover]...   (default: all three)

#include "cxonectl_run.h"
#include "postgres_server.h"
#include "process_figures.h"
#include "sim_process.h"

#include "audit/audit_log.h"
#include "audit/audit_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace cc::bench;

namespace {

cc::AuditEntry benchEntry(const QString &writer, qint64 i)
{
    cc::AuditEntry entry;
    entry.eventType = (i % 5 == 0) ? QStringLiteral("failover_done") : QStringLiteral("health_state_changed");
    entry.channelId = QStringLiteral("ch_%1").arg(i % 50);
    entry.actor = writer;
    entry.source = cc::EventSource::Automatic;
    entry.tenant = QStringLiteral("tenant-demo");
    entry.detailsJson = cc::canonicalDetailsJson(QJsonObject{{QStringLiteral("from"), QStringLiteral("up")},
                                                             {QStringLiteral("to"), QStringLiteral("down")},
                                                             {QStringLiteral("n"), i}});
    return entry;
}

// ------------------------------------------------------------------ children

// A writer process: `count` entries through AuditStore in batches of `batch`.
int childAppendStore(const QString &url, int count, int batch, const QString &name)
{
    cc::AuditStore store;
    QString error;
    if (!store.open(url, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QList<cc::AuditEntry> entries;
    for (int i = 0; i < count; ++i) {
        entries.append(benchEntry(name, i));
        if (entries.size() == batch || i == count - 1) {
            if (!store.appendBatch(&entries, &error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
            entries.clear();
        }
    }
    return 0;
}

// A monitor's path: AuditLog.append (local spool, fsynced) and its forwarder; exits once all are in the trail.
int childAppendLog(const QString &url, int count, const QString &name, const QString &spool)
{
    cc::AuditLog log;
    log.setSpoolPath(spool);
    QString error;
    if (!log.open(url, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    int committed = 0;
    QObject::connect(&log, &cc::AuditLog::committed, &log, [&committed](quint64, const cc::AuditEntry &) { ++committed; });
    for (int i = 0; i < count; ++i) {
        cc::AuditEvent event;
        const cc::AuditEntry entry = benchEntry(name, i);
        event.eventType = entry.eventType;
        event.channelId = entry.channelId;
        event.actor = name;
        event.source = entry.source;
        event.tenant = entry.tenant;
        event.details = entry.details();
        log.append(event);
    }
    if (!QTest::qWaitFor([&committed, count] { return committed >= count; }, 600000)) {
        std::fprintf(stderr, "only %d of %d forwarded\n", committed, count);
        return 1;
    }
    return 0;
}

// ------------------------------------------------------------------ appends

struct Pg
{
    cc::test::PostgresServer server;
    bool ok = false;
    Pg()
    {
        ok = server.start();
        if (!ok)
            std::printf("PostgreSQL did not start: %s\n", qPrintable(server.error()));
        qputenv("PGPASSWORD", server.password());
    }
};

void runWriters(Pg &pg, const QString &what, const QString &database, const QStringList &childMode, int perWriter)
{
    const QString url = pg.server.createDatabase(database);
    {
        // The schema made once, before the clock starts.
        cc::AuditStore store;
        QString error;
        store.open(url, &error);
    }
    QTemporaryDir dir;
    std::vector<std::unique_ptr<QProcess>> writers;
    QElapsedTimer clock;
    clock.start();
    for (int w = 0; w < 3; ++w) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments = childMode;
        arguments << url << QString::number(perWriter) << QStringLiteral("writer-%1").arg(w)
                  << dir.filePath(QStringLiteral("spool-%1.sqlite").arg(w));
        process->start(QCoreApplication::applicationFilePath(), arguments);
        writers.push_back(std::move(process));
    }
    bool allOk = true;
    for (auto &process : writers) {
        process->waitForFinished(-1);
        allOk = allOk && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
    }
    const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    cc::AuditStore store;
    QString error;
    store.open(url, &error);
    const cc::AuditVerifyResult verified = store.verify();
    int switches = 0;
    QString lastActor;
    store.forEach({}, [&](const cc::AuditEntry &entry) {
        switches += !lastActor.isEmpty() && entry.actor != lastActor ? 1 : 0;
        lastActor = entry.actor;
        return true;
    }, &error);
    const int total = 3 * perWriter;
    std::printf("appends, %s: 3 writers x %d = %d entries in %.2f s: %.0f appends/s; %d changes of writer along the chain; "
                "%s (%lld entries)%s (load average %.1f)\n",
                qPrintable(what), perWriter, total, seconds, total / seconds, switches,
                verified.intact() ? "the chain verifies" : qPrintable(verified.message), static_cast<long long>(verified.checked),
                allOk ? "" : " A WRITER FAILED", loadAverage());
    std::fflush(stdout);
}

void benchAppends(Pg &pg)
{
    runWriters(pg, QStringLiteral("one entry per transaction (AuditStore)"), QStringLiteral("bench_appends_1"),
               {QStringLiteral("--child-store"), QStringLiteral("1")}, 2000);
    runWriters(pg, QStringLiteral("batches of 100 (AuditStore)"), QStringLiteral("bench_appends_100"),
               {QStringLiteral("--child-store"), QStringLiteral("100")}, 20000);
    runWriters(pg, QStringLiteral("the monitor's path: AuditLog, local spool (fsync per batch) then forwarded"),
               QStringLiteral("bench_appends_log"), {QStringLiteral("--child-log")}, 5000);
}

// ------------------------------------------------------------------ verify

void benchVerify(Pg &pg, qint64 count)
{
    const QString url = pg.server.createDatabase(QStringLiteral("bench_verify"));
    QString error;
    {
        cc::AuditStore store;
        if (!store.open(url, &error)) {
            std::printf("verify: %s\n", qPrintable(error));
            return;
        }
    }
    // The rows as the store would write them: sequence, canonical form, SHA-256, linked.
    // psql runs as `nobody` under root, as the server does: the file is readable to it.
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                          | QFileDevice::ExeOther);
    const QString tsv = dir.filePath(QStringLiteral("entries.tsv"));
    QFile file(tsv);
    file.open(QIODevice::WriteOnly);
    QElapsedTimer made;
    made.start();
    QString prev = cc::genesisPrevHash();
    const qint64 start = 1760000000000;
    {
        QTextStream out(&file);
        for (qint64 i = 1; i <= count; ++i) {
            cc::AuditEntry e = benchEntry(QStringLiteral("bench@host"), i);
            e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            e.sequence = i;
            e.timestampMs = start + i * 100;
            e.complianceTag = QStringLiteral("SOX");
            e.prevHash = prev;
            e.hash = cc::computeAuditHash(e);
            prev = e.hash;
            out << e.sequence << '\t' << e.id << '\t' << e.timestampMs << '\t' << e.eventType << '\t' << e.channelId << '\t'
                << e.actor << '\t' << cc::eventSourceName(e.source) << '\t' << e.tenant << '\t' << e.detailsJson << '\t'
                << e.complianceTag << '\t' << e.prevHash << '\t' << e.hash << '\n';
        }
    }
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    const double makeSeconds = static_cast<double>(made.elapsed()) / 1000.0;
    QElapsedTimer loaded;
    loaded.start();
    const QString database = url.section(QLatin1Char('/'), -1);
    if (!pg.server.psql(database, QStringLiteral("\\copy audit_entries (seq, id, ts_ms, event_type, channel_id, actor, source, "
                                                 "tenant, details, compliance_tag, prev_hash, hash) FROM '%1'").arg(tsv),
                           nullptr, 900000)
        || !pg.server.psql(database, QStringLiteral("UPDATE audit_chain_head SET seq = %1, hash = '%2' WHERE id = 1").arg(count).arg(prev))) {
        std::printf("verify: loading failed: %s\n", qPrintable(pg.server.error()));
        return;
    }
    const double loadSeconds = static_cast<double>(loaded.elapsed()) / 1000.0;

    cc::AuditStore store;
    store.open(url, &error);
    const double cpuBefore = processCpuSeconds();
    QElapsedTimer clock;
    clock.start();
    const cc::AuditVerifyResult result = store.verify();
    const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    std::printf("verify %lld entries in PostgreSQL 15 (loopback): %.1f s wall, %.1f s CPU of this process, peak RSS %.1f MB: "
                "%s (rows made in %.1f s, loaded with \\copy in %.1f s; load average %.1f)\n",
                static_cast<long long>(count), seconds, processCpuSeconds() - cpuBefore,
                static_cast<double>(statusKiB("VmHWM")) / 1024.0, qPrintable(result.message), makeSeconds, loadSeconds, loadAverage());
    std::fflush(stdout);
}

// ------------------------------------------------------------------ takeover

struct Monitor
{
    QProcess process;
    QTemporaryDir home;
    QByteArray out;
    bool says(const char *text)
    {
        out += process.readAllStandardOutput();
        const qsizetype at = out.lastIndexOf("\"type\":\"leader\"");
        const qsizetype standby = out.lastIndexOf("\"type\":\"standby\"");
        if (qstrcmp(text, "leader") == 0)
            return at >= 0 && at > standby;
        return standby >= 0 && standby > at;
    }
};

void benchTakeover(Pg &pg, int leaseSeconds, int runs)
{
    for (int run = 1; run <= runs; ++run) {
        const QString url = pg.server.createDatabase(QStringLiteral("bench_takeover_%1_%2").arg(leaseSeconds).arg(run));
        cc::test::SimProcess sim({QStringLiteral("--channels"), QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("1"),
                                  QStringLiteral("--rate-limit"), QStringLiteral("0")});
        if (!sim.isRunning()) {
            std::printf("takeover: %s\n", qPrintable(sim.startError()));
            return;
        }
        const QProcessEnvironment env = sim.clientEnvironment();
        QProcess list;
        list.setProcessEnvironment(env);
        list.start(cc::test::cxonectlBinary(), {QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")});
        list.waitForFinished(60000);
        QString downed;
        for (const QJsonValue &value : QJsonDocument::fromJson(list.readAllStandardOutput()).array()) {
            const QJsonObject channel = value.toObject();
            sim.holdStatus(channel.value(QStringLiteral("id")).toString(), QStringLiteral("healthy"));
            if (downed.isEmpty() && !channel.value(QStringLiteral("routing")).toObject().value(QStringLiteral("failover_channels")).toArray().isEmpty())
                downed = channel.value(QStringLiteral("id")).toString();
        }
        Monitor a;
        Monitor b;
        for (Monitor *m : {&a, &b}) {
            QProcessEnvironment own = env;
            own.insert(QStringLiteral("XDG_DATA_HOME"), m->home.path());
            m->process.setProcessEnvironment(own);
            m->process.start(cc::test::cxonectlBinary(),
                             {QStringLiteral("--json"), QStringLiteral("--audit-db"), url, QStringLiteral("monitor"),
                              QStringLiteral("--leader-lease"), QStringLiteral("--lease-seconds"), QString::number(leaseSeconds),
                              QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--down-after"), QStringLiteral("2"),
                              QStringLiteral("--cooldown"), QStringLiteral("0")});
            // A monitor that never says so shows as a takeover that never comes, below.
            static_cast<void>(QTest::qWaitFor([m, &a] { return m == &a ? m->says("leader") : m->says("standby"); }, 60000));
        }
        QElapsedTimer sinceKill;
        a.process.kill();   // SIGKILL: no release, the lease runs out
        sinceKill.start();
        sim.holdStatus(downed, QStringLiteral("unhealthy"));
        const bool led = QTest::qWaitFor([&b] { return b.says("leader"); }, 120000);
        const qint64 leadsMs = sinceKill.elapsed();
        const bool acted = QTest::qWaitFor([&sim] { return sim.patchesAnswered200() >= 1; }, 120000);
        const qint64 actsMs = sinceKill.elapsed();
        std::printf("takeover, lease %d s (renewals every %.1f s), run %d: kill -9 of the leader -> the standby leads in %lld ms, "
                    "-> its first routing change (channel downed at the kill, --down-after 2, 1 s cycles) in %lld ms%s "
                    "(load average %.1f)\n",
                    leaseSeconds, leaseSeconds / 5.0, run, static_cast<long long>(leadsMs), static_cast<long long>(actsMs),
                    led && acted ? "" : " (TIMED OUT)", loadAverage());
        std::fflush(stdout);
        b.process.terminate();
        b.process.waitForFinished(30000);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.value(0) == QLatin1String("--child-store"))
        return childAppendStore(args.value(2), args.value(3).toInt(), args.value(1).toInt(), args.value(4));
    if (args.value(0) == QLatin1String("--child-log"))
        return childAppendLog(args.value(1), args.value(2).toInt(), args.value(3), args.value(4));

    // Private data folders, as the tests have: nothing of the user's is touched.
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    const QStringList parts = args.isEmpty() ? QStringList{QStringLiteral("appends"), QStringLiteral("verify"), QStringLiteral("takeover")}
                                             : args;
    Pg pg;
    if (!pg.ok)
        return 1;
    std::printf("PostgreSQL 15 on 127.0.0.1:%u, started for this benchmark\n", pg.server.port());
    if (parts.contains(QLatin1String("appends")))
        benchAppends(pg);
    if (parts.contains(QLatin1String("verify")))
        benchVerify(pg, 1000000);
    if (parts.contains(QLatin1String("takeover"))) {
        benchTakeover(pg, 6, 3);
        benchTakeover(pg, 15, 1);
    }
    return 0;
}
