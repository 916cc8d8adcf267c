// The demo's story, told by the pinned scenario alone: cxone-sim started as the
// demo starts its tenant (12 channels, seed 1, resources/demo/demo-scenario.json)
// and watched by `cxonectl monitor` with the demo's monitor settings (every 5 s,
// N = M = 3, cooldown 60 s, automatic failback). Exactly one trunk degrades, is
// failed over, recovers and is failed back within the banner's two minutes;
// every other channel stays up and nothing else happens.

#include "cxonectl_run.h"
#include "sim_process.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QString kScripted = QStringLiteral("ch_57d2df");   // prod-voice-trunk-us-east-1 with seed 1
const QString kItsBackup = QStringLiteral("ch_c3c080");  // backup-east-1, its first failover channel

} // namespace

TEST(DemoStory, OneTrunkDegradesFailsOverRecoversAndFailsBackWithinTwoMinutesAndNothingElseHappens)
{
    cc::test::SimProcess sim({QStringLiteral("--channels"), QStringLiteral("12"), QStringLiteral("--seed"), QStringLiteral("1"),
                             QStringLiteral("--scenario"), QStringLiteral(CC_SOURCE_DIR "/resources/demo/demo-scenario.json")});
    ASSERT_TRUE(sim.isRunning()) << sim.startError().toStdString();
    const QDateTime simStarted = QDateTime::currentDateTimeUtc();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());

    QProcess monitor;
    monitor.setProcessEnvironment(sim.clientEnvironment());
    // cxone-console --demo's settings (app/console/main.cpp).
    monitor.start(cc::test::cxonectlBinary(),
                  {QStringLiteral("monitor"), QStringLiteral("--interval"), QStringLiteral("5"), QStringLiteral("--down-after"),
                   QStringLiteral("3"), QStringLiteral("--up-after"), QStringLiteral("3"), QStringLiteral("--cooldown"),
                   QStringLiteral("60"), QStringLiteral("--failback"), QStringLiteral("auto"), QStringLiteral("--duration"),
                   QStringLiteral("120"), QStringLiteral("--json"), QStringLiteral("--audit-db"),
                   dir.filePath(QStringLiteral("audit.sqlite"))});
    ASSERT_TRUE(monitor.waitForStarted(10000));
    ASSERT_TRUE(monitor.waitForFinished(180000)) << "cxonectl monitor --duration 120 did not end";
    ASSERT_EQ(monitor.exitCode(), 0) << monitor.readAllStandardError().toStdString();

    QList<QJsonObject> events;
    QJsonObject summary;
    const QList<QByteArray> lines = monitor.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(QStringLiteral("type")).toString() == QStringLiteral("summary"))
            summary = object;
        else if (!object.isEmpty())
            events.append(object);
    }
    ASSERT_FALSE(summary.isEmpty()) << "no summary line";

    QStringList story;   // what happened to the scripted trunk, in order
    qint64 failbackAtS = -1;
    for (const QJsonObject &event : events) {
        const QString type = event.value(QStringLiteral("type")).toString();
        const QString channel = event.value(QStringLiteral("channel_id")).toString();
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        const QString text = QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
        if (channel.isEmpty()) {
            EXPECT_TRUE(type == QStringLiteral("monitor_started") || type == QStringLiteral("monitor_stopped"))
                << "unexpected monitor-wide event: " << text.toStdString();
            continue;
        }
        if (channel != kScripted) {
            // Every other channel: its first verdict (up), and nothing else.
            EXPECT_TRUE(type == QStringLiteral("health_state_changed") && details.value(QStringLiteral("from")).toString() == QStringLiteral("unknown")
                        && details.value(QStringLiteral("to")).toString() == QStringLiteral("up"))
                << "a channel outside the story changed: " << text.toStdString();
            continue;
        }
        if (type == QStringLiteral("health_state_changed"))
            story.append(details.value(QStringLiteral("to")).toString());
        else
            story.append(type);
        if (type == QStringLiteral("failover_done")) {
            EXPECT_EQ(details.value(QStringLiteral("target")).toString(), kItsBackup) << text.toStdString();
        }
        if (type == QStringLiteral("failback_done"))
            failbackAtS = simStarted.secsTo(QDateTime::fromString(event.value(QStringLiteral("time")).toString(), Qt::ISODate));
    }
    EXPECT_EQ(story, (QStringList{QStringLiteral("up"), QStringLiteral("down"), QStringLiteral("failover_started"),
                                  QStringLiteral("failover_done"), QStringLiteral("up"), QStringLiteral("failback_started"),
                                  QStringLiteral("failback_done")}))
        << story.join(QStringLiteral(", ")).toStdString();
    EXPECT_GE(failbackAtS, 0);
    EXPECT_LE(failbackAtS, 120) << "the failback comes after the banner's two minutes";
    EXPECT_EQ(summary.value(QStringLiteral("failovers")).toInt(), 1);
    EXPECT_EQ(summary.value(QStringLiteral("failbacks")).toInt(), 1);
    EXPECT_EQ(summary.value(QStringLiteral("alarms")).toInt(), 0);
    EXPECT_EQ(summary.value(QStringLiteral("failed_over_now")).toInt(), 0);
    EXPECT_EQ(summary.value(QStringLiteral("health")).toObject().value(QStringLiteral("up")).toInt(), 12);
}
