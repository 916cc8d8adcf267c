// The window and the Channels page against the simulated tenant in-process.

#include "channel_table_model.h"
#include "channels_page.h"
#include "channel_editor_dialog.h"
#include "channel_actions.h"
#include "main_window.h"
#include "profile_store.h"
#include "routing_change_dialog.h"

#include "audit/audit_log.h"

#include "console_window.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QInputDialog>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUuid>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui::test;
using cc::ui::ChannelsPage;
using cc::ui::ChannelTableModel;
using cc::ui::MainWindow;
using cc::ui::ProfileStore;

namespace {

QString selectedId(const ChannelsPage &page)
{
    const auto channel = page.currentChannel();
    return channel ? channel->id : QString();
}

} // namespace

TEST(ChannelsPage, KeepsTheSelectionThroughARefresh)
{
    test::SimFixture sim{simOptions(12)};
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    ApiClient client(simProfile(sim));
    ChannelsPage page;
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(page.view()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1000, 220); // a few rows visible: there is something to scroll
    page.show();
    page.setClient(&client);
    QSignalSpy loaded(&page, &ChannelsPage::loaded);
    page.refresh();
    ASSERT_TRUE(loaded.wait(10000));
    ASSERT_EQ(page.model()->rowCount(), 12);

    const QString chosen = sim.channelId(7);
    page.selectChannel(chosen);
    ASSERT_EQ(selectedId(page), chosen);
    QScrollBar *scroll = page.view()->verticalScrollBar();
    ASSERT_GT(scroll->maximum(), 3);
    scroll->setValue(3);

    // The tenant changes around the chosen channel: one channel added, one
    // renamed, one deleted (an unreferenced one of our own).
    const QString added = createOnTenant(sim, QStringLiteral("aaa-sorts-first"));
    const QString removed = createOnTenant(sim, QStringLiteral("short-lived"));
    ASSERT_EQ(sim.api("PATCH", QStringLiteral("/api/v2/channels/") + sim.channelId(2), sim.fetchToken(),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("0-renamed")}}).status, 200);
    page.refresh();
    ASSERT_TRUE(loaded.wait(10000));
    ASSERT_EQ(sim.api("DELETE", QStringLiteral("/api/v2/channels/") + removed, sim.fetchToken()).status, 204);
    page.refresh();
    ASSERT_TRUE(loaded.wait(10000));

    EXPECT_EQ(page.model()->rowCount(), 13);
    EXPECT_GE(page.model()->rowOf(added), 0);
    EXPECT_EQ(page.model()->rowOf(removed), -1);
    EXPECT_EQ(selectedId(page), chosen) << "the selection follows the channel, not the row";
    EXPECT_EQ(scroll->value(), 3) << "the scroll position survives the refreshes";
    EXPECT_EQ(page.view()->selectionModel()->selectedRows().size(), 1);
}

TEST(ChannelsPage, FiltersOnAnyColumn)
{
    test::SimFixture sim{simOptions(6)};
    ASSERT_TRUE(sim.isListening());
    ApiClient client(simProfile(sim));
    ChannelsPage page;
    page.setClient(&client);
    QSignalSpy loaded(&page, &ChannelsPage::loaded);
    page.refresh();
    ASSERT_TRUE(loaded.wait(10000));
    const QString id = sim.channelId(3);
    retype(child<QLineEdit>(page, "channelFilter"), id);
    ASSERT_EQ(page.view()->model()->rowCount(), 1);
    EXPECT_EQ(page.view()->model()->index(0, 0).data(ChannelTableModel::ChannelIdRole).toString(), id);
    EXPECT_TRUE(child<QLabel>(page, "channelSummary")->text().contains(QStringLiteral("1 of 6 channels shown")));
}

TEST(ChannelsPage, DoubleClickAsksToEditThatChannel)
{
    test::SimFixture sim{simOptions(5)};
    ASSERT_TRUE(sim.isListening());
    ApiClient client(simProfile(sim));
    ChannelsPage page;
    page.resize(1000, 400);
    page.show();
    page.setClient(&client);
    QSignalSpy loaded(&page, &ChannelsPage::loaded);
    page.refresh();
    ASSERT_TRUE(loaded.wait(10000));
    QSignalSpy edit(&page, &ChannelsPage::editRequested);
    QTableView *view = page.view();
    const QModelIndex index = view->model()->index(2, 0);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    ASSERT_EQ(edit.count(), 1);
    EXPECT_EQ(edit.at(0).at(0).toString(), index.data(ChannelTableModel::ChannelIdRole).toString());
}

class MainWindowOnTenant : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        ui::StoredProfile profile;
        profile.connection = simProfile(sim);
        QSignalSpy loaded(window.channelsPage(), &ChannelsPage::loaded);
        window.connectWith(profile);
        ASSERT_TRUE(loaded.wait(10000));
    }

    QMessageBox *waitForBox(const char *name) { return waitForShown<QMessageBox>(window, name); }

    // The Channels page as the tenant has it now.
    void reloadChannels()
    {
        QSignalSpy loaded(window.channelsPage(), &ChannelsPage::loaded);
        window.channelsPage()->refresh();
        ASSERT_TRUE(loaded.wait(10000));
    }

    // Asks to delete the channel `id`: the confirmation it opens, or null.
    QMessageBox *askToDelete(const QString &id)
    {
        window.channelActions()->deleteChannel(id);
        return waitForBox("confirmDeleteBox");
    }

    test::SimFixture sim{simOptions(8)};
    ConsoleWindow console;
    MainWindow &window = console.window;
};

TEST_F(MainWindowOnTenant, DeletingABackupInUseNamesTheChannelsThatUseIt)
{
    const QString backup = createOnTenant(sim, QStringLiteral("backup-in-use"));
    const QString primary = createOnTenant(sim, QStringLiteral("primary-using-it"), {backup});
    ASSERT_FALSE(primary.isEmpty());
    ASSERT_NO_FATAL_FAILURE(reloadChannels());

    QSignalSpy refused(window.channelActions(), &ui::ChannelActions::channelDeleteRefused);
    QMessageBox *confirm = askToDelete(backup);
    ASSERT_NE(confirm, nullptr) << "a delete asks first";
    EXPECT_TRUE(confirm->text().contains(QStringLiteral("backup-in-use")));
    confirm->button(QMessageBox::Yes)->click();

    ASSERT_TRUE(refused.wait(10000));
    const QString message = refused.at(0).at(1).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("primary-using-it"))) << message.toStdString();
    EXPECT_TRUE(message.contains(primary)) << message.toStdString();
    QMessageBox *shown = waitForBox("deleteRefusedBox");
    ASSERT_NE(shown, nullptr);
    EXPECT_EQ(shown->text(), message);
    EXPECT_GE(window.channelsPage()->model()->rowOf(backup), 0) << "still listed: it was not deleted";
    EXPECT_EQ(tenantChannel(sim, backup).value(QStringLiteral("id")).toString(), backup);
}

TEST_F(MainWindowOnTenant, ConfirmedDeleteRemovesTheChannelEverywhere)
{
    const QString loner = createOnTenant(sim, QStringLiteral("nobody-uses-me"));
    ASSERT_NO_FATAL_FAILURE(reloadChannels());

    QSignalSpy deleted(window.channelActions(), &ui::ChannelActions::channelDeleted);
    QMessageBox *confirm = askToDelete(loner);
    ASSERT_NE(confirm, nullptr);
    confirm->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(deleted.wait(10000));
    EXPECT_EQ(window.channelsPage()->model()->rowOf(loner), -1);
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels/") + loner, sim.fetchToken()).status, 404);
    ASSERT_TRUE(console.auditOpen);
    EXPECT_TRUE(waitUntil([&] { return console.audited(QStringLiteral("channel_deleted"), loner); })) << "the delete is audited";
}

TEST_F(MainWindowOnTenant, DuplicateOpensANewChannelThatNeedsItsOwnPassword)
{
    const Channel source = *window.channelsPage()->model()->channelAt(0);
    window.channelActions()->duplicateChannel(source.id);
    ui::ChannelEditorDialog *editor = window.channelActions()->editor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->mode(), ui::ChannelEditorDialog::Mode::Create);
    EXPECT_EQ(child<QLineEdit>(*editor, "nameEdit")->text(), source.name + QStringLiteral("-copy"));
    EXPECT_EQ(editor->draft().configuration.codecs, source.configuration.codecs);
    EXPECT_EQ(editor->draft().failoverChannels, source.routing.failoverChannels);
    // The tenant never returns a password, so the copy cannot carry one.
    EXPECT_EQ(editor->messageFor(QStringLiteral("configuration.authentication.password")), QStringLiteral("must not be empty on create"));
    EXPECT_FALSE(child<QPushButton>(*editor, "saveButton")->isEnabled());
    retype(child<QLineEdit>(*editor, "passwordEdit"), QStringLiteral("copy-pw"));
    EXPECT_TRUE(child<QPushButton>(*editor, "saveButton")->isEnabled());
    editor->reject();
}

TEST_F(MainWindowOnTenant, CancelledDeleteSendsNothing)
{
    const QString id = sim.channelId(1);
    sim.clearRequests();
    window.channelActions()->deleteChannel(id);
    QMessageBox *confirm = waitForBox("confirmDeleteBox");
    ASSERT_NE(confirm, nullptr);
    confirm->button(QMessageBox::Cancel)->click();
    // A round trip after the answer: a DELETE sent on Cancel would be logged first.
    QSignalSpy loaded(window.channelsPage(), &ChannelsPage::loaded);
    window.channelsPage()->refresh();
    ASSERT_TRUE(loaded.wait(10000));
    for (const auto &request : sim.requests())
        EXPECT_NE(request.toObject().value(QStringLiteral("method")).toString(), QStringLiteral("DELETE"));
    EXPECT_GE(window.channelsPage()->model()->rowOf(id), 0);
}

TEST_F(MainWindowOnTenant, StatusBarShowsTenantTokenBudgetAndMonitor)
{
    auto text = [this](const char *name) { return child<QLabel>(window, name)->text(); };
    EXPECT_EQ(text("tenantStatus"), QStringLiteral("Tenant: sim"));
    ASSERT_TRUE(waitUntil([&] { return text("tokenStatus").contains(QStringLiteral("left")); })) << text("tokenStatus").toStdString();
    EXPECT_TRUE(text("budgetStatus").contains(QStringLiteral("this minute"))) << text("budgetStatus").toStdString();
    ASSERT_TRUE(waitUntil([&] { return text("monitorStatus").startsWith(QStringLiteral("Monitor: every")); }))
        << text("monitorStatus").toStdString();
    // No export URL in this profile: said, not guessed.
    EXPECT_EQ(text("exportsStatus"), QStringLiteral("Exports: —"));
}

TEST(MainWindowFailover, ManualFailoverAndFailbackGoThroughTheMonitorAndAreAudited)
{
    test::SimFixture sim{simOptions(4)};
    ASSERT_TRUE(sim.isListening());
    const QString backup = createOnTenant(sim, QStringLiteral("manual-backup"));
    const QString primary = createOnTenant(sim, QStringLiteral("manual-primary"), {backup});
    // Held healthy, so the monitor sees both up after one reading.
    sim.holdStatus(backup, QStringLiteral("healthy"));
    sim.holdStatus(primary, QStringLiteral("healthy"));

    ConsoleWindow console;
    ASSERT_TRUE(console.auditOpen);
    MainWindow &window = console.window;
    ui::StoredProfile profile = everySecond(sim);
    profile.monitor.failover.hysteresis.upAfter = 1;
    profile.monitor.failover.autoFailover = false;
    QSignalSpy loaded(window.channelsPage(), &ChannelsPage::loaded);
    window.connectWith(profile);
    ASSERT_TRUE(loaded.wait(10000));
    auto upNow = [&window](const QString &id) {
        const MonitorSnapshotPtr snapshot = window.lastSnapshot();
        if (!snapshot)
            return false;
        for (const ChannelHealth &health : snapshot->channels) {
            if (health.id == id)
                return health.health == HealthState::Up;
        }
        return false;
    };
    ASSERT_TRUE(waitUntil([&] { return upNow(backup) && upNow(primary); }, 20000)) << "the monitor sees both up";

    window.channelsPage()->selectChannel(primary);
    auto *failoverAction = window.findChild<QAction *>(QStringLiteral("actionFailover"));
    ASSERT_TRUE(failoverAction->isEnabled()) << failoverAction->toolTip().toStdString();
    window.channelActions()->failOver(primary);
    auto *prompt = waitForShown<ui::RoutingChangeDialog>(window, "failoverTargetPrompt");
    ASSERT_NE(prompt, nullptr);
    EXPECT_EQ(prompt->chosenTarget(), backup);
    ASSERT_TRUE(clickButton(*prompt, QStringLiteral("Fail over")));

    auto routedVia = [&](const QString &id) {
        return tenantChannel(sim, id).value(QStringLiteral("routing")).toObject().value(QStringLiteral("primary_channel_id")).toString();
    };
    ASSERT_TRUE(waitUntil([&] { return routedVia(primary) == backup; }, 20000)) << "the tenant routes via the backup";
    ASSERT_TRUE(waitUntil([&] {
        const Channel *row = window.channelsPage()->model()->channelById(primary);
        return row && row->routing.primaryChannelId == backup;
    }, 20000)) << "the table follows the monitor's snapshot";
    auto audited = [&](const QString &type) {
        return std::any_of(console.entries.cbegin(), console.entries.cend(), [&](const AuditEntry &e) {
            return e.eventType == type && e.channelId == primary && e.source == EventSource::Manual;
        });
    };
    ASSERT_TRUE(waitUntil([&] { return audited(QStringLiteral("failover_done")); })) << "the manual failover is audited";

    window.channelsPage()->selectChannel(primary);
    window.channelActions()->failBack(primary);
    auto *confirm = waitForShown<ui::RoutingChangeDialog>(window, "confirmFailbackBox");
    ASSERT_NE(confirm, nullptr);
    ASSERT_TRUE(clickButton(*confirm, QStringLiteral("Fail back")));
    ASSERT_TRUE(waitUntil([&] { return routedVia(primary).isEmpty(); }, 20000));
    ASSERT_TRUE(waitUntil([&] { return audited(QStringLiteral("failback_done")); }));
}

TEST(MainWindowProfiles, ASavedProfileWithoutKeychainAsksForTheSecretOncePerRun)
{
    test::SimFixture sim{simOptions(3)};
    ASSERT_TRUE(sim.isListening());
    const QString group = testProfileGroup();
    const QString service = QStringLiteral("Channel Console tests ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    // However the test ends, the profile and its keychain items go, deletes awaited.
    struct RemoveProfile
    {
        QString group, service;
        ~RemoveProfile()
        {
            ProfileStore store(group, service);
            QSignalSpy removed(&store, &ProfileStore::secretsRemoved);
            store.removeProfile(QStringLiteral("saved-sim"));
            EXPECT_TRUE(removed.count() > 0 || removed.wait(20000)) << "the keychain delete did not finish";
        }
    } removeProfile{group, service};
    {
        ProfileStore earlierRun(group, service);
        ui::StoredProfile profile;
        profile.connection = simProfile(sim);
        profile.connection.name = QStringLiteral("saved-sim");
        QSignalSpy saved(&earlierRun, &ProfileStore::secretsSaved);
        earlierRun.saveProfile(profile);
        ASSERT_TRUE(saved.count() > 0 || saved.wait(20000));
    }
    ProfileStore profiles(group, service); // a new run: only the keychain could know the secret
    MainWindow window(&profiles, nullptr);
    QSignalSpy connected(&window, &MainWindow::connected);
    window.connectToSavedProfile(QStringLiteral("saved-sim"));

    QInputDialog *prompt = nullptr;
    const bool asked = waitUntil([&] {
        prompt = window.findChild<QInputDialog *>(QStringLiteral("secretPrompt"));
        return (prompt != nullptr && prompt->isVisible()) || !connected.isEmpty();
    });
    ASSERT_TRUE(asked);
    if (profiles.keychainState() == ProfileStore::KeychainState::Available && !connected.isEmpty())
        GTEST_SKIP() << "a keychain service runs here and gave the secret back";
    ASSERT_NE(prompt, nullptr);
    EXPECT_TRUE(prompt->labelText().contains(QStringLiteral("kept in memory only"))) << prompt->labelText().toStdString();
    EXPECT_EQ(prompt->textEchoMode(), QLineEdit::Password);
    prompt->setTextValue(QString::fromLatin1(cc::sim::kDemoClientSecret));
    prompt->accept();
    ASSERT_TRUE(connected.count() > 0 || connected.wait(10000));
    QSignalSpy loaded(window.channelsPage(), &ChannelsPage::loaded);
    ASSERT_TRUE(window.channelsPage()->model()->rowCount() > 0 || loaded.wait(10000));
    EXPECT_EQ(profiles.lastUsedProfile(), QStringLiteral("saved-sim"));

    // Once per run: switching back to it asks nothing.
    QSignalSpy again(&window, &MainWindow::connected);
    window.connectToSavedProfile(QStringLiteral("saved-sim"));
    ASSERT_TRUE(again.wait(10000));
    const auto prompts = window.findChildren<QInputDialog *>(QStringLiteral("secretPrompt"));
    EXPECT_TRUE(std::none_of(prompts.cbegin(), prompts.cend(), [](QInputDialog *d) { return d->isVisible(); }));
}

TEST(MainWindowSettings, RemembersTheLastPage)
{
    ProfileStore profiles(testProfileGroup(), QStringLiteral("cc-tests"));
    {
        MainWindow window(&profiles, nullptr);
        window.show();
        window.showPage(MainWindow::Page::Quality);
        window.close();
    }
    MainWindow again(&profiles, nullptr);
    EXPECT_EQ(again.currentPage(), MainWindow::Page::Quality);
    again.showPage(MainWindow::Page::Channels);
    again.close();
}
