// The console's SIP probing, as its user meets it: the profile's checkbox in
// the connection profiles dialog (found by its text, on the Monitor tab) turns
// probing on and is kept; connected with it, the dashboard's tiles carry the
// probe's marker: an answering trunk "SIP ▲ 200 · N ms", a silent one (the
// simulated tenant's responder of an unhealthy trunk) "SIP ▼ no answer".

#include "channel_tile_delegate.h"
#include "channel_tile_model.h"
#include "connection_profiles_dialog.h"
#include "dashboard_page.h"
#include "event_feed_model.h"
#include "main_window.h"
#include "profile_store.h"

#include "console_window.h"

#include "audit/audit_log.h"
#include "sim_sip_responder.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUuid>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui;
using namespace cc::ui::test;

namespace {

constexpr int kWaitMs = 30000;   // generous: the machine is shared and loaded

sim::SimOptions probedSim()
{
    sim::SimOptions options = simOptions(4);
    options.sipResponder = true;
    return options;
}

QCheckBox *checkBoxWithText(const QWidget &parent, const QString &prefix)
{
    for (QCheckBox *box : parent.findChildren<QCheckBox *>()) {
        if (box->text().startsWith(prefix))
            return box;
    }
    return nullptr;
}

void clickTab(const QWidget &parent, const QString &text)
{
    for (QTabWidget *tabs : parent.findChildren<QTabWidget *>()) {
        QTabBar *bar = tabs->tabBar();
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->tabText(i).remove(QLatin1Char('&')) == text) {
                QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
                return;
            }
        }
    }
    ADD_FAILURE() << "no tab " << text.toStdString();
}

} // namespace

TEST(SipProbeProfile, TheDialogsCheckboxTurnsProbingOnAndItIsKept)
{
    cc::test::SimFixture sim{simOptions(2)};
    ASSERT_TRUE(sim.isListening());
    const QString group = testProfileGroup();
    const QString service = QStringLiteral("cc-tests-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    ProfileStore store(group, service);
    {
        ConnectionProfilesDialog dialog(&store);
        dialog.show();
        QTest::mouseClick(child<QPushButton>(dialog, "newProfileButton"), Qt::LeftButton);
        retype(child<QLineEdit>(dialog, "profileName"), QStringLiteral("probed"));
        retype(child<QLineEdit>(dialog, "baseUrl"), sim.baseUrl().toString());
        retype(child<QLineEdit>(dialog, "clientId"), QStringLiteral("demo"));
        retype(child<QLineEdit>(dialog, "clientSecret"), QString::fromLatin1(cc::sim::kDemoClientSecret));
        clickTab(dialog, QStringLiteral("Monitor"));
        QCheckBox *probe = checkBoxWithText(dialog, QStringLiteral("Probe each trunk's SIP server"));
        ASSERT_NE(probe, nullptr);
        ASSERT_TRUE(probe->isVisible());
        EXPECT_FALSE(probe->isChecked()) << "off by default";
        QTest::mouseClick(probe, Qt::LeftButton);
        EXPECT_TRUE(probe->isChecked());
        QSignalSpy saved(&store, &ProfileStore::secretsSaved);
        QTest::mouseClick(child<QPushButton>(dialog, "saveProfileButton"), Qt::LeftButton);
        ASSERT_TRUE(saved.count() > 0 || saved.wait(20000));
    }
    // Read back by another store on the same settings: it was written, not only kept in memory.
    ProfileStore reread(group, service);
    ASSERT_TRUE(reread.profile(QStringLiteral("probed")).has_value());
    EXPECT_TRUE(reread.profile(QStringLiteral("probed"))->monitor.sipProbe);
    EXPECT_EQ(reread.profile(QStringLiteral("probed"))->monitor.failover.signal, FailoverSignal::Both);
    store.removeProfile(QStringLiteral("probed"));
}

TEST(SipProbeTiles, TheDashboardShowsEachTrunksProbeAnswer)
{
    cc::test::SimFixture sim{probedSim()};
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    ASSERT_NE(sim.server().sipResponder(), nullptr);
    const QString up = sim.channelId(0);
    const QString silent = sim.channelId(1);
    // Held so: a healthy trunk answers 200, an unhealthy one is silent.
    sim.holdStatus(up, QStringLiteral("healthy"));
    sim.holdStatus(silent, QStringLiteral("unhealthy"));

    ConsoleWindow console;
    ASSERT_TRUE(console.auditOpen);
    MainWindow &window = console.window;
    console.show();
    StoredProfile profile = everySecond(sim);
    // Watching only: a failover's PATCH would make the silent trunk "active", which answers.
    profile.monitor.failover.autoFailover = false;
    profile.monitor.sipProbe = true;
    profile.monitor.sipProbeIntervalSeconds = 1;
    profile.monitor.sipConnectTo = sim.server().sipResponder()->connectTo();
    window.connectWith(profile);
    window.showPage(MainWindow::Page::Dashboard);
    DashboardPage *dashboard = window.dashboardPage();
    ASSERT_NE(dashboard, nullptr);

    const auto lines = [&](const QString &id) {
        const ChannelTile *tile = dashboard->model()->tileById(id);
        return tile ? ChannelTileDelegate::tileLines(*tile).join(QLatin1Char('\n')) : QString();
    };
    EXPECT_TRUE(waitUntil([&] { return lines(up).contains(QStringLiteral("SIP ▲ 200 · ")); }, kWaitMs)) << lines(up).toStdString();
    EXPECT_TRUE(lines(up).contains(QStringLiteral(" ms"))) << lines(up).toStdString();
    EXPECT_TRUE(waitUntil([&] { return lines(silent).contains(QStringLiteral("SIP ▼ no answer")); }, kWaitMs))
        << lines(silent).toStdString();
    const ChannelTile *silentTile = dashboard->model()->tileById(silent);
    ASSERT_NE(silentTile, nullptr);
    EXPECT_EQ(silentTile->health.probe, ProbeHealth::Down);
    const QModelIndex index = dashboard->model()->index(dashboard->model()->rowOf(silent), 0);
    EXPECT_TRUE(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("SIP probe down: no answer within")))
        << index.data(Qt::ToolTipRole).toString().toStdString();
}

TEST(SipProbeFeed, ADisagreementIsNotableAndNamedAsPeopleWriteIt)
{
    MonitorEvent event{QString(events::kSipProbeDisagreement), QStringLiteral("ch_1"), EventSource::System,
                       QDateTime::currentDateTimeUtc(), {{QStringLiteral("reason"), QStringLiteral("tenant_up_probe_down")}}};
    EXPECT_TRUE(EventFeedModel::isNotable(event)) << "a desktop notification, as for a failover";
    EventFeedModel feed;
    EXPECT_TRUE(feed.describe(event).contains(QStringLiteral("SIP probe disagreement: ch_1 (system) — tenant_up_probe_down")))
        << feed.describe(event).toStdString();
    event.type = QString(events::kSipProbeStateChanged);
    EXPECT_FALSE(EventFeedModel::isNotable(event));
}
