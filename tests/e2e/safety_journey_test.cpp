// Changing routing by hand is safe: every dialog that does it says what will
// happen, warns when the channel or the backup is not healthy and has Cancel
// as its default; Ctrl+Q asks first while automatic failover runs; the toolbar
// acts on the page in view. All through the window, as a person uses it.

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QComboBox>
#include <QListView>
#include <QPushButton>
#include <QStatusBar>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

// Seed 1 with 12 channels: prod-voice-trunk-us-east-1 fails over to backup-east-1.
const QString kTrunk = QStringLiteral("prod-voice-trunk-us-east-1");
const QString kTrunkId = QStringLiteral("ch_57d2df");
const QString kBackup = QStringLiteral("backup-east-1");

// The trunk held unhealthy, its backups healthy, a monitor that fails over at
// the first bad reading and leaves the failback to a person: once connected,
// the trunk is routed via its backup and still unhealthy.
QString connectWithTheTrunkFailedOver(ConsoleSession &session)
{
    for (const char *backup : {"ch_c3c080", "ch_704479"}) {
        if (!session.sim().holdStatus(QLatin1String(backup), QStringLiteral("healthy")))
            return QStringLiteral("the sim refused set_status");
    }
    if (!session.sim().holdStatus(kTrunkId, QStringLiteral("unhealthy")))
        return QStringLiteral("the sim refused set_status");
    MonitorChoice monitor;
    monitor.downAfter = 1;
    monitor.upAfter = 1;
    monitor.cooldownSeconds = 0;
    monitor.automaticFailback = false;
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("Safety lab"), monitor);
    if (!problem.isEmpty())
        return problem;
    const bool routed = waitFor([&] {
        return cellText(session.viewOnPage("channelTable"), kTrunk, QStringLiteral("Routed via")) == kBackup;
    }, 30000);
    return routed ? QString() : QStringLiteral("the monitor did not fail %1 over").arg(kTrunk);
}

QListView *tiles(ConsoleSession &session)
{
    return qobject_cast<QListView *>(session.viewOnPage("tileView"));
}

} // namespace

// Bug: a double-click on the tile opened "Fail back" with Fail back as the
// default button, for a channel still unhealthy, with no warning.
TEST(SafeRouting, DoubleClickingAnUnhealthyFailedOverTileWarnsAndEnterCancels)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    const QString problem = connectWithTheTrunkFailedOver(session);
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    ASSERT_TRUE(waitFor([&] { return tiles(session) != nullptr && tiles(session)->model()->rowCount() == 12; }));

    // The tile shows the routing once the dashboard has the monitor's snapshot.
    ASSERT_TRUE(clickItem(tiles(session), kTrunk));
    auto *dashboardFailback = findButton(session.window(), QStringLiteral("Fail back…"));
    ASSERT_NE(dashboardFailback, nullptr);
    ASSERT_TRUE(waitFor([&] { return dashboardFailback->isEnabled(); }, 15000)) << "the tile never showed the failover";
    session.screenshot(QStringLiteral("dashboard-failed-over"));
    ASSERT_TRUE(clickItem(tiles(session), kTrunk, /*doubleClick=*/true));
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Fail back"));
    ASSERT_NE(dialog, nullptr) << "the double-click opened no Fail back dialog";
    session.screenshot(QStringLiteral("fail-back-warning"));
    const QString text = visibleText(dialog);
    EXPECT_TRUE(text.contains(QStringLiteral("will go through %1 (%2) itself again").arg(kTrunk, kTrunkId))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("not healthy"))) << "no warning that the channel is still failing: " << text.toStdString();
    auto *cancel = qobject_cast<QPushButton *>(findButton(dialog, QStringLiteral("Cancel")));
    ASSERT_NE(cancel, nullptr);
    EXPECT_TRUE(cancel->isDefault()) << "Cancel is not the default button";

    // A stray Enter changes nothing.
    const QPointer<QWidget> closing(dialog);
    pressEnterIn(dialog);
    EXPECT_TRUE(waitUntilClosed(closing, 3000));
    QTest::qWait(6000);   // a monitor cycle later
    EXPECT_EQ(cellText(session.window()->findChild<QAbstractItemView *>(QStringLiteral("channelTable")), kTrunk,
                       QStringLiteral("Routed via")), kBackup)
        << "Enter failed the unhealthy trunk back";
}

TEST(SafeRouting, FailOverSaysWhatHappensWarnsAboutAnUnhealthyBackupAndDefaultsToCancel)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    // backup-west-2 (the second backup of us-east-1's neighbour outbound-dialer-eu-west-1) held degraded.
    ASSERT_TRUE(session.sim().holdStatus(QStringLiteral("ch_c3c080"), QStringLiteral("degraded")));
    MonitorChoice monitor;
    monitor.upAfter = 1;
    monitor.autoFailover = false;
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("Safety lab"), monitor).isEmpty());
    QTest::qWait(6000);   // a verdict for every channel
    ASSERT_TRUE(clickItem(session.viewOnPage("channelTable"), QStringLiteral("outbound-dialer-eu-west-1")));
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("Channel"), QStringLiteral("Fail over…")}));
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Fail over"));
    ASSERT_NE(dialog, nullptr);
    const QString text = visibleText(dialog);
    EXPECT_TRUE(text.contains(QStringLiteral("will be routed via the backup chosen below"))) << text.toStdString();
    auto *cancel = qobject_cast<QPushButton *>(findButton(dialog, QStringLiteral("Cancel")));
    ASSERT_NE(cancel, nullptr);
    EXPECT_TRUE(cancel->isDefault());
    auto *backup = qobject_cast<QComboBox *>(findByAccessibleName(dialog, QStringLiteral("Backup")));
    ASSERT_NE(backup, nullptr);
    ASSERT_TRUE(chooseInCombo(backup, backup->itemText(0)));   // backup-east-1, degraded
    session.screenshot(QStringLiteral("fail-over-warning"));
    EXPECT_TRUE(visibleText(dialog).contains(QStringLiteral("backup-east-1 (ch_c3c080) is not healthy")))
        << visibleText(dialog).toStdString();
    ASSERT_TRUE(clickButton(dialog, QStringLiteral("Cancel")));
}

// Bug: the toolbar's Fail back followed the Channels page's selection on the Dashboard.
TEST(SafeRouting, ToolbarActionsFollowThePageInView)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    const QString problem = connectWithTheTrunkFailedOver(session);
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
    ASSERT_TRUE(clickItem(session.viewOnPage("channelTable"), kTrunk));
    QAction *failback = menuAction(session.window(), {QStringLiteral("Channel"), QStringLiteral("Fail back…")});
    ASSERT_NE(failback, nullptr);
    EXPECT_TRUE(failback->isEnabled()) << "the failed-over channel is selected on the Channels page";

    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    ASSERT_TRUE(waitFor([&] { return tiles(session) != nullptr && tiles(session)->model()->rowCount() == 12; }));
    // A tile that carries its own traffic: the dashboard's Fail back is off, and so is the toolbar's.
    ASSERT_TRUE(clickItem(tiles(session), QStringLiteral("backup-west-2")));
    auto *dashboardFailback = qobject_cast<QPushButton *>(findButton(session.window(), QStringLiteral("Fail back…")));
    ASSERT_NE(dashboardFailback, nullptr);
    EXPECT_FALSE(dashboardFailback->isEnabled());
    EXPECT_FALSE(failback->isEnabled()) << "the toolbar acts on the Channels page's selection while the Dashboard is in view";

    ASSERT_TRUE(clickItem(tiles(session), kTrunk));
    EXPECT_TRUE(waitFor([&] { return failback->isEnabled(); }, 5000)) << "the selected tile is failed over";
    ASSERT_TRUE(clickItem(tiles(session), QStringLiteral("backup-west-2")));
    EXPECT_TRUE(waitFor([&] { return !failback->isEnabled(); }, 5000));
}

// Bug: Ctrl+Q quit at once, stopping automatic failover for the tenant unsaid.
TEST(SafeRouting, CtrlQAsksFirstWhileAutomaticFailoverRunsAndSaysWhatStops)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("Quit lab")).isEmpty());
    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+Q")));
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Quit"), 3000);
    ASSERT_NE(dialog, nullptr) << "Ctrl+Q quit without asking (window visible: " << session.window()->isVisible()
                               << ", active: " << (QApplication::activeWindow() == session.window()) << ")";
    session.screenshot(QStringLiteral("quit-asks"));
    EXPECT_TRUE(visibleText(dialog).contains(QStringLiteral("Automatic failover for Quit lab stops"))) << visibleText(dialog).toStdString();
    const QPointer<QWidget> closing(dialog);
    pressEnterIn(dialog);   // Cancel
    ASSERT_TRUE(waitUntilClosed(closing, 3000));
    EXPECT_TRUE(session.window()->isVisible()) << "Enter quit: Cancel is not the default";

    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+Q")));
    dialog = waitForDialogTitled(QStringLiteral("Quit"), 3000);
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(clickButton(dialog, QStringLiteral("Quit and stop automatic failover")));
    EXPECT_TRUE(waitFor([&] { return !session.window()->isVisible(); }, 3000));
}
