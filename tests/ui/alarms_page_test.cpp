// The Alarms page and the window's alarm count (issue 15): the table model
// under Qt's model tester; the page worked by mouse and keys against a real
// AlarmKeeper on a SQLite file (acknowledge with a comment, shelve, unshelve,
// the unacknowledged-only filter, history on a double-click); and the
// controller with a real monitor on the simulated tenant: the title and the
// status bar count the unacknowledged alarms, and a notification comes once
// per new alarm, never again once it is acknowledged.

#include "alarm_table_model.h"
#include "alarms_controller.h"
#include "alarms_page.h"
#include "dashboard_page.h"

#include "widget_test_support.h"

#include "alarms/alarm_keeper.h"
#include "audit/audit_log.h"
#include "client/rate_budget.h"
#include "monitor/monitor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui;
using namespace cc::ui::test;

namespace {

const QString kTenantKey = QStringLiteral("http://127.0.0.1:1|demo");

Alarm alarm(qint64 number, AlarmKind kind, const QString &channel)
{
    Alarm a;
    a.number = number;
    a.tenantKey = kTenantKey;
    a.kind = kind;
    a.channelId = channel;
    a.channelName = QStringLiteral("trunk-") + channel;
    a.summary = QStringLiteral("down, and no failover channel is configured");
    a.firstSeen = QDateTime::currentDateTimeUtc().addSecs(-600);
    a.lastSeen = QDateTime::currentDateTimeUtc();
    return a;
}

AlarmSetPtr setOf(const QList<Alarm> &alarms)
{
    auto set = std::make_shared<AlarmSet>();
    set->at = QDateTime::currentDateTimeUtc();
    set->alarms = alarms;
    return set;
}

// A monitor cycle, now, that finds each of the channels `ids` down.
MonitorSnapshotPtr allDown(const QStringList &ids)
{
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->takenAt = QDateTime::currentDateTimeUtc();
    for (const QString &id : ids) {
        ChannelHealth row;
        row.id = id;
        row.name = QStringLiteral("trunk-") + id;
        row.health = HealthState::Down;
        row.tenantStatus = ChannelStatus::Unhealthy;
        row.latencyMs = 300.0;
        row.telemetryAt = snapshot->takenAt;
        snapshot->channels.append(row);
    }
    return snapshot;
}

// The visible row of the page's table whose Id column reads `id` (-1 if none).
int rowOf(QTableView *view, const QString &id)
{
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, int(AlarmTableModel::Column::Id)).data().toString() == id)
            return row;
    }
    return -1;
}

QString cell(QTableView *view, const QString &id, AlarmTableModel::Column column)
{
    const int row = rowOf(view, id);
    return row < 0 ? QString() : view->model()->index(row, int(column)).data().toString();
}

void clickRow(QTableView *view, int row, bool doubleClick = false)
{
    const QRect rect = view->visualRect(view->model()->index(row, int(AlarmTableModel::Column::Channel)));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    if (doubleClick)
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

QWidget *waitForModal()
{
    QWidget *dialog = nullptr;
    waitUntil([&] {
        dialog = QApplication::activeModalWidget();
        return dialog != nullptr && dialog->isVisible();
    });
    return dialog;
}

} // namespace

TEST(AlarmTableModelTest, KeepsItsRowsByIdAcrossSetsAndPassesQtsModelTester)
{
    AlarmTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAlarms(setOf({alarm(1, AlarmKind::Down, QStringLiteral("a")), alarm(2, AlarmKind::FailedOver, QStringLiteral("b"))}));
    ASSERT_EQ(model.rowCount(), 2);
    Alarm acked = alarm(2, AlarmKind::FailedOver, QStringLiteral("b"));
    acked.acknowledgedAt = QDateTime::currentDateTimeUtc();
    acked.acknowledgedBy = QStringLiteral("ana@noc");
    acked.ackComment = QStringLiteral("carrier ticket 4411");
    model.setAlarms(setOf({acked, alarm(3, AlarmKind::Degraded, QStringLiteral("c"))}));
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.rowOf(1), -1);
    const QModelIndex handled = model.index(model.rowOf(2), int(AlarmTableModel::Column::HandledBy));
    EXPECT_EQ(handled.data().toString(), QStringLiteral("ana@noc: carrier ticket 4411"));
    EXPECT_EQ(model.index(model.rowOf(2), int(AlarmTableModel::Column::State)).data().toString(), QStringLiteral("Acknowledged"));
    EXPECT_EQ(model.index(model.rowOf(3), int(AlarmTableModel::Column::Alarm)).data().toString(),
              QStringLiteral("Minor · Degraded quality"));
    EXPECT_EQ(model.index(model.rowOf(3), int(AlarmTableModel::Column::Duration)).data().toString(), QStringLiteral("10 min"));
    // New before acknowledged in the "worst first" order, whatever the severity.
    EXPECT_LT(model.index(model.rowOf(3), int(AlarmTableModel::Column::State)).data(AlarmTableModel::RawValueRole).toInt(),
              model.index(model.rowOf(2), int(AlarmTableModel::Column::State)).data(AlarmTableModel::RawValueRole).toInt());
    QList<Alarm> many;
    for (int i = 0; i < 5000; ++i)
        many.append(alarm(100 + i, AlarmKind::Down, QString::number(i)));
    model.setAlarms(setOf(many));
    EXPECT_EQ(model.rowCount(), 5000);
    model.setAlarms(setOf(many.mid(0, 10)));
    EXPECT_EQ(model.rowCount(), 10);
}

class AlarmsPageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        AlarmKeeperOptions options;
        options.storePath = m_dir.filePath(QStringLiteral("audit.sqlite"));
        options.tenantKey = kTenantKey;
        options.tenant = QStringLiteral("NOC tenant");
        options.pollIntervalMs = 200;
        m_keeper = std::make_unique<AlarmKeeper>(options);
        m_page.setKeeper(m_keeper.get());
        m_page.resize(1200, 600);
        m_page.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_page));
        m_keeper->start();
        // Two channels down for two cycles: two alarms.
        const QStringList down{QStringLiteral("a"), QStringLiteral("b")};
        m_keeper->observeSnapshot(allDown(down));
        m_keeper->observeSnapshot(allDown(down));
        m_view = child<QTableView>(m_page, "alarmTable");
        ASSERT_NE(m_view, nullptr);
        ASSERT_TRUE(waitUntil([&] { return m_view->model()->rowCount() == 2; }));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<AlarmKeeper> m_keeper;
    AlarmsPage m_page;
    QTableView *m_view = nullptr;
};

TEST_F(AlarmsPageTest, AcknowledgingAsksForACommentAndTheAlarmStaysListedQuiet)
{
    QLabel *summary = child<QLabel>(m_page, "alarmSummary");
    EXPECT_EQ(summary->text(), QStringLiteral("2 unacknowledged"));
    auto *acknowledge = child<QPushButton>(m_page, "acknowledgeAlarm");
    EXPECT_FALSE(acknowledge->isEnabled()) << "nothing selected yet";
    clickRow(m_view, rowOf(m_view, QStringLiteral("A1")));
    ASSERT_TRUE(acknowledge->isEnabled());
    QTest::mouseClick(acknowledge, Qt::LeftButton);
    QWidget *dialog = waitForModal();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Acknowledge alarm A1"));
    auto *ok = child<QPushButton>(*dialog, "acknowledgeButton");
    EXPECT_FALSE(ok->isEnabled()) << "no comment, no acknowledgement";
    QTest::keyClicks(child<QLineEdit>(*dialog, "acknowledgeComment"), QStringLiteral("carrier ticket 4411"));
    EXPECT_TRUE(ok->isEnabled());
    QTest::keyClick(child<QLineEdit>(*dialog, "acknowledgeComment"), Qt::Key_Return);
    ASSERT_TRUE(waitUntil([&] { return cell(m_view, QStringLiteral("A1"), AlarmTableModel::Column::State) == QStringLiteral("Acknowledged"); }));
    EXPECT_TRUE(cell(m_view, QStringLiteral("A1"), AlarmTableModel::Column::HandledBy).endsWith(QStringLiteral(": carrier ticket 4411")));
    EXPECT_EQ(summary->text(), QStringLiteral("1 unacknowledged · 1 acknowledged"));
    EXPECT_EQ(child<QLabel>(m_page, "alarmMessage")->text(), QStringLiteral("alarm A1 acknowledged"));

    QCheckBox *only = child<QCheckBox>(m_page, "unacknowledgedOnly");
    QTest::mouseClick(only, Qt::LeftButton, {}, QPoint(6, only->height() / 2));
    EXPECT_EQ(m_view->model()->rowCount(), 1);
    EXPECT_EQ(rowOf(m_view, QStringLiteral("A1")), -1);
    QTest::mouseClick(only, Qt::LeftButton, {}, QPoint(6, only->height() / 2));
    EXPECT_EQ(m_view->model()->rowCount(), 2);
}

TEST_F(AlarmsPageTest, ShelvingHidesItForTheChosenTimeAndUnshelveBringsItBack)
{
    clickRow(m_view, rowOf(m_view, QStringLiteral("A2")));
    QTest::mouseClick(child<QPushButton>(m_page, "shelveAlarm"), Qt::LeftButton);
    QWidget *dialog = waitForModal();
    ASSERT_NE(dialog, nullptr);
    auto *duration = child<QComboBox>(*dialog, "shelveFor");
    ASSERT_NE(duration, nullptr);
    QStringList choices;
    for (int i = 0; i < duration->count(); ++i)
        choices.append(duration->itemText(i));
    EXPECT_EQ(choices.mid(0, 4), (QStringList{QStringLiteral("15 min"), QStringLiteral("30 min"), QStringLiteral("1 h"),
                                              QStringLiteral("4 h")}));
    EXPECT_TRUE(choices.last().startsWith(QStringLiteral("Until a time")));
    duration->setFocus();
    QTest::keyClick(duration, Qt::Key_Down);   // 30 min → 1 h
    EXPECT_EQ(duration->currentText(), QStringLiteral("1 h"));
    QTest::keyClicks(child<QLineEdit>(*dialog, "shelveReason"), QStringLiteral("carrier maintenance"));
    QTest::mouseClick(child<QPushButton>(*dialog, "shelveButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] {
        return cell(m_view, QStringLiteral("A2"), AlarmTableModel::Column::State).startsWith(QStringLiteral("Shelved until"));
    }));
    EXPECT_TRUE(cell(m_view, QStringLiteral("A2"), AlarmTableModel::Column::HandledBy).endsWith(QStringLiteral(": carrier maintenance")));
    EXPECT_EQ(child<QLabel>(m_page, "alarmSummary")->text(), QStringLiteral("1 unacknowledged · 1 shelved"));

    clickRow(m_view, rowOf(m_view, QStringLiteral("A2")));
    auto *unshelve = child<QPushButton>(m_page, "unshelveAlarm");
    ASSERT_TRUE(unshelve->isEnabled());
    QTest::mouseClick(unshelve, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return cell(m_view, QStringLiteral("A2"), AlarmTableModel::Column::State) == QStringLiteral("New"); }));
}

TEST_F(AlarmsPageTest, ADoubleClickOpensTheChannelsHistory)
{
    QSignalSpy history(&m_page, &AlarmsPage::historyRequested);
    clickRow(m_view, rowOf(m_view, QStringLiteral("A2")), true);
    ASSERT_EQ(history.count(), 1);
    EXPECT_EQ(history.first().first().toString(), QStringLiteral("b"));
}

TEST_F(AlarmsPageTest, SeveralSelectedAlarmsAreAcknowledgedAtOnce)
{
    m_view->setFocus();
    clickRow(m_view, 0);
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QTest::mouseClick(child<QPushButton>(m_page, "acknowledgeAlarm"), Qt::LeftButton);
    QWidget *dialog = waitForModal();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Acknowledge 2 alarms"));
    QTest::keyClicks(child<QLineEdit>(*dialog, "acknowledgeComment"), QStringLiteral("carrier outage, ticket 9"));
    QTest::mouseClick(child<QPushButton>(*dialog, "acknowledgeButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return child<QLabel>(m_page, "alarmSummary")->text() == QStringLiteral("0 unacknowledged · 2 acknowledged"); }))
        << child<QLabel>(m_page, "alarmSummary")->text().toStdString();
    EXPECT_EQ(child<QLabel>(m_page, "alarmMessage")->text(), QStringLiteral("2 alarms: done"));
}

TEST(AlarmsControllerTest, TheTitleAndStatusBarCountUnacknowledgedAlarmsAndEachNewOneNotifiesOnce)
{
    cc::test::SimFixture sim(simOptions(4));
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString first = sim.channelId(0);
    const QString second = sim.channelId(1);
    auto &store = sim.tenant().channels();
    QString error;
    for (const QString &id : store.orderedIds()) {
        store.patch(id, QJsonObject{{QStringLiteral("routing"), QJsonObject{{QStringLiteral("primary_channel_id"), QJsonValue::Null},
                                                                             {QStringLiteral("failover_channels"), QJsonArray{}}}}},
                    std::nullopt, QDateTime::currentDateTimeUtc());
        ASSERT_TRUE(sim.tenant().applyAction({{QStringLiteral("action"), QStringLiteral("set_status")},
                                              {QStringLiteral("channel_id"), id},
                                              {QStringLiteral("status"), id == first ? QStringLiteral("unhealthy")
                                                                                     : QStringLiteral("healthy")}},
                                             &error));
    }
    QTemporaryDir dir;
    QMainWindow window;
    auto *page = new AlarmsPage;
    auto *dashboard = new DashboardPage;
    dashboard->setNotificationsEnabled(true);
    window.setCentralWidget(page);
    dashboard->setParent(&window);
    AlarmsController controller(&window, page, dashboard);
    window.show();
    QSignalSpy notified(dashboard, &DashboardPage::notified);

    ClientOptions client;
    client.budget = std::make_shared<RateBudget>(1000000);
    MonitorSettings settings;
    settings.intervalMs = 200;
    settings.failover.hysteresis = {2, 2, 2};
    // The simulated readings may dip under the quality rule; this test counts the down alarms only.
    settings.failover.quality.minScore = 0.0;
    settings.failover.quality.minMos = 1.0;
    Monitor monitor(simProfile(sim), client, settings);
    AuditLog audit;
    ASSERT_TRUE(audit.open(dir.filePath(QStringLiteral("audit.sqlite"))));
    controller.connectTo(&monitor, QStringLiteral("sim|demo"), QStringLiteral("NOC tenant"), settings, &audit);
    monitor.start();
    auto *status = window.statusBar()->findChild<QToolButton *>(QStringLiteral("alarmStatus"));
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(waitUntil([&] { return window.windowTitle() == QStringLiteral("1 alarm — NOC tenant — Channel Console"); }, 30000))
        << window.windowTitle().toStdString();
    EXPECT_EQ(status->text(), QStringLiteral("⚠ 1 alarm unacknowledged"));
    ASSERT_TRUE(notified.wait(10000));
    EXPECT_EQ(notified.last().first().toString(),
              sim.tenant().channels().find(first)->name + QStringLiteral(": down, calls not carried"));

    // Acknowledged: the count drops, and no notification comes back for it; the
    // trail's readers (the Audit page, the outbox) hear of the entry.
    QSignalSpy committed(&audit, &AuditLog::entriesCommitted);
    controller.keeper()->acknowledge(1, QStringLiteral("on it"));
    EXPECT_TRUE(waitUntil([&] { return !committed.isEmpty(); }));
    ASSERT_TRUE(waitUntil([&] { return window.windowTitle() == QStringLiteral("NOC tenant — Channel Console"); }));
    EXPECT_EQ(status->text(), QStringLiteral("Alarms: 1 handled"));
    ASSERT_TRUE(sim.tenant().applyAction({{QStringLiteral("action"), QStringLiteral("set_status")},
                                          {QStringLiteral("channel_id"), second},
                                          {QStringLiteral("status"), QStringLiteral("unhealthy")}},
                                         &error));
    ASSERT_TRUE(waitUntil([&] { return window.windowTitle() == QStringLiteral("1 alarm — NOC tenant — Channel Console"); }, 30000));
    ASSERT_TRUE(waitUntil([&] { return notified.count() == 2; }));
    EXPECT_TRUE(notified.last().first().toString().contains(sim.tenant().channels().find(second)->name))
        << notified.last().first().toString().toStdString();
    QTest::qWait(3 * AlarmsPage::kTickMs / 2);   // ticks and cycles pass: nothing is announced again
    EXPECT_EQ(notified.count(), 2);
    QSignalSpy show(&controller, &AlarmsController::showAlarmsRequested);
    QTest::mouseClick(status, Qt::LeftButton);
    EXPECT_EQ(show.count(), 1);
    controller.disconnectFromMonitor();
    EXPECT_EQ(status->text(), QStringLiteral("Alarms: —"));
}
