// The console by keyboard: Ctrl+1…4 switch pages, Ctrl+F goes to the filter of
// the page in view, Ctrl+Shift+P pauses automatic failover, and a click into
// the dashboard's filter keeps the typing there (the page list's type-ahead
// does not turn letters into page jumps).

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

QString pageInView(cc::ui::MainWindow *window)
{
    auto *list = window->findChild<QAbstractItemView *>(QStringLiteral("pageList"));
    return list ? list->currentIndex().data().toString() : QString();
}

QString focusedPlaceholder()
{
    auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    return edit ? edit->placeholderText() : QString();
}

} // namespace

TEST(Keyboard, CtrlDigitsSwitchPagesAndCtrlFGoesToThatPagesFilter)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("Keys lab")).isEmpty());
    cc::ui::MainWindow *window = session.window();

    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+2")));
    EXPECT_EQ(pageInView(window), QStringLiteral("Dashboard"));
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+F")));
    EXPECT_TRUE(focusedPlaceholder().startsWith(QStringLiteral("Filter by name, id or status"))) << focusedPlaceholder().toStdString();
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("backup"));
    EXPECT_EQ(pageInView(window), QStringLiteral("Dashboard"));

    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+4")));
    EXPECT_EQ(pageInView(window), QStringLiteral("Audit"));
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+F")));
    EXPECT_EQ(QApplication::focusWidget() ? QApplication::focusWidget()->accessibleName() : QString(), QStringLiteral("Channel"));

    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+3")));
    EXPECT_EQ(pageInView(window), QStringLiteral("Quality"));

    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+1")));
    EXPECT_EQ(pageInView(window), QStringLiteral("Channels"));
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+F")));
    EXPECT_TRUE(focusedPlaceholder().startsWith(QStringLiteral("Filter by name, id, status, trunk"))) << focusedPlaceholder().toStdString();
    session.screenshot(QStringLiteral("keyboard-filter"));
}

TEST(Keyboard, CtrlShiftPPausesAndResumesAutomaticFailover)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("Keys lab")).isEmpty());
    auto *monitor = session.window()->findChild<QLabel *>(QStringLiteral("monitorStatus"));
    ASSERT_NE(monitor, nullptr);
    ASSERT_TRUE(waitFor([&] { return monitor->text().startsWith(QStringLiteral("Monitor: every")); }, 15000)) << monitor->text().toStdString();

    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    EXPECT_TRUE(waitFor([&] { return monitor->text().contains(QStringLiteral("automatic failover paused")); }, 15000))
        << monitor->text().toStdString();
    session.screenshot(QStringLiteral("keyboard-paused"));
    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    EXPECT_TRUE(waitFor([&] { return !monitor->text().contains(QStringLiteral("paused")); }, 15000)) << monitor->text().toStdString();
}

// Bug: after a click on a page's name the list kept the focus, and its
// type-ahead turned the next letters into jumps to other pages.
TEST(Keyboard, TypingAfterClickingAPageAndIntoTheDashboardFilterStaysOnTheDashboard)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    ASSERT_TRUE(session.connectThroughProfilesDialog(QStringLiteral("Keys lab")).isEmpty());
    cc::ui::MainWindow *window = session.window();

    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    QTest::keyClicks(QApplication::focusWidget() ? QApplication::focusWidget() : window, QStringLiteral("a"));
    EXPECT_EQ(pageInView(window), QStringLiteral("Dashboard")) << "a letter typed after the click jumped pages";

    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    QWidget *filter = fieldByPlaceholder(window, QStringLiteral("Filter by name, id or status"));
    ASSERT_NE(filter, nullptr);
    ASSERT_TRUE(typeInto(filter, QStringLiteral("channels audit")));
    EXPECT_EQ(window->focusWidget(), filter);
    EXPECT_EQ(qobject_cast<QLineEdit *>(filter)->text(), QStringLiteral("channels audit"));
    EXPECT_EQ(pageInView(window), QStringLiteral("Dashboard"));
}
