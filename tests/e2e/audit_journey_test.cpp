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

class AuditJourney : public ::testing::TestWithParam<int>
{
};

} // namespace

// Bug: with a real profile (the trail at its default place) the Audit page
// stayed on "Reading the audit trail…" with an empty table for ever.
TEST_P(AuditJourney, TheAuditPageFillsAfterConnectingWithASavedProfile)
{
    ConsoleSession session({QStringLiteral("--channels"), QString::number(GetParam()), QStringLiteral("--seed"),
                            QStringLiteral("1"), QStringLiteral("--rate-limit"), QStringLiteral("0")});
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("Lab tenant"));
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
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

INSTANTIATE_TEST_SUITE_P(Channels, AuditJourney, ::testing::Values(12, 1000),
                         [](const ::testing::TestParamInfo<int> &info) { return "At" + std::to_string(info.param); });
