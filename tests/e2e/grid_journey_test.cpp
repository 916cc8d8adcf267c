// The status grid and the wall screen, as a NOC engineer meets them against
// cxone-sim as its own process at 12, 1,000 and 5,000 trunks: every channel on
// one 1920×1080 screen without scrolling, a hover that names the channel and
// its readings, a click that selects it for the dashboard's buttons, a
// double-click that opens its history, cells that keep their place when a
// trunk goes down (with a "changed" mark instead), grouping by carrier, the
// wall screen (F11) with its problems first, and the dark colours.

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QHelpEvent>
#include <QJsonObject>
#include <QLabel>
#include <QScrollBar>
#include <QToolTip>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

const QString kTrunk = QStringLiteral("prod-voice-trunk-us-east-1");
const QString kTrunkId = QStringLiteral("ch_57d2df");

// Where the grid draws the channel shown as `name` (as a person finds it: by looking).
QRect cellOf(QAbstractItemView *grid, const QString &name)
{
    const QAbstractItemModel *model = grid->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data().toString() == name)
            return grid->visualRect(index);
    }
    return {};
}

// The tooltip the grid shows when the mouse rests on `at`.
QString hoverText(QAbstractItemView *grid, const QPoint &at)
{
    QTest::mouseMove(grid->viewport(), at);
    QHelpEvent help(QEvent::ToolTip, at, grid->viewport()->mapToGlobal(at));
    QApplication::sendEvent(grid->viewport(), &help);
    const QString text = QToolTip::isVisible() ? QToolTip::text() : QString();
    QToolTip::hideText();
    return text;
}

QComboBox *comboNamed(QWidget *root, const QString &accessibleName)
{
    return qobject_cast<QComboBox *>(findByAccessibleName(root, accessibleName));
}

QWidget *wallScreen()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (widget->isVisible() && widget->windowTitle().contains(QStringLiteral("wall screen")))
            return widget;
    }
    return nullptr;
}

class GridJourney : public ::testing::TestWithParam<int>
{
protected:
    QString tag(const QString &step) const { return QStringLiteral("grid-%1-%2").arg(GetParam()).arg(step); }
};

} // namespace

TEST_P(GridJourney, EveryChannelOnOneScreenNamedOnHoverAndKeptInPlaceWhenItGoesDown)
{
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    // Only the backup of the trunk this test fails is held healthy: a failover has a target.
    ASSERT_TRUE(session.sim().holdStatus(QStringLiteral("ch_c3c080"), QStringLiteral("healthy")));
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("healthy")));
    MonitorChoice monitor;
    monitor.downAfter = 2;
    monitor.cooldownSeconds = 0;
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("NOC tenant"), monitor).isEmpty());
    session.window()->resize(1920, 1080);
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    if (GetParam() <= 48) {
        // A dozen trunks show as tiles; the grid is a choice away.
        ASSERT_TRUE(chooseInCombo(comboNamed(session.window(), QStringLiteral("Show channels as")), QStringLiteral("Status grid")));
    }
    QAbstractItemView *grid = nullptr;
    ASSERT_TRUE(waitFor([&] {
        grid = session.viewOnPage("statusGrid");
        return grid != nullptr && grid->model()->rowCount() == GetParam() && cellOf(grid, kTrunk).isValid();
    }, 60000)) << "the dashboard shows no status grid of " << GetParam() << " channels";
    ASSERT_TRUE(chooseInCombo(comboNamed(session.window(), QStringLiteral("Group the grid")), QStringLiteral("No groups")));
    EXPECT_EQ(grid->verticalScrollBar()->maximum(), 0) << "the grid of " << GetParam() << " channels scrolls at 1920×1080";
    session.screenshot(tag(QStringLiteral("grid")));

    // Every channel has a cell of its own, none hidden under another.
    QSet<QPair<int, int>> places;
    for (int row = 0; row < grid->model()->rowCount(); ++row) {
        const QRect rect = grid->visualRect(grid->model()->index(row, 0));
        ASSERT_TRUE(rect.isValid() && grid->viewport()->rect().contains(rect)) << "channel " << row << " is off screen";
        places.insert({rect.x(), rect.y()});
    }
    EXPECT_EQ(places.size(), GetParam());

    const QRect cell = cellOf(grid, kTrunk);
    const QString hover = hoverText(grid, cell.center());
    EXPECT_TRUE(hover.contains(kTrunk)) << hover.toStdString();
    EXPECT_TRUE(hover.contains(QStringLiteral("Carrier: "))) << hover.toStdString();
    EXPECT_TRUE(hover.contains(QStringLiteral("Latency")) || hover.contains(QStringLiteral("No data"))) << hover.toStdString();

    // A click selects it: the dashboard's buttons now act on it.
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, cell.center());
    QAbstractButton *pause = findButton(session.window(), QStringLiteral("Pause for this channel"));
    ASSERT_NE(pause, nullptr);
    EXPECT_TRUE(waitFor([&] { return pause->isEnabled(); }, 5000)) << "a click on a cell selected nothing";

    // The trunk fails: its cell changes colour and shape, and stays where it is.
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("unhealthy")));
    QString changed;
    EXPECT_TRUE(waitFor([&] {
        changed = hoverText(grid, cell.center());
        return changed.contains(QStringLiteral("Down · ")) || changed.contains(QStringLiteral("Failed over · "));
    }, 40000)) << changed.toStdString();
    EXPECT_EQ(cellOf(grid, kTrunk), cell) << "the cell moved when its trunk went down";
    EXPECT_TRUE(changed.contains(QStringLiteral("State changed"))) << changed.toStdString();
    session.screenshot(tag(QStringLiteral("trunk-down")));

    // Grouped by carrier, the trunk is still named where it is drawn.
    ASSERT_TRUE(chooseInCombo(comboNamed(session.window(), QStringLiteral("Group the grid")), QStringLiteral("Group by carrier")));
    const QRect grouped = cellOf(grid, kTrunk);
    ASSERT_TRUE(grouped.isValid());
    EXPECT_TRUE(hoverText(grid, grouped.center()).contains(kTrunk));
    EXPECT_EQ(grid->verticalScrollBar()->maximum(), 0) << "grouped by carrier, the grid scrolls";
    session.screenshot(tag(QStringLiteral("by-carrier")));

    // A double-click opens its history.
    QTest::mouseDClick(grid->viewport(), Qt::LeftButton, {}, grouped.center());
    QWidget *history = waitForDialogTitled(QStringLiteral("History of ") + kTrunk);
    ASSERT_NE(history, nullptr) << "a double-click on the cell opened no history";
    history->close();
}

INSTANTIATE_TEST_SUITE_P(Channels, GridJourney, ::testing::Values(12, 1000, 5000),
                         [](const ::testing::TestParamInfo<int> &info) { return "At" + std::to_string(info.param); });

TEST(WallScreenJourney, F11ShowsTheProblemsFirstAndEscLeavesIt)
{
    ConsoleSession session(seededSimArguments(1000));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("unhealthy")));
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("NOC tenant")).isEmpty());
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    ASSERT_TRUE(waitFor([&] { return session.dashboardChannels() != nullptr; }, 30000));

    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("View"), QStringLiteral("Wall screen")}));
    QWidget *wall = nullptr;
    ASSERT_TRUE(waitFor([&] { return (wall = wallScreen()) != nullptr; }, 5000)) << "View > Wall screen showed nothing";
    EXPECT_TRUE(wall->isFullScreen());
    auto *headline = qobject_cast<QLabel *>(findByAccessibleName(wall, QStringLiteral("Problems")));
    ASSERT_NE(headline, nullptr);
    // The trunk held unhealthy is a problem the wall names first.
    EXPECT_TRUE(waitFor([&] {
        return headline->text().contains(QStringLiteral("down")) || headline->text().contains(QStringLiteral("failed over"));
    }, 30000)) << headline->text().toStdString();
    EXPECT_FALSE(headline->text().contains(QStringLiteral("channels up")));
    EXPECT_GE(headline->font().pixelSize(), 20) << "wall type too small to read across a room";
    EXPECT_LT(wall->palette().color(QPalette::Window).lightness(), 128) << "the wall screen is not dark";

    QTest::keyClick(wall, Qt::Key_Escape);
    EXPECT_TRUE(waitFor([&] { return wallScreen() == nullptr; }, 5000)) << "Esc did not leave the wall screen";

    // F11 brings it back, from the keyboard.
    pressKeys(session.window(), QKeySequence(Qt::Key_F11));
    EXPECT_TRUE(waitFor([&] { return wallScreen() != nullptr; }, 5000)) << "F11 did not open the wall screen";
    if (QWidget *again = wallScreen())
        QTest::keyClick(again, Qt::Key_F11);
    EXPECT_TRUE(waitFor([&] { return wallScreen() == nullptr; }, 5000)) << "F11 did not leave the wall screen";

    // The whole console in the dark colours, and back.
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("View"), QStringLiteral("Colours"), QStringLiteral("Dark")}));
    EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 128);
    EXPECT_LT(session.window()->palette().color(QPalette::Base).lightness(), 128);
    session.screenshot(QStringLiteral("dashboard-dark"));
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("View"), QStringLiteral("Colours"), QStringLiteral("Light")}));
    EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 128);
}
