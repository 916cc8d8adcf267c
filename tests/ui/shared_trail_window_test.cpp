// The window with a profile whose audit store is the shared PostgreSQL trail,
// while that trail cannot take entries (nothing listens at its address): a
// person's change is refused and says why, nothing reaches the tenant, and the
// monitor's own events wait in the local spool; the window says so. (The
// trail answering, and a service leading it, are the end-to-end tests'.)

#include "channels_page.h"
#include "channel_actions.h"
#include "main_window.h"
#include "profile_store.h"
#include "routing_change_dialog.h"

#include "audit/audit_log.h"
#include "audit/audit_spool.h"

#include "console_window.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui::test;
using cc::ui::ChannelsPage;
using cc::ui::MainWindow;
using cc::ui::ProfileStore;

namespace {

// A loopback port with nothing listening on it: the trail's database is down.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

TEST(MainWindowSharedTrail, AChangeIsRefusedWhileTheSharedTrailCannotTakeItsEntryAndTheMonitorsEventsWait)
{
    test::SimFixture sim{simOptions(4)};
    ASSERT_TRUE(sim.isListening());
    const QString backup = createOnTenant(sim, QStringLiteral("trail-backup"));
    const QString primary = createOnTenant(sim, QStringLiteral("trail-primary"), {backup});
    for (const QString &id : {backup, primary})
        sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), id},
                              {QStringLiteral("status"), QStringLiteral("healthy")}});

    QTemporaryDir dir;
    AuditLog defaultTrail;
    ASSERT_TRUE(defaultTrail.open(dir.filePath(QStringLiteral("audit.sqlite"))));
    ProfileStore profiles(testProfileGroup(), QStringLiteral("cc-tests"));
    MainWindow window(&profiles, &defaultTrail);
    window.show();
    ui::StoredProfile profile;
    profile.connection = simProfile(sim);
    profile.monitor.cadenceSeconds = 1;
    profile.monitor.failover.hysteresis.upAfter = 1;
    const QString trail = QStringLiteral("postgresql://cc@127.0.0.1:%1/audit").arg(closedPort());
    profile.audit.location = trail;
    QSignalSpy loaded(window.channelsPage(), &ChannelsPage::loaded);
    window.connectWith(profile);
    ASSERT_TRUE(loaded.wait(10000));

    // The window says the trail is away, and that the monitor's events wait.
    auto *status = window.findChild<QLabel *>(QStringLiteral("serviceLeaseStatus"));
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(waitUntil([&] { return status->text().contains(QLatin1String("does not take entries")); }, 20000))
        << status->text().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("127.0.0.1"))) << status->text().toStdString();
    ASSERT_TRUE(waitUntil([&] {
        AuditSpool spool;
        QString error;
        return spool.open(AuditSpool::defaultPathFor(trail), &error) && spool.count() > 0;
    }, 20000)) << "the monitor's events wait in the local spool";

    // A delete: refused before anything is sent.
    QSignalSpy refused(window.channelActions(), &ui::ChannelActions::channelDeleteRefused);
    window.channelActions()->deleteChannel(backup);
    auto *confirm = waitForShown<QMessageBox>(window, "confirmDeleteBox");
    ASSERT_NE(confirm, nullptr);
    confirm->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(refused.wait(10000));
    const QString message = refused.at(0).at(1).toString();
    EXPECT_TRUE(message.contains(QLatin1String("could not be stored first"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QLatin1String("Nothing was changed"))) << message.toStdString();
    EXPECT_EQ(tenantChannel(sim, backup).value(QStringLiteral("id")).toString(), backup) << "still on the tenant";

    // A failover by hand: refused in a box, the routing untouched.
    window.channelsPage()->selectChannel(primary);
    window.channelActions()->failOver(primary);
    auto *prompt = waitForShown<ui::RoutingChangeDialog>(window, "failoverTargetPrompt");
    ASSERT_NE(prompt, nullptr);
    ASSERT_TRUE(clickButton(*prompt, QStringLiteral("Fail over")));
    auto *box = waitForShown<QMessageBox>(window, "auditRefusedBox");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().startsWith(QStringLiteral("Failing trail-primary (%1) over was not done").arg(primary)))
        << box->text().toStdString();
    EXPECT_TRUE(tenantChannel(sim, primary).value(QStringLiteral("routing")).toObject()
                    .value(QStringLiteral("primary_channel_id")).toString().isEmpty());
}
