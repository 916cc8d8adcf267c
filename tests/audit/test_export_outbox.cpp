#include "audit_test_util.h"

#include "audit/audit_log.h"
#include "audit/audit_store.h"
#include "audit/export_outbox.h"
#include "audit/export_outbox_worker.h"
#include "sim_fixture.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::test;

namespace {

const QString kExportToken = QStringLiteral("export-endpoint-token-5c1d");

sim::SimOptions simOptions()
{
    sim::SimOptions options;
    options.exportToken = kExportToken;
    options.rateLimitPerMinute = 0;
    return options;
}

ExportOutboxOptions outboxOptions(const QString &dbPath, const QUrl &exportUrl, const QString &token = kExportToken)
{
    ExportOutboxOptions options;
    options.dbPath = dbPath;
    options.exportUrl = exportUrl;
    options.exportToken = token;
    // Fast retries for the test; the doubling is the same as in production.
    options.initialRetryMs = 20;
    options.maxRetryMs = 200;
    options.pollIntervalMs = 100;
    options.requestTimeoutMs = 5000;
    return options;
}

void appendViaLog(const QString &path, int from, int count)
{
    AuditLog log;
    ASSERT_TRUE(log.open(path));
    for (int i = from; i < from + count; ++i) {
        QString error;
        ASSERT_TRUE(log.appendAndWait(makeEvent(i), nullptr, &error)) << error.toStdString();
    }
}

// The tenant's export receiver answering, or refusing every delivery.
void setReceiverUp(SimFixture &sim, bool up)
{
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("export_receiver")}, {QStringLiteral("up"), up}});
}

QJsonArray exportedEntries(SimFixture &sim)
{
    return sim.exports().value(QStringLiteral("entries")).toArray();
}

} // namespace

TEST(ExportOutboxUrl, AcceptsHttpsAndLoopbackHttpOnly)
{
    QString error;
    EXPECT_TRUE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("https://nms.example.com/audit")), &error));
    EXPECT_TRUE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/export")), &error));
    EXPECT_TRUE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("http://localhost/export")), &error));
    EXPECT_TRUE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("http://[::1]:9/export")), &error));
    EXPECT_FALSE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("http://nms.example.com/export")), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("https"))) << error.toStdString();
    EXPECT_FALSE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("ftp://nms.example.com/export")), &error));
    EXPECT_FALSE(ExportOutbox::validateExportUrl(QUrl(QStringLiteral("not a url")), &error));

    ExportOutbox outbox(outboxOptions(QStringLiteral("unused.sqlite"), QUrl(QStringLiteral("http://10.0.0.1/export"))));
    EXPECT_FALSE(outbox.start(&error));
    EXPECT_FALSE(outbox.isStarted());
}

TEST(ExportOutboxRetry, DoublesTheWaitAfterEachFailureUpToTheCap)
{
    ExportOutboxOptions options;
    options.initialRetryMs = 1000;
    options.maxRetryMs = 60000;
    QList<int> delays;
    for (int failures = 1; failures <= 9; ++failures)
        delays.append(ExportOutboxWorker::retryDelayMs(failures, options));
    EXPECT_EQ(delays, (QList<int>{1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000}));
    EXPECT_EQ(ExportOutboxWorker::retryDelayMs(1000, options), 60000);   // no overflow
}

TEST(ExportOutbox, QueuesWhileTheReceiverIsDownSurvivesARestartAndDeliversEachEntryExactlyOnce)
{
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    setReceiverUp(sim, false);

    StoreFile file;
    appendViaLog(file.path, 0, 12);
    {
        // First run: the receiver is down, everything waits, the failure is visible.
        ExportOutbox outbox(outboxOptions(file.path, sim.exportUrl()));
        QSignalSpy errors(&outbox, &ExportOutbox::lastErrorChanged);
        QString error;
        ASSERT_TRUE(outbox.start(&error)) << error.toStdString();
        ASSERT_TRUE(QTest::qWaitFor([&] { return outbox.lastError().contains(QStringLiteral("503")); }, 10000))
            << outbox.lastError().toStdString();
        EXPECT_TRUE(outbox.lastError().contains(sim.exportUrl().toString())) << outbox.lastError().toStdString();
        EXPECT_FALSE(outbox.lastError().contains(kExportToken));
        EXPECT_EQ(outbox.pendingEntries(), 12);
        EXPECT_FALSE(errors.isEmpty());
    }   // program closed
    EXPECT_TRUE(exportedEntries(sim).isEmpty());

    // Second run: more entries while still down.
    appendViaLog(file.path, 12, 5);
    ExportOutbox outbox(outboxOptions(file.path, sim.exportUrl()));
    QString error;
    ASSERT_TRUE(outbox.start(&error)) << error.toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return outbox.pendingEntries() == 17 && !outbox.lastError().isEmpty(); }, 10000));

    setReceiverUp(sim, true);
    ASSERT_TRUE(outbox.waitUntilDrained(20000)) << outbox.lastError().toStdString();
    EXPECT_EQ(outbox.pendingEntries(), 0);
    EXPECT_TRUE(outbox.lastError().isEmpty()) << outbox.lastError().toStdString();

    const QJsonObject exports = sim.exports();
    const QJsonArray entries = exports.value(QStringLiteral("entries")).toArray();
    EXPECT_EQ(exports.value(QStringLiteral("received_total")).toInt(), 17);   // exactly once each
    EXPECT_EQ(exports.value(QStringLiteral("bad_auth")).toInt(), 0);          // the export token was sent
    AuditStore store;
    ASSERT_TRUE(store.open(file.path, &error));
    const QList<AuditEntry> stored = store.tail(100, &error);
    ASSERT_EQ(entries.size(), stored.size());
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const QJsonObject body = entries.at(i).toObject();
        EXPECT_EQ(body, stored.at(i).toExportJson());   // contract section 5, in sequence order
        EXPECT_EQ(body.value(QStringLiteral("compliance_tag")).toString(), QStringLiteral("telephony_channel_audit"));
        EXPECT_EQ(body.keys(), (QStringList{QStringLiteral("channel_id"), QStringLiteral("compliance_tag"),
                                            QStringLiteral("details"), QStringLiteral("event_type"),
                                            QStringLiteral("id"), QStringLiteral("timestamp")}));
    }

    // New entries go out as they are committed, and nothing acknowledged goes again.
    AuditLog log;
    ASSERT_TRUE(log.open(file.path));
    QObject::connect(&log, &AuditLog::entriesCommitted, &outbox, &ExportOutbox::wake);
    log.append(makeEvent(100));
    ASSERT_TRUE(QTest::qWaitFor([&] { return exportedEntries(sim).size() == 18; }, 10000));
    // Acknowledged and recorded as sent (the receiver may have it a moment before that).
    ASSERT_TRUE(outbox.waitUntilDrained(10000));
    ExportOutbox third(outboxOptions(file.path, sim.exportUrl()));
    ASSERT_TRUE(third.start(&error));
    EXPECT_TRUE(third.waitUntilDrained(10000));
    EXPECT_EQ(sim.exports().value(QStringLiteral("received_total")).toInt(), 18);
}

TEST(ExportOutbox, NeverSendsACxoneTokenAndSaysWhichTokenToFix)
{
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString cxoneToken = sim.fetchToken();
    ASSERT_FALSE(cxoneToken.isEmpty());

    StoreFile file;
    appendViaLog(file.path, 0, 2);
    {
        // Misconfigured on purpose: the receiver recognises a CXone token and refuses it.
        ExportOutbox outbox(outboxOptions(file.path, sim.exportUrl(), cxoneToken));
        QString error;
        ASSERT_TRUE(outbox.start(&error));
        ASSERT_TRUE(QTest::qWaitFor([&] { return outbox.lastError().contains(QStringLiteral("401")); }, 10000));
        EXPECT_TRUE(outbox.lastError().contains(QStringLiteral("token"))) << outbox.lastError().toStdString();
        EXPECT_FALSE(outbox.lastError().contains(cxoneToken));
        EXPECT_EQ(outbox.pendingEntries(), 2);
    }
    EXPECT_GE(sim.exports().value(QStringLiteral("bad_auth")).toInt(), 1);
    EXPECT_TRUE(exportedEntries(sim).isEmpty());

    // With the endpoint's own token the same entries go through.
    ExportOutbox outbox(outboxOptions(file.path, sim.exportUrl()));
    QString error;
    ASSERT_TRUE(outbox.start(&error));
    ASSERT_TRUE(outbox.waitUntilDrained(10000)) << outbox.lastError().toStdString();
    EXPECT_EQ(exportedEntries(sim).size(), 2);
}

TEST(ExportOutbox, SendsQualityMetricsInBulkDurablyAcrossARestart)
{
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    setReceiverUp(sim, false);

    StoreFile file;
    ExportOutboxOptions options = outboxOptions(file.path, sim.exportUrl());
    options.maxMetricsPerBatch = 4;
    {
        ExportOutbox outbox(options);
        QString error;
        ASSERT_TRUE(outbox.start(&error)) << error.toStdString();
        for (int cycle = 0; cycle < 3; ++cycle) {
            QJsonArray metrics;
            for (int c = 0; c < 2; ++c) {
                metrics.append(QJsonObject{{QStringLiteral("channel_id"), QStringLiteral("ch_%1").arg(c)},
                                           {QStringLiteral("cycle"), cycle},
                                           {QStringLiteral("latency_ms"), 120 + cycle},
                                           {QStringLiteral("sip_password"), QStringLiteral("leak-me-not")}});
            }
            outbox.enqueueMetrics(metrics);
        }
        ASSERT_TRUE(QTest::qWaitFor([&] { return outbox.pendingMetricRows() == 3 && !outbox.lastError().isEmpty(); },
                                    10000))
            << outbox.pendingMetricRows();
    }   // closed with three cycles queued
    setReceiverUp(sim, true);
    ExportOutbox outbox(options);
    QString error;
    ASSERT_TRUE(outbox.start(&error));
    ASSERT_TRUE(outbox.waitUntilDrained(10000)) << outbox.lastError().toStdString();

    const QJsonObject exports = sim.exports();
    const QJsonArray batches = exports.value(QStringLiteral("metrics_batches")).toArray();
    ASSERT_EQ(batches.size(), 2);   // 2 + 2 in the first (limit 4), 2 in the second
    int metricsSeen = 0;
    for (const QJsonValue &batch : batches) {
        const QJsonObject body = batch.toObject();
        EXPECT_EQ(body.value(QStringLiteral("export_type")).toString(), QStringLiteral("channel_quality_metrics"));
        EXPECT_TRUE(QDateTime::fromString(body.value(QStringLiteral("generated_at")).toString(), Qt::ISODate).isValid());
        metricsSeen += static_cast<int>(body.value(QStringLiteral("metrics")).toArray().size());
    }
    EXPECT_EQ(metricsSeen, 6);
    EXPECT_FALSE(QJsonDocument(exports).toJson().contains("leak-me-not"));
    EXPECT_FALSE(rawStoreBytes(file.path).contains("leak-me-not"));
}

TEST(ExportOutbox, AnEntryWithASipPasswordReachesTheReceiverRedacted)
{
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    StoreFile file;
    {
        AuditLog log;
        ASSERT_TRUE(log.open(file.path));
        AuditEvent event = makeEvent(1);
        event.eventType = QString(events::kChannelCreated);
        event.details = QJsonObject{
            {QStringLiteral("configuration"),
             QJsonObject{{QStringLiteral("authentication"),
                          QJsonObject{{QStringLiteral("username"), QStringLiteral("east")},
                                      {QStringLiteral("password"), QStringLiteral("Sip-Secret-0042")}}}}}};
        ASSERT_TRUE(log.appendAndWait(event));
    }
    ExportOutbox outbox(outboxOptions(file.path, sim.exportUrl()));
    QString error;
    ASSERT_TRUE(outbox.start(&error));
    ASSERT_TRUE(outbox.waitUntilDrained(10000)) << outbox.lastError().toStdString();
    const QByteArray received = QJsonDocument(sim.exports()).toJson();
    EXPECT_TRUE(received.contains("east"));
    EXPECT_TRUE(received.contains("[redacted]"));
    EXPECT_FALSE(received.contains("Sip-Secret-0042"));
}
