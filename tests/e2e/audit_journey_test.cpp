// The compliance officer's journey, end to end: a profile saved in the
// profiles dialog, File > Connect, then the Audit page, as a person uses it.

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QLabel>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

QString statusOfAuditPage(cc::ui::MainWindow *window)
{
    auto *status = window->findChild<QLabel *>(QStringLiteral("auditStatus"));
    return status ? status->text() : QString();
}

// The console on a seeded tenant of GetParam() channels, connected through a
// profile saved in the profiles dialog.
class AuditJourney : public ::testing::TestWithParam<int>
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
        const QString problem = session.connectThroughProfilesDialog(QStringLiteral("Lab tenant"));
        ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
    }

    ConsoleSession session{seededSimArguments(GetParam())};
};

} // namespace

// Bug: with a real profile (the trail at its default place) the Audit page
// stayed on "Reading the audit trail…" with an empty table for ever.
TEST_P(AuditJourney, TheAuditPageFillsAfterConnectingWithASavedProfile)
{
    session.screenshot(QStringLiteral("channels-connected"));

    ASSERT_TRUE(session.openPage(QStringLiteral("Audit")));
    QAbstractItemView *table = nullptr;
    const bool filled = waitFor([&] {
        table = session.viewOnPage("auditTable");
        return table != nullptr && table->model()->rowCount() > 0;
    }, 20000);
    session.screenshot(QStringLiteral("audit-page"));
    ASSERT_TRUE(filled) << "the Audit page says: " << statusOfAuditPage(session.window()).toStdString();
    EXPECT_TRUE(statusOfAuditPage(session.window()).contains(QStringLiteral("shown")))
        << statusOfAuditPage(session.window()).toStdString();
    // The connection itself is the newest manual entry.
    bool connectedShown = false;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        connectedShown = connectedShown || table->model()->index(row, 2).data().toString() == QStringLiteral("connected");
    EXPECT_TRUE(connectedShown);

    // The monitor's own entries arrive while the page is open.
    const int before = table->model()->rowCount();
    EXPECT_TRUE(waitFor([&] { return table->model()->rowCount() > before; }, 20000))
        << "no newer entry appeared on the open Audit page";
}

// Bug: the event-type filter offered only "All events".
TEST_P(AuditJourney, TheEventFilterOffersEveryEventTypeAndFilters)
{
    ASSERT_TRUE(session.openPage(QStringLiteral("Audit")));

    auto *filter = qobject_cast<QComboBox *>(findByAccessibleName(session.window(), QStringLiteral("Event type")));
    ASSERT_NE(filter, nullptr) << "no field named \"Event type\" on the Audit page";
    const QStringList offered = comboEntries(filter);
    for (const char *type : {"failover_done", "failback_done", "health_state_changed", "alarm", "channel_created",
                             "channel_edited", "channel_deleted", "failover_paused", "connected", "audit_exported"})
        EXPECT_TRUE(offered.contains(QLatin1String(type))) << type << " is not offered; offered: "
                                                          << offered.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(offered.value(0), QStringLiteral("All events"));

    ASSERT_TRUE(chooseInCombo(filter, QStringLiteral("connected")));
    QAbstractItemView *table = session.viewOnPage("auditTable");
    ASSERT_NE(table, nullptr);
    ASSERT_TRUE(waitFor([&] {
        if (table->model()->rowCount() == 0)
            return false;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (table->model()->index(row, 2).data().toString() != QStringLiteral("connected"))
                return false;
        }
        return true;
    }, 15000)) << "choosing \"connected\" did not show only connections: " << statusOfAuditPage(session.window()).toStdString();
    session.screenshot(QStringLiteral("audit-filtered"));
}

INSTANTIATE_TEST_SUITE_P(Channels, AuditJourney, ::testing::Values(12, 1000),
                         [](const ::testing::TestParamInfo<int> &info) { return "At" + std::to_string(info.param); });
