// The product's journeys, end to end at 12 and 1,000 channels:
// cxone-sim as its own process, the console driven only through what a person
// touches. scripts/walkthrough runs these under Xvfb with CC_WALKTHROUGH_DIR
// set, leaving a screenshot of each step.

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QScrollBar>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

const QString kTrunk = QStringLiteral("prod-voice-trunk-us-east-1");
const QString kTrunkId = QStringLiteral("ch_57d2df");
const QString kBackup = QStringLiteral("backup-east-1");

class Journey : public ::testing::TestWithParam<int>
{
protected:
    QString tag(const QString &step) const { return QStringLiteral("%1-%2").arg(GetParam()).arg(step); }
};

QString labelText(QWidget *root, const char *name)
{
    auto *label = root->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

TEST_P(Journey, ShiftStartPicksTheProfileAndLeavesTheDashboardOnTheWall)
{
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("NOC tenant"));
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
    session.screenshot(tag(QStringLiteral("shift-channels")));
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    QAbstractItemView *channels = nullptr;
    ASSERT_TRUE(waitFor([&] {
        channels = session.dashboardChannels();
        return channels != nullptr && channels->model()->rowCount() == GetParam();
    }, 30000)) << "the dashboard does not show every channel";
    // A dozen trunks are tiles; a thousand are a status grid that shows every one without scrolling.
    EXPECT_EQ(channels->objectName(), GetParam() > 48 ? QStringLiteral("statusGrid") : QStringLiteral("tileView"));
    if (GetParam() > 48) {
        EXPECT_EQ(channels->verticalScrollBar()->maximum(), 0) << "the grid of " << GetParam() << " channels scrolls";
    }
    EXPECT_TRUE(waitFor([&] { return labelText(session.window(), "monitorStatus").startsWith(QStringLiteral("Monitor: every")); }, 20000));
    session.screenshot(tag(QStringLiteral("shift-dashboard")));
}

TEST_P(Journey, ProvisioningATrunkCatchesMistakesInTheFormThenCreatesIt)
{
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("NOC tenant")).isEmpty());
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("Channel"), QStringLiteral("New channel…")}));
    QWidget *editor = waitForDialog();
    ASSERT_NE(editor, nullptr) << "Channel > New channel… opened no editor";
    ASSERT_TRUE(typeInto(fieldByLabel(editor, QStringLiteral("Name")), QStringLiteral("lab-trunk-01")));
    ASSERT_TRUE(typeInto(fieldByLabel(editor, QStringLiteral("SIP server")), QStringLiteral("bad server!")));
    session.screenshot(tag(QStringLiteral("provision-mistake")));
    EXPECT_FALSE(visibleText(editor).isEmpty());
    ASSERT_TRUE(typeInto(fieldByLabel(editor, QStringLiteral("SIP server")), QStringLiteral("sip.lab-carrier.example")));
    ASSERT_TRUE(typeInto(fieldByLabel(editor, QStringLiteral("Username")), QStringLiteral("lab")));
    ASSERT_TRUE(typeInto(fieldByLabel(editor, QStringLiteral("Password")), QStringLiteral("lab-secret-1")));
    session.screenshot(tag(QStringLiteral("provision-fixed")));
    const QPointer<QWidget> closing(editor);   // the editor deletes itself once the tenant has the channel
    const bool saved = clickButton(editor, QStringLiteral("Create")) || clickButton(editor, QStringLiteral("Save"));
    ASSERT_TRUE(saved) << "no enabled Create or Save button: " << visibleText(closing).toStdString();
    ASSERT_TRUE(waitUntilClosed(closing, 15000)) << visibleText(closing).toStdString();
    QAbstractItemView *table = session.viewOnPage("channelTable");
    ASSERT_NE(table, nullptr);
    EXPECT_TRUE(waitFor([&] { return !cellText(table, QStringLiteral("lab-trunk-01"), QStringLiteral("Id")).isEmpty(); }, 15000))
        << "the new trunk is not in the table";
    session.screenshot(tag(QStringLiteral("provision-created")));
}

TEST_P(Journey, QualityAnalysisShowsAChannelsCharts)
{
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("NOC tenant")).isEmpty());
    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+3")));
    auto *channel = session.window()->findChild<QComboBox *>(QStringLiteral("qualityChannel"));
    ASSERT_NE(channel, nullptr);
    ASSERT_TRUE(waitFor([&] { return channel->findText(kTrunk, Qt::MatchStartsWith) >= 0; }, 15000));
    const QString entry = channel->itemText(channel->findText(kTrunk, Qt::MatchStartsWith));
    ASSERT_TRUE(chooseInCombo(channel, entry));
    clickButton(session.window(), QStringLiteral("Load"));
    EXPECT_TRUE(waitFor([&] { return visibleText(session.window()).contains(QStringLiteral("MOS")); }, 15000));
    QTest::qWait(2000);
    session.screenshot(tag(QStringLiteral("quality-hour")));
    auto *range = session.window()->findChild<QComboBox *>(QStringLiteral("qualityRange"));
    ASSERT_NE(range, nullptr);
    ASSERT_TRUE(chooseInCombo(range, QStringLiteral("Last 7 days")));
    clickButton(session.window(), QStringLiteral("Load"));
    QTest::qWait(3000);
    session.screenshot(tag(QStringLiteral("quality-7-days")));
}

// One connection, one sign-in (issue 13): the window's calls, the monitor's
// cycles in its thread and the charts' loader in its own all use the token the
// connection fetched once. Before the session each signed in for itself.
TEST(SessionJourney, AConnectionSignsInOnceForTheTableTheMonitorAndTheCharts)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("NOC tenant")).isEmpty());
    EXPECT_TRUE(waitFor([&] { return labelText(session.window(), "monitorStatus").startsWith(QStringLiteral("Monitor: every")); }, 30000))
        << "the monitor made no cycle";
    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+3")));
    auto *channel = session.window()->findChild<QComboBox *>(QStringLiteral("qualityChannel"));
    ASSERT_NE(channel, nullptr);
    ASSERT_TRUE(waitFor([&] { return channel->findText(kTrunk, Qt::MatchStartsWith) >= 0; }, 15000));
    ASSERT_TRUE(chooseInCombo(channel, channel->itemText(channel->findText(kTrunk, Qt::MatchStartsWith))));
    clickButton(session.window(), QStringLiteral("Load"));
    ASSERT_TRUE(waitFor([&] { return visibleText(session.window()).contains(QStringLiteral("MOS")); }, 15000));

    const QJsonObject stats = session.sim().stats();
    EXPECT_GT(stats.value(QStringLiteral("by_route")).toObject().value(QStringLiteral("POST /api/v2/telemetry/metrics")).toInt(), 0)
        << "the monitor and the chart asked for telemetry";
    EXPECT_EQ(stats.value(QStringLiteral("tokens_issued")).toInt(), 1)
        << "the table, the monitor and the chart signed in separately";
}

TEST_P(Journey, ComplianceExportsTheTrailAsCsvAndVerifiesIt)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("NOC tenant")).isEmpty());
    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+4")));
    QAbstractItemView *table = nullptr;
    ASSERT_TRUE(waitFor([&] {
        table = session.viewOnPage("auditTable");
        return table != nullptr && table->model()->rowCount() > 0;
    }, 20000));
    ASSERT_TRUE(clickButton(session.window(), QStringLiteral("Verify integrity")));
    ASSERT_TRUE(waitFor([&] { return labelText(session.window(), "auditResult").startsWith(QStringLiteral("Intact")); }, 20000))
        << labelText(session.window(), "auditResult").toStdString();
    session.screenshot(tag(QStringLiteral("audit-verified")));

    // The save dialog is modal: answered from the event loop, as a person types a file name.
    const QString file = dir.filePath(QStringLiteral("audit-export.csv"));
    QTimer::singleShot(500, session.window(), [file] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (dialog == nullptr)
            return;
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (name == nullptr) {
            dialog->reject();
            return;
        }
        typeInto(name, file);
        QTest::keyClick(name, Qt::Key_Return);
    });
    ASSERT_TRUE(clickButton(session.window(), QStringLiteral("Export CSV…")));
    ASSERT_TRUE(waitFor([&] { return labelText(session.window(), "auditResult").startsWith(QStringLiteral("Exported")); }, 20000))
        << labelText(session.window(), "auditResult").toStdString();
    EXPECT_TRUE(QFileInfo(file).size() > 0);
    session.screenshot(tag(QStringLiteral("audit-exported")));
}

TEST_P(Journey, AFailoverAndAFailbackAreSeenOnTheDashboard)
{
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    const QString connected = connectReadyToFailOver(session, false);
    ASSERT_TRUE(connected.isEmpty()) << connected.toStdString();
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    QAbstractItemView *tiles = nullptr;
    ASSERT_TRUE(waitFor([&] {
        tiles = session.dashboardChannels();
        return tiles != nullptr && tiles->model()->rowCount() == GetParam();
    }, 30000));
    auto *filter = fieldByPlaceholder(session.window(), QStringLiteral("Filter by name, id or status"));
    ASSERT_TRUE(typeInto(filter, QStringLiteral("us-east-1")));
    tiles = session.dashboardChannels();   // the grid or, filtered to a few, the tiles

    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("unhealthy")));
    ASSERT_TRUE(clickItem(tiles, kTrunk));
    QAbstractButton *failback = findButton(session.window(), QStringLiteral("Fail back…"));
    ASSERT_NE(failback, nullptr);
    ASSERT_TRUE(waitFor([&] { return failback->isEnabled(); }, 40000)) << "the dashboard never showed the failover";
    session.screenshot(tag(QStringLiteral("dashboard-failed-over")));

    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("healthy")));
    QTest::qWait(12000);   // two good readings: up again, failback left to the operator
    session.screenshot(tag(QStringLiteral("dashboard-recovered")));
    ASSERT_TRUE(clickButton(session.window(), QStringLiteral("Fail back…")));
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Fail back"));
    ASSERT_NE(dialog, nullptr);
    session.screenshot(tag(QStringLiteral("fail-back-confirm")));
    ASSERT_TRUE(clickButton(dialog, QStringLiteral("Fail back")));
    EXPECT_TRUE(waitFor([&] { return !failback->isEnabled(); }, 30000)) << "the tile still shows the backup";
    session.screenshot(tag(QStringLiteral("dashboard-failed-back")));
}

INSTANTIATE_TEST_SUITE_P(Channels, Journey, ::testing::Values(12, 1000),
                         [](const ::testing::TestParamInfo<int> &info) { return "At" + std::to_string(info.param); });
