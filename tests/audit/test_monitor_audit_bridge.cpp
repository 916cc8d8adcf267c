#include "audit_test_util.h"

#include "audit/audit_log.h"
#include "audit/export_outbox.h"
#include "audit/monitor_audit_bridge.h"
#include "sim_fixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::test;

namespace {

MonitorSnapshotPtr snapshotWithOneSilentChannel()
{
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->cycle = 42;
    snapshot->takenAt = QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
    ChannelHealth measured;
    measured.id = QStringLiteral("ch_1");
    measured.health = HealthState::Up;
    measured.latencyMs = 80.0;
    measured.jitterMs = 5.5;
    measured.packetLossPct = 0.0;   // a real zero, kept
    measured.mos = 4.2;
    measured.codec = QStringLiteral("OPUS");
    measured.telemetryAt = snapshot->takenAt.addSecs(-60);
    ChannelHealth silent;
    silent.id = QStringLiteral("ch_2");   // no telemetry this cycle: no metric, not zeros
    snapshot->channels = {measured, silent};
    return snapshot;
}

} // namespace

TEST(MonitorAuditBridge, TurnsAMonitorEventIntoAnEntryWithItsSourceTimeAndReason)
{
    MonitorEvent event;
    event.type = QString(events::kFailoverDone);
    event.channelId = QStringLiteral("ch_1");
    event.source = EventSource::Automatic;
    event.time = QDateTime(QDate(2026, 11, 25), QTime(10, 42), Qt::UTC);
    event.details = QJsonObject{{QStringLiteral("reason"), QStringLiteral("3 bad checks")},
                                {QStringLiteral("target"), QStringLiteral("ch_2")}};
    const AuditEvent audit = auditEventFromMonitorEvent(event, QStringLiteral("tenant-demo"));
    EXPECT_EQ(audit.eventType, QStringLiteral("failover_done"));
    EXPECT_EQ(audit.channelId, QStringLiteral("ch_1"));
    EXPECT_EQ(audit.source, EventSource::Automatic);
    EXPECT_EQ(audit.timestampMs, event.time.toMSecsSinceEpoch());
    EXPECT_EQ(audit.details, event.details);
    EXPECT_EQ(audit.tenant, QStringLiteral("tenant-demo"));
}

TEST(MonitorAuditBridge, ExportsOnlyMeasuredFiguresAsMetrics)
{
    const QJsonArray metrics = qualityMetricsFromSnapshot(*snapshotWithOneSilentChannel());
    ASSERT_EQ(metrics.size(), 1);
    const QJsonObject metric = metrics.first().toObject();
    EXPECT_EQ(metric.value(QStringLiteral("channel_id")).toString(), QStringLiteral("ch_1"));
    EXPECT_EQ(metric.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-11-25T09:59:00Z"));
    EXPECT_EQ(metric.value(QStringLiteral("latency_ms")).toDouble(), 80.0);
    EXPECT_TRUE(metric.contains(QStringLiteral("packet_loss_pct")));
    EXPECT_FALSE(metric.contains(QStringLiteral("score")));   // absent, not zero
    EXPECT_EQ(metric.value(QStringLiteral("health")).toString(), healthStateName(HealthState::Up));
}

TEST(MonitorAuditBridge, RecordsEventsAndSendsCycleMetricsThroughTheOutbox)
{
    sim::SimOptions options;
    options.exportToken = QStringLiteral("bridge-token");
    SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    AuditLog log;
    ASSERT_TRUE(log.open(path));
    ExportOutboxOptions outboxOptions;
    outboxOptions.dbPath = path;
    outboxOptions.exportUrl = sim.exportUrl();
    outboxOptions.exportToken = QStringLiteral("bridge-token");
    outboxOptions.initialRetryMs = 20;
    outboxOptions.maxRetryMs = 200;
    ExportOutbox outbox(outboxOptions);
    ASSERT_TRUE(outbox.start());
    QObject::connect(&log, &AuditLog::entriesCommitted, &outbox, &ExportOutbox::wake);
    MonitorAuditBridge bridge(&log, &outbox, QStringLiteral("tenant-demo"));

    QSignalSpy committed(&log, &AuditLog::committed);
    MonitorEvent event;
    event.type = QString(events::kHealthStateChanged);
    event.channelId = QStringLiteral("ch_1");
    event.details = QJsonObject{{QStringLiteral("reason"), QStringLiteral("3 bad checks")}};
    bridge.recordEvent(event);
    bridge.exportSnapshot(snapshotWithOneSilentChannel());
    ASSERT_TRUE(committed.wait(10000));
    ASSERT_TRUE(outbox.waitUntilDrained(10000)) << outbox.lastError().toStdString();

    const QJsonObject exports = sim.exports();
    const QJsonArray entries = exports.value(QStringLiteral("entries")).toArray();
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries.first()[QStringLiteral("event_type")].toString(), QStringLiteral("health_state_changed"));
    const QJsonArray batches = exports.value(QStringLiteral("metrics_batches")).toArray();
    ASSERT_EQ(batches.size(), 1);
    EXPECT_EQ(batches.first()[QStringLiteral("metrics")].toArray().size(), 1);
}
