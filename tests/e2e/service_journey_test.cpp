// The console beside a monitor service, end to end (issue 16): PostgreSQL
// started by the test, cxone-sim as its own process, `cxonectl monitor
// --leader-lease` as the service, and the real window connected through the
// profiles dialog with the shared trail typed into its Audit trail tab. The
// window says the service leads (status bar and dashboard); a trunk the
// tenant downs is failed over exactly once, by the service (the tenant's
// request log counts the PATCHes); the Audit page shows the service's entry,
// read from the shared trail, and none of the console's own watching; a
// failback by hand works and is recorded there too. When
// the service stops, the console says so and does not take over until the
// operator lets it, which is recorded.

#include "console_session.h"
#include "cxonectl_run.h"
#include "user_actions.h"

#include "main_window.h"
#include "postgres_server.h"

#include "audit/audit_store.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStatusBar>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

// Seed 1 with 12 channels: prod-voice-trunk-us-east-1 fails over to backup-east-1.
const QString kTrunkId = QStringLiteral("ch_57d2df");
const QStringList kTrunkBackups{QStringLiteral("ch_c3c080"), QStringLiteral("ch_704479")};

QProcessEnvironment serviceEnvironment(const cc::test::SimProcess &tenant, const QByteArray &pgPassword, const QString &dataHome)
{
    QProcessEnvironment env = tenant.clientEnvironment();
    // On a server the password comes from libpq's own ways (here PGPASSWORD).
    env.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(pgPassword));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    return env;
}

// Every channel of the tenant (as cxonectl lists them), ids with their failover channels.
QList<QPair<QString, QStringList>> tenantChannels(const QProcessEnvironment &env)
{
    QProcess list;
    list.setProcessEnvironment(env);
    list.start(cc::test::cxonectlBinary(), {QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")});
    QList<QPair<QString, QStringList>> channels;
    if (!list.waitForFinished(60000))
        return channels;
    for (const QJsonValue &value : QJsonDocument::fromJson(list.readAllStandardOutput()).array()) {
        const QJsonObject channel = value.toObject();
        QStringList backups;
        for (const QJsonValue &backup : channel.value(QStringLiteral("routing")).toObject().value(QStringLiteral("failover_channels")).toArray())
            backups.append(backup.toString());
        channels.append({channel.value(QStringLiteral("id")).toString(), backups});
    }
    return channels;
}

// Another trunk with a failover channel, none shared with the first trunk's failover.
QString secondTrunk(const QList<QPair<QString, QStringList>> &channels)
{
    for (const auto &channel : channels) {
        if (channel.first == kTrunkId || kTrunkBackups.contains(channel.first) || channel.second.isEmpty())
            continue;
        bool related = false;
        for (const QString &backup : channel.second)
            related = related || backup == kTrunkId || kTrunkBackups.contains(backup);
        if (!related)
            return channel.first;
    }
    return QString();
}

// A row of the Audit page's table showing this event and source (what a person reads there).
bool auditShows(QAbstractItemView *table, const QString &event, const QString &source, const QString &channel)
{
    if (table == nullptr)
        return false;
    const QAbstractItemModel *model = table->model();
    int eventColumn = -1;
    int sourceColumn = -1;
    int channelColumn = -1;
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString header = model->headerData(c, Qt::Horizontal).toString();
        if (header == QLatin1String("Event"))
            eventColumn = c;
        else if (header == QLatin1String("Source"))
            sourceColumn = c;
        else if (header == QLatin1String("Channel"))
            channelColumn = c;
    }
    if (eventColumn < 0 || sourceColumn < 0 || channelColumn < 0)
        return false;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, eventColumn).data().toString() == event && model->index(r, sourceColumn).data().toString() == source
            && model->index(r, channelColumn).data().toString().contains(channel))
            return true;
    }
    return false;
}

} // namespace

TEST(ServiceJourney, TheConsoleLeavesAutomaticFailoverToTheServiceAndShowsItsEntriesFromTheSharedTrail)
{
    cc::test::PostgresServer pg;
    ASSERT_TRUE(pg.start()) << pg.error().toStdString();
    const QString url = pg.createDatabase(QStringLiteral("console_with_service"));
    ASSERT_FALSE(url.isEmpty()) << pg.error().toStdString();

    ConsoleSession session(seededSimArguments());
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    QTemporaryDir serviceHome;
    const QProcessEnvironment env = serviceEnvironment(session.sim(), pg.password(), serviceHome.path());
    const QList<QPair<QString, QStringList>> channels = tenantChannels(env);
    const QString second = secondTrunk(channels);
    ASSERT_FALSE(second.isEmpty());
    // Every trunk held healthy: only the ones the test downs change.
    for (const auto &channel : channels)
        ASSERT_TRUE(session.sim().holdStatus(channel.first, QStringLiteral("healthy")));

    // The service: one engine that acts, holding the tenant's lease.
    QProcess service;
    service.setProcessEnvironment(env);
    service.start(cc::test::cxonectlBinary(),
                  {QStringLiteral("--json"), QStringLiteral("--audit-db"), url, QStringLiteral("monitor"), QStringLiteral("--leader-lease"),
                   QStringLiteral("--lease-seconds"), QStringLiteral("6"), QStringLiteral("--interval"), QStringLiteral("1"),
                   QStringLiteral("--down-after"), QStringLiteral("2"), QStringLiteral("--cooldown"), QStringLiteral("0")});
    ASSERT_TRUE(service.waitForStarted(10000));
    QByteArray serviceOut;
    ASSERT_TRUE(waitFor([&] {
        serviceOut += service.readAllStandardOutput();
        return serviceOut.contains("\"type\":\"leader\"");
    }, 30000)) << serviceOut.constData() << service.readAllStandardError().constData();

    // The operator's console on the same tenant and trail: automatic failover
    // on in the profile, the trail's password typed into the dialog.
    MonitorChoice monitor;
    monitor.pollSeconds = 5;
    monitor.downAfter = 1;
    monitor.upAfter = 1;
    monitor.cooldownSeconds = 0;
    monitor.automaticFailback = false;
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("NOC shared trail"), monitor,
                                                                 AuditChoice{url, QString::fromLatin1(pg.password())});
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();

    // The window says who does the automatic failover.
    const QString leads = QStringLiteral("Automatic failover by the service on %1 (leader since").arg(QHostInfo::localHostName());
    cc::ui::MainWindow *window = session.window();
    ASSERT_TRUE(waitFor([&] { return visibleText(window->statusBar()).contains(leads); }, 20000))
        << visibleText(window->statusBar()).toStdString();
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    EXPECT_TRUE(waitFor([&] { return visibleText(window->centralWidget()).contains(leads); }, 5000));
    session.screenshot(QStringLiteral("service-leads"));

    // The tenant downs the trunk: the service fails it over, once; the console only watches.
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("unhealthy")));
    ASSERT_TRUE(waitFor([&] { return session.sim().patchesAnswered200() >= 1; }, 30000));
    // The console judges the trunk down at its first bad reading (every 5 s): two cycles more.
    EXPECT_FALSE(waitFor([&] { return session.sim().patchesAnswered200() > 1; }, 12000)) << "the console acted too";
    serviceOut += service.readAllStandardOutput();
    EXPECT_TRUE(serviceOut.contains("\"type\":\"failover_done\"")) << serviceOut.constData();

    // The console's Audit page reads the service's entry from the shared trail.
    ASSERT_TRUE(session.openPage(QStringLiteral("Audit")));
    EXPECT_TRUE(waitFor([&] {
        return auditShows(session.viewOnPage("auditTable"), QStringLiteral("failover_done"), QStringLiteral("automatic"), kTrunkId);
    }, 20000));
    session.screenshot(QStringLiteral("service-entry-in-audit"));

    // A person's failback still works while the service leads, recorded in the
    // shared trail. The trunk is healthy again first, and the service has seen
    // it up (else it would fail it over again).
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("healthy")));
    ASSERT_TRUE(waitFor([&] {
        serviceOut += service.readAllStandardOutput();
        for (const QByteArray &line : serviceOut.split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("type")).toString() == QLatin1String("health_state_changed")
                && event.value(QStringLiteral("channel_id")).toString() == kTrunkId
                && event.value(QStringLiteral("details")).toObject().value(QStringLiteral("to")).toString() == QLatin1String("up")
                && event.value(QStringLiteral("details")).toObject().value(QStringLiteral("from")).toString() == QLatin1String("down"))
                return true;
        }
        return false;
    }, 30000)) << serviceOut.constData();
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    ASSERT_TRUE(clickItem(session.dashboardChannels(), QStringLiteral("prod-voice-trunk-us-east-1")));
    QAbstractButton *failback = findButton(window, QStringLiteral("Fail back…"));
    ASSERT_NE(failback, nullptr);
    ASSERT_TRUE(waitFor([&] { return failback->isEnabled(); }, 30000)) << "the dashboard never showed the failover";
    ASSERT_TRUE(clickButton(window, QStringLiteral("Fail back…")));
    ASSERT_TRUE(clickInDialog(QStringLiteral("Fail back"), QStringLiteral("Fail back")));
    EXPECT_TRUE(waitFor([&] { return session.sim().patchesAnswered200() == 2; }, 30000));
    ASSERT_TRUE(session.openPage(QStringLiteral("Audit")));
    EXPECT_TRUE(waitFor([&] {
        return auditShows(session.viewOnPage("auditTable"), QStringLiteral("failback_done"), QStringLiteral("manual"), kTrunkId);
    }, 20000));

    // The service stops (SIGTERM: its lease released). The console says so and does not take over by itself.
    service.terminate();
    ASSERT_TRUE(service.waitForFinished(30000));
    EXPECT_EQ(service.exitCode(), 0);
    ASSERT_TRUE(waitFor([&] { return visibleText(window->statusBar()).contains(QLatin1String("stopped leading")); }, 20000))
        << visibleText(window->statusBar()).toStdString();
    ASSERT_TRUE(session.sim().holdStatus(second, QStringLiteral("unhealthy")));
    EXPECT_FALSE(waitFor([&] { return session.sim().patchesAnswered200() > 2; }, 12000))
        << "the console took over without being asked";

    // No automatic entry of the console's own watching went to the trail: the service's are its lease's.
    {
        cc::AuditStore store;
        QString error;
        qputenv("PGPASSWORD", pg.password());
        ASSERT_TRUE(store.open(url, &error)) << error.toStdString();
        QStringList consoleObservations;
        store.forEach({}, [&](const cc::AuditEntry &entry) {
            if (entry.source != cc::EventSource::Manual && !entry.details().contains(QLatin1String("lease_holder")))
                consoleObservations.append(entry.eventType + QLatin1Char(' ') + entry.channelId + QLatin1Char(' ') + entry.detailsJson);
            return true;
        }, &error);
        EXPECT_TRUE(consoleObservations.isEmpty()) << consoleObservations.join(QLatin1Char('\n')).toStdString();
        EXPECT_TRUE(store.verify().intact());
    }

    // The operator lets the console fail over: it does, and it is recorded.
    ASSERT_TRUE(session.openPage(QStringLiteral("Dashboard")));
    ASSERT_TRUE(clickButton(window, QStringLiteral("Let this console fail over")));
    ASSERT_TRUE(clickInDialog(QStringLiteral("Let this console fail over"), QStringLiteral("Fail over from this console")));
    EXPECT_TRUE(waitFor([&] { return session.sim().patchesAnswered200() == 3; }, 30000));
    ASSERT_TRUE(session.openPage(QStringLiteral("Audit")));
    EXPECT_TRUE(waitFor([&] {
        return auditShows(session.viewOnPage("auditTable"), QStringLiteral("failover_resumed"), QStringLiteral("manual"), QString());
    }, 20000));
    EXPECT_TRUE(waitFor([&] {
        return auditShows(session.viewOnPage("auditTable"), QStringLiteral("failover_done"), QStringLiteral("automatic"), second);
    }, 20000));
}
