// The NOC engineer's alarm journey, end to end (issue 15): cxone-sim as its own
// process holds a trunk unhealthy; the console, connected through the
// profiles dialog, shows it as an alarm (title, status bar, Alarms page); the
// engineer acknowledges it with a comment through the dialog by mouse and
// keys; the count drops, the Audit page shows who acknowledged it and why;
// and after quitting and starting the console again on the same audit trail
// the alarm is still acknowledged, with the same id.

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QJsonObject>
#include <QKeySequence>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

const QString kTrunk = QStringLiteral("prod-voice-trunk-us-east-1");
const QString kTrunkId = QStringLiteral("ch_57d2df");
// Every channel of the seeded twelve: held healthy, so that only the trunk is a problem.
const QStringList kChannels{QStringLiteral("ch_57d2df"), QStringLiteral("ch_5650f2"), QStringLiteral("ch_13f160"),
                            QStringLiteral("ch_4c6dee"), QStringLiteral("ch_c3c080"), QStringLiteral("ch_da731b"),
                            QStringLiteral("ch_e99e02"), QStringLiteral("ch_704479"), QStringLiteral("ch_8c9aab"),
                            QStringLiteral("ch_9e9a40"), QStringLiteral("ch_604321"), QStringLiteral("ch_dcd75e")};
const QString kProfile = QStringLiteral("NOC tenant");

// The id (first column) of the alarm row whose Channel column reads `channel`, as shown.
QString alarmIdOn(QAbstractItemView *table, const QString &channel)
{
    if (table == nullptr)
        return {};
    QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (cellText(table, model->index(row, 0).data().toString(), QStringLiteral("Channel")) == channel)
            return model->index(row, 0).data().toString();
    }
    return {};
}

// The window's title for `others` unacknowledged alarms besides the trunk's:
// the sim's readings follow the time of day, so under a slow run another
// trunk's quality can dip long enough for an alarm of its own.
QString titleWith(int others)
{
    const QString base = QStringLiteral("NOC tenant — Channel Console");
    return others == 0 ? base : others == 1 ? QStringLiteral("1 alarm — ") + base : QStringLiteral("%1 alarms — %2").arg(others).arg(base);
}

// How many alarms other than `id` the table lists as New (unacknowledged).
int otherNewAlarms(QAbstractItemView *table, const QString &id)
{
    int n = 0;
    QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString each = model->index(row, 0).data().toString();
        n += each != id && cellText(table, each, QStringLiteral("State")) == QStringLiteral("New") ? 1 : 0;
    }
    return n;
}

} // namespace

TEST(AlarmsJourney, ATrunkHeldDownIsAnAlarmAcknowledgedInTheDialogAndStillSoAfterARestart)
{
    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    for (const QString &id : kChannels)
        ASSERT_TRUE(session.sim().holdStatus(id, id == kTrunkId ? QStringLiteral("unhealthy") : QStringLiteral("healthy")));
    MonitorChoice monitor;
    monitor.downAfter = 2;
    monitor.autoFailover = false;   // the trunk stays down: nothing carries its calls
    const QString connected = session.connectThroughProfilesDialog(kProfile, monitor);
    ASSERT_TRUE(connected.isEmpty()) << connected.toStdString();
    cc::ui::MainWindow *window = session.window();

    // The alarm comes: in the title and in the status bar.
    ASSERT_TRUE(waitFor([&] { return window->windowTitle() == QStringLiteral("1 alarm — NOC tenant — Channel Console"); }, 40000))
        << "title: " << window->windowTitle().toStdString();
    QAbstractButton *status = findButton(window, QStringLiteral("⚠ 1 alarm unacknowledged"));
    ASSERT_NE(status, nullptr) << "no alarm count in the status bar";
    QTest::mouseClick(status, Qt::LeftButton);
    QAbstractItemView *table = nullptr;
    ASSERT_TRUE(waitFor([&] {
        table = session.viewOnPage("alarmTable");
        return !alarmIdOn(table, kTrunk).isEmpty();
    })) << "the status bar's count did not open the Alarms page with the trunk's alarm";
    const QString id = alarmIdOn(table, kTrunk);
    EXPECT_EQ(cellText(table, id, QStringLiteral("State")), QStringLiteral("New"));
    EXPECT_EQ(cellText(table, id, QStringLiteral("Alarm")), QStringLiteral("Critical · Down, calls not carried"));
    session.screenshot(QStringLiteral("alarms-new"));

    // Acknowledged with a comment, through the dialog, by mouse and keys.
    ASSERT_TRUE(clickItem(table, id));
    ASSERT_TRUE(clickButton(window, QStringLiteral("Acknowledge…")));
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Acknowledge alarm ") + id);
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(typeInto(fieldByLabel(dialog, QStringLiteral("Comment")), QStringLiteral("carrier ticket 4411, Ana on it")));
    session.screenshot(QStringLiteral("alarms-acknowledge-dialog"));
    pressEnterIn(dialog);
    ASSERT_TRUE(waitFor([&] { return cellText(table, id, QStringLiteral("State")) == QStringLiteral("Acknowledged"); }))
        << cellText(table, id, QStringLiteral("State")).toStdString();
    EXPECT_TRUE(cellText(table, id, QStringLiteral("Acknowledged / shelved by")).endsWith(QStringLiteral(": carrier ticket 4411, Ana on it")));
    EXPECT_TRUE(waitFor([&] { return window->windowTitle() == titleWith(otherNewAlarms(table, id)); }))
        << "the count did not drop: " << window->windowTitle().toStdString();
    if (otherNewAlarms(table, id) == 0) {
        EXPECT_NE(findButton(window, QStringLiteral("Alarms: 1 handled")), nullptr);
    }

    // A double-click on the alarm opens its channel's history, with the alarm and its acknowledgement.
    ASSERT_TRUE(clickItem(table, id, true));
    QWidget *history = waitForDialogTitled(QStringLiteral("History of %1").arg(kTrunk));
    ASSERT_NE(history, nullptr) << "a double-click on the alarm opened no history";
    auto *trail = history->findChild<QAbstractItemView *>(QStringLiteral("historyTrail"));
    ASSERT_NE(trail, nullptr);
    ASSERT_TRUE(waitFor([&] {
        QStringList events;
        for (int row = 0; row < trail->model()->rowCount(); ++row)
            events.append(cellText(trail, trail->model()->index(row, 0).data().toString(), QStringLiteral("Event")));
        return events.contains(QStringLiteral("alarm_raised")) && events.contains(QStringLiteral("alarm_acknowledged"));
    }, 20000)) << "the history does not show the alarm and its acknowledgement";
    session.screenshot(QStringLiteral("alarms-history"));
    history->close();

    // The Audit page shows who acknowledged it and why.
    ASSERT_TRUE(session.openPage(QStringLiteral("Audit")));
    QAbstractItemView *audit = nullptr;
    QString details;
    ASSERT_TRUE(waitFor([&] {
        audit = session.viewOnPage("auditTable");
        if (audit == nullptr)
            return false;
        for (int row = 0; row < audit->model()->rowCount(); ++row) {
            const QString sequence = audit->model()->index(row, 0).data().toString();
            if (cellText(audit, sequence, QStringLiteral("Event")) == QStringLiteral("alarm_acknowledged")
                && cellText(audit, sequence, QStringLiteral("Channel")) == kTrunkId) {
                details = cellText(audit, sequence, QStringLiteral("Details"));
                return true;
            }
        }
        return false;
    }, 20000)) << "no alarm_acknowledged entry on the Audit page";
    EXPECT_TRUE(details.contains(QStringLiteral("comment: carrier ticket 4411, Ana on it"))) << details.toStdString();
    EXPECT_TRUE(details.contains(QStringLiteral("alarm_id: ") + id)) << details.toStdString();

    // Quit, start again on the same trail, connect to the saved profile: still acknowledged.
    const QString restarted = session.restartConsole();
    ASSERT_TRUE(restarted.isEmpty()) << restarted.toStdString();
    const QString again = session.connectToSavedProfile(kProfile);
    ASSERT_TRUE(again.isEmpty()) << again.toStdString();
    window = session.window();
    ASSERT_TRUE(session.openPage(QStringLiteral("Alarms")));
    ASSERT_TRUE(waitFor([&] {
        table = session.viewOnPage("alarmTable");
        return alarmIdOn(table, kTrunk) == id;
    })) << "after the restart the trunk's alarm is not " << id.toStdString();
    EXPECT_EQ(cellText(table, id, QStringLiteral("State")), QStringLiteral("Acknowledged"));
    EXPECT_TRUE(cellText(table, id, QStringLiteral("Acknowledged / shelved by")).endsWith(QStringLiteral(": carrier ticket 4411, Ana on it")));
    EXPECT_TRUE(waitFor([&] { return window->windowTitle() == titleWith(otherNewAlarms(table, id)); }))
        << window->windowTitle().toStdString();
    session.screenshot(QStringLiteral("alarms-after-restart"));
}
