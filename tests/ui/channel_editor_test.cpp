// The channel editor against the simulated tenant in-process: what is typed is
// what the tenant stores, what the tenant refuses is shown on the field, and a
// conflicting save never loses the user's edits.

#include "channel_editor_dialog.h"

#include "audit/audit_log.h"
#include "operations/channel_operations.h"
#include "widget_test_support.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

using namespace cc;
using namespace cc::ui::test;
using cc::ui::ChannelEditorDialog;

namespace {

class ChannelEditorOnTenant : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        channels = listChannels(client);
        ASSERT_FALSE(channels.isEmpty());
    }

    void click(QWidget &parent, const char *name)
    {
        auto *button = child<QPushButton>(parent, name);
        ASSERT_NE(button, nullptr) << name;
        ASSERT_TRUE(button->isEnabled()) << name;
        QTest::mouseClick(button, Qt::LeftButton);
    }

    void chooseFailover(ChannelEditorDialog &dialog, const QString &id)
    {
        auto *choice = child<QComboBox>(dialog, "failoverChoice");
        const int index = choice->findData(id);
        ASSERT_GE(index, 0) << id.toStdString();
        choice->setCurrentIndex(index);
        click(dialog, "failoverAddButton");
    }

    // Opens `editor` on `channel` and saves `mine` as its name after someone
    // else renamed it `theirs` on the tenant: the editor shows its conflict bar.
    void editInConflict(const Channel &channel, const QString &mine, const QString &theirs)
    {
        editor = std::make_unique<ChannelEditorDialog>(&client, channels);
        editor->startEdit(channel);
        editor->show();
        retype(child<QLineEdit>(*editor, "nameEdit"), mine);
        ASSERT_EQ(sim.api("PATCH", QStringLiteral("/api/v2/channels/") + channel.id, sim.fetchToken(),
                          QJsonObject{{QStringLiteral("name"), theirs}}).status, 200);
        click(*editor, "saveButton");
        ASSERT_TRUE(waitUntil([&] { return !editor->isBusy() && child<QWidget>(*editor, "conflictBar")->isVisible(); }))
            << "a 412 is shown, not lost";
    }

    test::SimFixture sim{simOptions()};
    ApiClient client{simProfile(sim)};
    QList<Channel> channels;
    std::unique_ptr<ChannelEditorDialog> editor;
};

} // namespace

TEST_F(ChannelEditorOnTenant, CreatesTheChannelTypedIntoTheFormAndAuditsIt)
{
    QTemporaryDir dir;
    AuditLog audit;
    ASSERT_TRUE(audit.open(dir.filePath(QStringLiteral("audit.sqlite"))));
    ChannelOperations operations(&client, nullptr, queuedRecorder(&audit), QStringLiteral("sim"));
    ChannelEditorDialog dialog(&client, channels);
    dialog.setOperations(&operations);
    dialog.startCreate(ChannelEditorDialog::defaultDraft());
    dialog.show();

    retype(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("typed-trunk-east"));
    retype(child<QLineEdit>(dialog, "sipServerEdit"), QStringLiteral("sip.typed.example"));
    retype(child<QSpinBox>(dialog, "sipPortSpin"), QStringLiteral("5072"));
    retype(child<QLineEdit>(dialog, "usernameEdit"), QStringLiteral("typed_user"));
    retype(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("pw-9d2c7"));
    chooseFailover(dialog, channels.at(1).id);

    QSignalSpy saved(&dialog, &ChannelEditorDialog::channelSaved);
    QSignalSpy committed(&audit, &AuditLog::committed);
    click(dialog, "saveButton");
    EXPECT_TRUE(dialog.isBusy()) << "the save runs asynchronously behind a busy state";
    EXPECT_FALSE(child<QPushButton>(dialog, "saveButton")->isEnabled());
    ASSERT_TRUE(saved.wait(10000)) << dialog.messageFor(QStringLiteral("name")).toStdString();

    const QJsonObject stored = tenantChannelNamed(sim, QStringLiteral("typed-trunk-east"));
    ASSERT_FALSE(stored.isEmpty()) << "the tenant has the new channel";
    const QJsonObject configuration = stored.value(QStringLiteral("configuration")).toObject();
    EXPECT_EQ(configuration.value(QStringLiteral("sip_server")).toString(), QStringLiteral("sip.typed.example"));
    EXPECT_EQ(configuration.value(QStringLiteral("sip_port")).toInt(), 5072);
    EXPECT_EQ(stored.value(QStringLiteral("routing")).toObject().value(QStringLiteral("failover_channels")).toArray(),
              QJsonArray{channels.at(1).id});
    EXPECT_EQ(dialog.result(), QDialog::Accepted);

    ASSERT_TRUE(committed.count() > 0 || committed.wait(10000));
    const AuditEntry entry = committed.at(0).at(1).value<AuditEntry>();
    EXPECT_EQ(entry.eventType, QStringLiteral("channel_created"));
    EXPECT_EQ(entry.channelId, stored.value(QStringLiteral("id")).toString());
    EXPECT_FALSE(entry.detailsJson.contains(QStringLiteral("pw-9d2c7"))) << "a password never reaches the audit trail";
}

TEST_F(ChannelEditorOnTenant, TenantRefusalMarksTheFieldItNames)
{
    // A backup that exists when the editor opens and is gone when it saves: the
    // form cannot know, the tenant refuses with a 400 naming the field.
    const QString doomed = createOnTenant(sim, QStringLiteral("doomed-backup"));
    ASSERT_FALSE(doomed.isEmpty());
    channels = listChannels(client);
    ChannelEditorDialog dialog(&client, channels);
    dialog.startEdit(channels.at(0));
    dialog.show();
    chooseFailover(dialog, doomed);
    ASSERT_EQ(sim.api("DELETE", QStringLiteral("/api/v2/channels/") + doomed, sim.fetchToken()).status, 204);

    click(dialog, "saveButton");
    ASSERT_TRUE(waitUntil([&] { return !dialog.isBusy(); }));
    ASSERT_FALSE(dialog.tenantErrors().isEmpty()) << "the tenant answered 400";
    const QString message = dialog.messageFor(QStringLiteral("routing.failover_channels"));
    EXPECT_TRUE(message.contains(QStringLiteral("no channel has the id ") + doomed)) << message.toStdString();
    EXPECT_TRUE(child<QListWidget>(dialog, "failoverList")->property("ccInvalid").toBool());
    EXPECT_FALSE(child<QPushButton>(dialog, "saveButton")->isEnabled());
    EXPECT_TRUE(dialog.isVisible()) << "the dialog stays open with the user's edits";

    // Taking the target out clears the mark and allows saving again.
    auto *list = child<QListWidget>(dialog, "failoverList");
    list->setCurrentRow(list->count() - 1);
    click(dialog, "failoverRemoveButton");
    EXPECT_EQ(dialog.messageFor(QStringLiteral("routing.failover_channels")), QString());
    EXPECT_TRUE(child<QPushButton>(dialog, "saveButton")->isEnabled());
}

TEST_F(ChannelEditorOnTenant, ReorderingCodecsChangesTheOrderThePatchSends)
{
    auto it = std::find_if(channels.cbegin(), channels.cend(), [](const Channel &c) { return c.configuration.codecs.size() >= 2; });
    ASSERT_NE(it, channels.cend()) << "a seeded channel with two codecs";
    const Channel channel = *it;
    QList<Codec> sorted = channel.configuration.codecs;
    std::sort(sorted.begin(), sorted.end(), [](const Codec &a, const Codec &b) { return a.priority < b.priority; });
    QStringList expected;
    for (const Codec &codec : sorted)
        expected.append(codec.name);
    expected.swapItemsAt(0, 1);

    ChannelEditorDialog dialog(&client, channels);
    dialog.startEdit(channel);
    dialog.show();
    child<QListWidget>(dialog, "codecList")->setCurrentRow(0);
    click(dialog, "codecDownButton");
    sim.clearRequests();
    QSignalSpy saved(&dialog, &ChannelEditorDialog::channelSaved);
    click(dialog, "saveButton");
    ASSERT_TRUE(saved.wait(10000));

    QJsonObject patch;
    for (const auto &value : sim.requests()) {
        const QJsonObject request = value.toObject();
        if (request.value(QStringLiteral("method")).toString() == QStringLiteral("PATCH")
            && request.value(QStringLiteral("path")).toString() == QStringLiteral("/api/v2/channels/") + channel.id)
            patch = request.value(QStringLiteral("body")).toObject();
    }
    ASSERT_FALSE(patch.isEmpty()) << "one PATCH of the channel was sent";
    const QJsonArray codecs = patch.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("codecs")).toArray();
    QStringList sent;
    for (qsizetype i = 0; i < codecs.size(); ++i) {
        sent.append(codecs.at(i).toObject().value(QStringLiteral("name")).toString());
        EXPECT_EQ(codecs.at(i).toObject().value(QStringLiteral("priority")).toInt(), i + 1) << "priorities renumbered 1..n";
    }
    EXPECT_EQ(sent, expected);
    // An edit that leaves the password empty does not send one.
    EXPECT_FALSE(patch.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("authentication")).toObject()
                     .contains(QStringLiteral("password")));
}

TEST_F(ChannelEditorOnTenant, ConflictingSaveKeepsTheEditsAndCanOverwrite)
{
    const Channel channel = channels.at(2);
    ASSERT_NO_FATAL_FAILURE(editInConflict(channel, QStringLiteral("renamed-by-me"), QStringLiteral("renamed-by-them")));
    ChannelEditorDialog &dialog = *editor;
    EXPECT_EQ(child<QLineEdit>(dialog, "nameEdit")->text(), QStringLiteral("renamed-by-me"));
    EXPECT_EQ(tenantChannel(sim, channel.id).value(QStringLiteral("name")).toString(), QStringLiteral("renamed-by-them"));

    QSignalSpy saved(&dialog, &ChannelEditorDialog::channelSaved);
    click(dialog, "overwriteButton");
    ASSERT_TRUE(saved.wait(10000));
    EXPECT_EQ(tenantChannel(sim, channel.id).value(QStringLiteral("name")).toString(), QStringLiteral("renamed-by-me"));
}

TEST_F(ChannelEditorOnTenant, ConflictReloadShowsTheTenantsVersion)
{
    const Channel channel = channels.at(3);
    ASSERT_NO_FATAL_FAILURE(editInConflict(channel, QStringLiteral("mine-unsaved"), QStringLiteral("theirs-saved")));
    ChannelEditorDialog &dialog = *editor;
    click(dialog, "reloadButton");
    ASSERT_TRUE(waitUntil([&] { return child<QLineEdit>(dialog, "nameEdit")->text() == QStringLiteral("theirs-saved"); }));
    EXPECT_FALSE(child<QWidget>(dialog, "conflictBar")->isVisible());
    EXPECT_TRUE(child<QPushButton>(dialog, "saveButton")->isEnabled());
}

TEST_F(ChannelEditorOnTenant, AClientClosedMidSaveEndsTheBusyStateWithAnHonestMessage)
{
    auto closing = std::make_unique<ApiClient>(simProfile(sim));
    ChannelEditorDialog dialog(closing.get(), channels);
    dialog.startEdit(channels.at(0));
    dialog.show();
    retype(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("never-confirmed"));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("slow")}, {QStringLiteral("delay_ms"), 3000},
                          {QStringLiteral("count"), 1}});
    click(dialog, "saveButton");
    ASSERT_TRUE(dialog.isBusy());
    closing.reset(); // the window switched profiles meanwhile
    EXPECT_FALSE(dialog.isBusy());
    const QString message = child<QLabel>(dialog, "generalMessage")->text();
    EXPECT_TRUE(message.contains(QStringLiteral("may or may not"))) << message.toStdString();
    EXPECT_FALSE(child<QPushButton>(dialog, "saveButton")->isEnabled());
    EXPECT_EQ(child<QLineEdit>(dialog, "nameEdit")->text(), QStringLiteral("never-confirmed")) << "the edits stay";
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("reset")}});
}
