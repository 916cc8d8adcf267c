// One action, two front ends, one audit entry: the same edit (a SIP password
// changed), the same delete and the same manual failover made in the console's
// window (a profile saved and connected, menus and fields found by their text)
// and with cxonectl (a process), each against its own simulated tenant started
// from the same seed, leave entries that agree on the event, the channel, the
// source and every detail. The time, the sequence and the hash differ; the
// tenant is named as each front end names it.

#include "console_session.h"
#include "cxonectl_run.h"
#include "user_actions.h"

#include "main_window.h"

#include "audit/audit_store.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QLabel>
#include <QPointer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::e2e;
using namespace cc::test;

namespace {

const QStringList kSimArguments = seededSimArguments();
const QString kNewPassword = QStringLiteral("rotated-Sip-pw-81");

using cc::test::CliRun;

CliRun cxonectl(const QUrl &tenant, const QString &auditDb, const QStringList &arguments)
{
    return cc::test::runCxonectl(QStringList{QStringLiteral("--json"), QStringLiteral("--audit-db"), auditDb} + arguments,
                                 cc::test::cxonectlEnvironment(tenant));
}

// What two front ends must agree on: everything but time, sequence, hash, actor and tenant.
QString comparable(const AuditEntry &entry)
{
    return QStringLiteral("%1 %2 %3 %4").arg(entry.eventType, entry.channelId, eventSourceName(entry.source), entry.detailsJson);
}

// The manual entries about `channelId` of an event type starting with `typePrefix`, in the trail at `path`.
QStringList manualEntries(const QString &path, const QString &channelId, const QString &typePrefix)
{
    AuditStore store;
    QString error;
    if (!store.open(path, &error, AuditStore::OpenMode::ExistingOnly))
        return {QStringLiteral("cannot open %1: %2").arg(path, error)};
    QStringList found;
    const QList<AuditEntry> entries = store.tail(10000, &error);
    for (const AuditEntry &entry : entries) {
        if (entry.source == EventSource::Manual && entry.channelId == channelId && entry.eventType.startsWith(typePrefix))
            found.append(comparable(entry));
    }
    std::sort(found.begin(), found.end());
    return found;
}

QString join(const QStringList &lines)
{
    return lines.join(QLatin1Char('\n'));
}

// The console on one tenant, cxonectl's trail beside it for another tenant
// started alike, and the channels with failover targets (read with cxonectl).
class SameEntriesFromBothFrontEnds : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
        ASSERT_TRUE(cliSim.isRunning()) << cliSim.startError().toStdString();
        const CliRun listed = cxonectl(cliSim.baseUrl(), cliTrail, {QStringLiteral("channels"), QStringLiteral("list")});
        ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
        for (const QJsonValue &value : QJsonDocument::fromJson(listed.out.toUtf8()).array()) {
            const QJsonObject channel = value.toObject();
            if (!failoverTargets(channel).isEmpty())
                primaries.append(channel);
        }
        ASSERT_GE(primaries.size(), 2);
    }

    static QJsonArray failoverTargets(const QJsonObject &channel)
    {
        return channel.value(QStringLiteral("routing")).toObject().value(QStringLiteral("failover_channels")).toArray();
    }

    ConsoleSession session{kSimArguments};
    SimProcess cliSim{kSimArguments};
    QTemporaryDir dir;
    const QString cliTrail = dir.filePath(QStringLiteral("cli-audit.sqlite"));
    QList<QJsonObject> primaries;
};

} // namespace

TEST_F(SameEntriesFromBothFrontEnds, AnEditOfThePasswordAndADeleteLeaveTheSameEntries)
{
    const QString edited = primaries.at(0).value(QStringLiteral("id")).toString();
    const QString editedName = primaries.at(0).value(QStringLiteral("name")).toString();
    const QString deleted = primaries.at(1).value(QStringLiteral("id")).toString();
    const QString deletedName = primaries.at(1).value(QStringLiteral("name")).toString();

    // The console: a saved profile, connected; no automatic failover, so that
    // only the person changes the channels.
    MonitorChoice monitor;
    monitor.autoFailover = false;
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("Lab tenant"), monitor);
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
    QAbstractItemView *table = session.viewOnPage("channelTable");
    ASSERT_NE(table, nullptr);

    // Edit: a new SIP password typed into the editor, saved.
    ASSERT_TRUE(clickItem(table, editedName));
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("Channel"), QStringLiteral("Edit…")}));
    QWidget *editor = waitForDialogTitled(QStringLiteral("Edit ") + editedName);
    ASSERT_NE(editor, nullptr);
    ASSERT_TRUE(typeInto(fieldByLabel(editor, QStringLiteral("Password")), kNewPassword));
    const QPointer<QWidget> editorGuard(editor);
    ASSERT_TRUE(clickButton(editor, QStringLiteral("Save")));
    ASSERT_TRUE(waitUntilClosed(editorGuard)) << visibleText(editor).toStdString();

    // Delete: confirmed in the box that asks.
    const int rowsBefore = table->model()->rowCount();
    ASSERT_TRUE(clickItem(table, deletedName));
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("Channel"), QStringLiteral("Delete…")}));
    ASSERT_TRUE(clickInDialog(QStringLiteral("Delete channel"), QStringLiteral("Delete")));
    ASSERT_TRUE(waitFor([&] { return table->model()->rowCount() == rowsBefore - 1; }))
        << deletedName.toStdString() << " is still listed";

    // cxonectl: the same two actions on its own tenant.
    QFile patch(dir.filePath(QStringLiteral("password.json")));
    ASSERT_TRUE(patch.open(QIODevice::WriteOnly));
    patch.write(QJsonDocument(QJsonObject{{QStringLiteral("configuration"),
                                           QJsonObject{{QStringLiteral("authentication"),
                                                        QJsonObject{{QStringLiteral("password"), kNewPassword}}}}}})
                    .toJson());
    patch.close();
    const CliRun update = cxonectl(cliSim.baseUrl(), cliTrail, {QStringLiteral("channels"), QStringLiteral("update"), edited, patch.fileName()});
    ASSERT_EQ(update.exitCode, 0) << update.err.toStdString();
    const CliRun removal = cxonectl(cliSim.baseUrl(), cliTrail, {QStringLiteral("channels"), QStringLiteral("delete"), deleted});
    ASSERT_EQ(removal.exitCode, 0) << removal.err.toStdString();

    // The entries agree, and neither holds the password.
    const QString consoleTrail = AuditStore::defaultPath();
    const QStringList cliEdited = manualEntries(cliTrail, edited, QStringLiteral("channel_edited"));
    const QStringList cliDeleted = manualEntries(cliTrail, deleted, QStringLiteral("channel_deleted"));
    ASSERT_EQ(cliEdited.size(), 1) << join(cliEdited).toStdString();
    ASSERT_EQ(cliDeleted.size(), 1) << join(cliDeleted).toStdString();
    QStringList consoleEdited;
    QStringList consoleDeleted;
    EXPECT_TRUE(waitFor([&] {
        consoleEdited = manualEntries(consoleTrail, edited, QStringLiteral("channel_edited"));
        consoleDeleted = manualEntries(consoleTrail, deleted, QStringLiteral("channel_deleted"));
        return !consoleEdited.isEmpty() && !consoleDeleted.isEmpty();
    })) << "the console's entries never reached its trail";
    EXPECT_EQ(join(consoleEdited).toStdString(), join(cliEdited).toStdString());
    EXPECT_EQ(join(consoleDeleted).toStdString(), join(cliDeleted).toStdString());
    EXPECT_TRUE(cliEdited.first().contains(QStringLiteral("password"))) << "the edit says the password changed";
    for (const QString &entry : consoleEdited + cliEdited + consoleDeleted + cliDeleted)
        EXPECT_FALSE(entry.contains(kNewPassword)) << entry.toStdString();
}

TEST_F(SameEntriesFromBothFrontEnds, AManualFailoverLeavesTheSameEntriesAndFollowsTheSameTargetRule)
{
    const QString primary = primaries.at(0).value(QStringLiteral("id")).toString();
    const QString primaryName = primaries.at(0).value(QStringLiteral("name")).toString();
    const QString backup = failoverTargets(primaries.at(0)).first().toString();
    // Both tenants hold the two channels healthy: the backup is usable by the engine's rule on either side.
    for (SimProcess *sim : {&session.sim(), &cliSim}) {
        for (const QString &id : {primary, backup})
            ASSERT_TRUE(sim->fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")},
                                               {QStringLiteral("channel_id"), id},
                                               {QStringLiteral("status"), QStringLiteral("healthy")}}));
    }

    MonitorChoice monitor;
    monitor.upAfter = 1;
    monitor.autoFailover = false;
    const QString problem = session.connectThroughProfilesDialog(QStringLiteral("Lab tenant"), monitor);
    ASSERT_TRUE(problem.isEmpty()) << problem.toStdString();
    // A verdict for every channel: the status bar says when the monitor last looked.
    auto *monitorStatus = session.window()->findChild<QLabel *>(QStringLiteral("monitorStatus"));
    ASSERT_NE(monitorStatus, nullptr);
    ASSERT_TRUE(waitFor([&] { return monitorStatus->text().contains(QStringLiteral("last")); }, 30000))
        << monitorStatus->text().toStdString();

    ASSERT_TRUE(clickItem(session.viewOnPage("channelTable"), primaryName));
    ASSERT_TRUE(clickMenu(session.window(), {QStringLiteral("Channel"), QStringLiteral("Fail over…")}));
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Fail over"));
    ASSERT_NE(dialog, nullptr);
    auto *choice = qobject_cast<QComboBox *>(findByAccessibleName(dialog, QStringLiteral("Backup")));
    ASSERT_NE(choice, nullptr);
    ASSERT_TRUE(chooseInCombo(choice, choice->itemText(choice->findData(backup))));
    ASSERT_TRUE(clickButton(dialog, QStringLiteral("Fail over")));

    const CliRun failover = cxonectl(cliSim.baseUrl(), cliTrail, {QStringLiteral("failover"), primary, QStringLiteral("--to"), backup});
    ASSERT_EQ(failover.exitCode, 0) << failover.err.toStdString();

    const QStringList cliEntries = manualEntries(cliTrail, primary, QStringLiteral("failover_"));
    ASSERT_EQ(cliEntries.size(), 2) << join(cliEntries).toStdString();   // failover_started, failover_done
    QStringList consoleEntries;
    EXPECT_TRUE(waitFor([&] {
        consoleEntries = manualEntries(AuditStore::defaultPath(), primary, QStringLiteral("failover_"));
        return consoleEntries.size() >= 2;
    }, 30000)) << join(consoleEntries).toStdString();
    EXPECT_EQ(join(consoleEntries).toStdString(), join(cliEntries).toStdString());
}
