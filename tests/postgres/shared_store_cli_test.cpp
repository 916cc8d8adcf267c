// cxonectl and the shared store as processes: `audit copy` moves a file's trail
// into PostgreSQL keeping times and ids and recording the copy; three cxonectl
// processes appending at once keep one unbroken chain with every entry present;
// verify and export work on the URL as on a file; no password in any output.

#include "cxonectl_run.h"
#include "postgres_environment.h"

#include "audit/audit_store.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace cc;

namespace {

using cc::test::CliRun;

// One of several cxonectl processes that run at once: started here, awaited with finish().
std::unique_ptr<QProcess> startCxonectl(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->start(cc::test::cxonectlBinary(), arguments);
    return process;
}

CliRun finish(QProcess &process, int timeoutMs = 120000)
{
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

CliRun cxonectl(const QStringList &arguments)
{
    return cc::test::runCxonectl(arguments, QProcessEnvironment::systemEnvironment(), {}, 120000);
}

// A desktop's trail: `count` entries on channel `channel`, ids and times of its own.
QList<AuditEntry> writeFileTrail(const QString &path, int count, const QString &channel)
{
    AuditStore store;
    QString error;
    EXPECT_TRUE(store.open(path, &error)) << error.toStdString();
    QList<AuditEntry> entries;
    for (int i = 1; i <= count; ++i) {
        AuditEntry entry;
        entry.timestampMs = 1700000000000 + i * 997;
        entry.eventType = QStringLiteral("failover_done");
        entry.channelId = channel;
        entry.actor = QStringLiteral("op@%1").arg(channel);
        entry.source = EventSource::Manual;
        entry.tenant = QStringLiteral("tenant-demo");
        entry.detailsJson = canonicalDetailsJson(QJsonObject{{QStringLiteral("n"), i}});
        entries.append(entry);
    }
    EXPECT_TRUE(store.appendBatch(&entries, &error)) << error.toStdString();
    return entries;
}

class SharedStoreCli : public cc::test::PostgresDatabaseTest
{
protected:
    SharedStoreCli() : PostgresDatabaseTest(QStringLiteral("cli")) {}

    void expectNoPassword(const CliRun &run) const
    {
        const QString password = QString::fromLatin1(m_server->password());
        EXPECT_FALSE(run.out.contains(password));
        EXPECT_FALSE(run.err.contains(password));
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(SharedStoreCli, AuditCopyKeepsEachEntrysTimeAndIdAndRecordsTheCopy)
{
    const QString file = m_dir.filePath(QStringLiteral("desktop.sqlite"));
    const QList<AuditEntry> original = writeFileTrail(file, 1200, QStringLiteral("ch_desk"));
    const CliRun run = cxonectl({QStringLiteral("audit"), QStringLiteral("copy"), QStringLiteral("--from"), file, QStringLiteral("--to"), m_url});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("1200 entries copied"))) << run.out.toStdString();
    expectNoPassword(run);

    AuditStore shared;
    QString error;
    ASSERT_TRUE(shared.open(m_url, &error, AuditStore::OpenMode::ExistingOnly)) << error.toStdString();
    QList<AuditEntry> copied;
    ASSERT_TRUE(shared.forEach({}, [&copied](const AuditEntry &e) { copied.append(e); return true; }, &error));
    ASSERT_EQ(copied.size(), 1201);
    for (int i = 0; i < 1200; ++i) {
        EXPECT_EQ(copied.at(i).id, original.at(i).id);
        EXPECT_EQ(copied.at(i).timestampMs, original.at(i).timestampMs);
        EXPECT_EQ(copied.at(i).actor, original.at(i).actor);
        EXPECT_EQ(copied.at(i).detailsJson, original.at(i).detailsJson);
    }
    const AuditEntry record = copied.constLast();
    EXPECT_EQ(record.eventType, QStringLiteral("audit_copied"));
    EXPECT_EQ(record.details().value(QStringLiteral("copied")).toInt(), 1200);
    EXPECT_EQ(record.details().value(QStringLiteral("source_head_hash")).toString(), original.constLast().hash);
    EXPECT_TRUE(record.details().value(QStringLiteral("from")).toString().endsWith(QStringLiteral("desktop.sqlite")));

    // Run again: nothing is copied twice, and the second copy is recorded too.
    const CliRun again = cxonectl({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("copy"), QStringLiteral("--from"), file,
                                   QStringLiteral("--to"), m_url});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    const QJsonObject summary = QJsonDocument::fromJson(again.out.toUtf8()).object();
    EXPECT_EQ(summary.value(QStringLiteral("copied")).toInt(), 0) << again.out.toStdString();
    EXPECT_EQ(summary.value(QStringLiteral("skipped")).toInt(), 1200);
    EXPECT_EQ(shared.count({}), 1202);

    const CliRun verify = cxonectl({QStringLiteral("--audit-db"), m_url, QStringLiteral("audit"), QStringLiteral("verify")});
    EXPECT_EQ(verify.exitCode, 0) << verify.out.toStdString() << verify.err.toStdString();
    expectNoPassword(verify);
}

TEST_F(SharedStoreCli, ThreeCxonectlProcessesAppendingAtOnceKeepOneUnbrokenChain)
{
    constexpr int kPerWriter = 3000;
    QList<QList<AuditEntry>> trails;
    QStringList files;
    for (int w = 0; w < 3; ++w) {
        files.append(m_dir.filePath(QStringLiteral("writer%1.sqlite").arg(w)));
        trails.append(writeFileTrail(files.constLast(), kPerWriter, QStringLiteral("ch_writer%1").arg(w)));
    }
    // Create the schema first so that the three start appending together.
    {
        AuditStore store;
        QString error;
        ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    }
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<QProcess>> writers;
    for (const QString &file : files)
        writers.push_back(startCxonectl({QStringLiteral("audit"), QStringLiteral("copy"), QStringLiteral("--from"), file,
                                         QStringLiteral("--to"), m_url}));
    for (auto &writer : writers) {
        const CliRun run = finish(*writer);
        EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
        expectNoPassword(run);
    }
    const qint64 elapsedMs = clock.elapsed();

    const CliRun verify = cxonectl({QStringLiteral("--audit-db"), m_url, QStringLiteral("audit"), QStringLiteral("verify")});
    EXPECT_EQ(verify.exitCode, 0) << verify.out.toStdString() << verify.err.toStdString();

    AuditStore shared;
    QString error;
    ASSERT_TRUE(shared.open(m_url, &error)) << error.toStdString();
    QSet<QString> ids;
    qint64 expectedSequence = 1;
    int switches = 0;
    QString lastChannel;
    ASSERT_TRUE(shared.forEach({}, [&](const AuditEntry &e) {
        EXPECT_EQ(e.sequence, expectedSequence++);
        ids.insert(e.id);
        if (!lastChannel.isEmpty() && e.channelId != lastChannel)
            ++switches;
        lastChannel = e.channelId;
        return true;
    }, &error)) << error.toStdString();
    EXPECT_EQ(shared.count({}), 3 * kPerWriter + 3);
    for (const QList<AuditEntry> &trail : trails)
        for (const AuditEntry &e : trail)
            EXPECT_TRUE(ids.contains(e.id)) << e.id.toStdString();
    const AuditVerifyResult verified = shared.verify();
    EXPECT_TRUE(verified.intact()) << verified.message.toStdString();
    // Figures for the report: how the writers interleaved, and the rate.
    std::printf("three writers: %d entries in %lld ms (%.0f appends/s), %d changes of writer along the chain\n",
                3 * kPerWriter, static_cast<long long>(elapsedMs), 3.0 * kPerWriter * 1000.0 / std::max<qint64>(1, elapsedMs),
                switches);
}

TEST_F(SharedStoreCli, ExportWritesTheSameCsvFromTheUrl)
{
    const QString file = m_dir.filePath(QStringLiteral("desk.sqlite"));
    writeFileTrail(file, 50, QStringLiteral("ch_csv"));
    ASSERT_EQ(cxonectl({QStringLiteral("audit"), QStringLiteral("copy"), QStringLiteral("--from"), file, QStringLiteral("--to"), m_url}).exitCode, 0);
    const QString out = m_dir.filePath(QStringLiteral("trail.csv"));
    const CliRun run = cxonectl({QStringLiteral("--audit-db"), m_url, QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--csv"), out,
                                 QStringLiteral("--channel"), QStringLiteral("ch_csv")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QList<QByteArray> lines = cc::test::fileLines(out);
    ASSERT_EQ(lines.size(), 52);   // header, 50 rows, and the empty piece after the last CRLF
    EXPECT_TRUE(lines.at(0).startsWith("sequence,id,timestamp,event_type"));
}
