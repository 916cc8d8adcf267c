// The channel editor's form on its own: validation as the user types, codec
// order and failover picks. Saving against the tenant is in channel_editor_test.

#include "channel_editor_dialog.h"

#include "client/api_client.h"
#include "widget_test_support.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QLineEdit>
#include <QComboBox>
#include <QTest>

#include <gtest/gtest.h>

using namespace cc;
using cc::ui::ChannelEditorDialog;

namespace {

// A client that is never asked anything here: Save needs one to be enabled.
ConnectionProfile unusedProfile()
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("unused");
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
    profile.clientId = QStringLiteral("demo");
    profile.clientSecret = QStringLiteral("unused-secret");
    return profile;
}

Channel existing(const QString &id, const QString &name)
{
    Channel channel;
    channel.id = id;
    channel.name = name;
    channel.configuration.sipServer = QStringLiteral("sip.example.net");
    channel.configuration.username = QStringLiteral("u");
    channel.configuration.codecs = {{QStringLiteral("PCMU"), 1}};
    channel.version = 3;
    return channel;
}

ChannelDraft validDraft()
{
    ChannelDraft draft = ChannelEditorDialog::defaultDraft();
    draft.name = QStringLiteral("trunk-under-test");
    draft.configuration.sipServer = QStringLiteral("sip.example.net");
    draft.configuration.username = QStringLiteral("trunk_user");
    draft.configuration.password = QStringLiteral("pw-typed-by-test");
    return draft;
}

template <typename T>
T *child(const QWidget &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QLatin1String(name));
    EXPECT_NE(widget, nullptr) << name;
    return widget;
}

using cc::ui::test::retype;

class ChannelEditorForm : public ::testing::Test
{
protected:
    ApiClient client{unusedProfile()};
    QList<Channel> channels{existing(QStringLiteral("ch_a"), QStringLiteral("alpha")),
                            existing(QStringLiteral("ch_b"), QStringLiteral("bravo")),
                            existing(QStringLiteral("ch_c"), QStringLiteral("charlie"))};
    ChannelEditorDialog dialog{&client, channels};

    // The form for a new channel starting from `draft`, shown.
    void showNew(const ChannelDraft &draft)
    {
        dialog.startCreate(draft);
        dialog.show();
    }
};

} // namespace

TEST_F(ChannelEditorForm, InvalidPortDisablesSaveAndShowsTheRuleBesideTheField)
{
    showNew(validDraft());
    auto *save = child<QPushButton>(dialog, "saveButton");
    auto *port = child<QSpinBox>(dialog, "sipPortSpin");
    ASSERT_TRUE(save->isEnabled()) << formatFieldErrors(dialog.validationErrors()).toStdString();

    retype(port, QStringLiteral("5000"));
    EXPECT_FALSE(save->isEnabled());
    EXPECT_EQ(dialog.messageFor(QStringLiteral("configuration.sip_port")), QStringLiteral("must be between 5060 and 5080"));
    EXPECT_TRUE(port->property("ccInvalid").toBool());

    retype(port, QStringLiteral("5070"));
    EXPECT_TRUE(save->isEnabled());
    EXPECT_EQ(dialog.messageFor(QStringLiteral("configuration.sip_port")), QString());
    EXPECT_EQ(dialog.draft().configuration.sipPort, 5070);
}

TEST_F(ChannelEditorForm, ChecksEveryFieldAsTheUserTypes)
{
    showNew(validDraft());
    auto *save = child<QPushButton>(dialog, "saveButton");

    retype(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("ab"));
    EXPECT_EQ(dialog.messageFor(QStringLiteral("name")), QStringLiteral("must be 3 to 64 characters"));
    retype(child<QLineEdit>(dialog, "sipServerEdit"), QStringLiteral("bad host!"));
    EXPECT_FALSE(dialog.messageFor(QStringLiteral("configuration.sip_server")).isEmpty());
    retype(child<QLineEdit>(dialog, "passwordEdit"), QString());
    EXPECT_EQ(dialog.messageFor(QStringLiteral("configuration.authentication.password")), QStringLiteral("must not be empty on create"));
    // The timeout must stay below the interval: a rule across two spin boxes.
    retype(child<QSpinBox>(dialog, "intervalSpin"), QStringLiteral("30"));
    retype(child<QSpinBox>(dialog, "timeoutSpin"), QStringLiteral("30"));
    EXPECT_EQ(dialog.messageFor(QStringLiteral("health_check.timeout_seconds")), QStringLiteral("must be less than the interval (30)"));
    EXPECT_FALSE(save->isEnabled());

    retype(child<QLineEdit>(dialog, "nameEdit"), QStringLiteral("abc"));
    retype(child<QLineEdit>(dialog, "sipServerEdit"), QStringLiteral("sip.example.net"));
    retype(child<QLineEdit>(dialog, "passwordEdit"), QStringLiteral("x"));
    retype(child<QSpinBox>(dialog, "timeoutSpin"), QStringLiteral("10"));
    EXPECT_TRUE(dialog.validationErrors().isEmpty()) << formatFieldErrors(dialog.validationErrors()).toStdString();
    EXPECT_TRUE(save->isEnabled());
}

TEST_F(ChannelEditorForm, UpAndDownReorderCodecsAndRenumberPriorities)
{
    showNew(validDraft()); // OPUS, G722, PCMU
    auto *list = child<QListWidget>(dialog, "codecList");
    list->setCurrentRow(2);
    QTest::mouseClick(child<QPushButton>(dialog, "codecUpButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(dialog, "codecUpButton"), Qt::LeftButton);
    const QList<Codec> codecs = dialog.draft().configuration.codecs;
    ASSERT_EQ(codecs.size(), 3);
    EXPECT_EQ(codecs.at(0), (Codec{QStringLiteral("PCMU"), 1}));
    EXPECT_EQ(codecs.at(1), (Codec{QStringLiteral("OPUS"), 2}));
    EXPECT_EQ(codecs.at(2), (Codec{QStringLiteral("G722"), 3}));
    EXPECT_EQ(list->item(0)->text(), QStringLiteral("1.  PCMU"));
    EXPECT_FALSE(child<QPushButton>(dialog, "codecUpButton")->isEnabled()) << "the first cannot move up";

    // Removing every codec is refused beside the list.
    for (int i = 0; i < 3; ++i) {
        list->setCurrentRow(0);
        QTest::mouseClick(child<QPushButton>(dialog, "codecRemoveButton"), Qt::LeftButton);
    }
    EXPECT_EQ(dialog.messageFor(QStringLiteral("configuration.codecs")), QStringLiteral("needs at least one codec"));
    EXPECT_FALSE(child<QPushButton>(dialog, "saveButton")->isEnabled());
    EXPECT_EQ(child<QComboBox>(dialog, "codecChoice")->count(), knownCodecNames().size());
}

TEST_F(ChannelEditorForm, OffersFailoverTargetsInOrderButNeverTheChannelItself)
{
    Channel self = channels.at(1);
    dialog.startEdit(self);
    dialog.show();
    auto *choice = child<QComboBox>(dialog, "failoverChoice");
    QStringList offered;
    for (int i = 0; i < choice->count(); ++i)
        offered.append(choice->itemData(i).toString());
    EXPECT_EQ(offered, (QStringList{QStringLiteral("ch_a"), QStringLiteral("ch_c")}));

    choice->setCurrentIndex(1);
    QTest::mouseClick(child<QPushButton>(dialog, "failoverAddButton"), Qt::LeftButton);
    choice->setCurrentIndex(0);
    QTest::mouseClick(child<QPushButton>(dialog, "failoverAddButton"), Qt::LeftButton);
    EXPECT_EQ(dialog.draft().failoverChannels, (QStringList{QStringLiteral("ch_c"), QStringLiteral("ch_a")}));
    EXPECT_EQ(choice->count(), 0) << "a target is offered once";
    // An edit with the password left empty keeps the current one.
    EXPECT_FALSE(dialog.draft().configuration.password.has_value());
    EXPECT_TRUE(dialog.validationErrors().isEmpty()) << formatFieldErrors(dialog.validationErrors()).toStdString();
}

TEST_F(ChannelEditorForm, PasswordIsMaskedUntilRevealed)
{
    dialog.show();
    auto *password = child<QLineEdit>(dialog, "passwordEdit");
    EXPECT_EQ(password->echoMode(), QLineEdit::Password);
    QTest::mouseClick(child<QWidget>(dialog, "revealPasswordButton"), Qt::LeftButton);
    EXPECT_EQ(password->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(child<QWidget>(dialog, "revealPasswordButton"), Qt::LeftButton);
    EXPECT_EQ(password->echoMode(), QLineEdit::Password);
}

TEST_F(ChannelEditorForm, ANewChannelsEmptyFormIsNotRedBeforeAnythingIsTyped)
{
    showNew(ChannelEditorDialog::defaultDraft());
    for (QLabel *label : dialog.findChildren<QLabel *>(QStringLiteral("fieldMessage")))
        EXPECT_FALSE(label->isVisible()) << label->text().toStdString();
    for (QWidget *widget : dialog.findChildren<QWidget *>())
        EXPECT_FALSE(widget->property("ccInvalid").toBool()) << widget->objectName().toStdString();
    auto *save = child<QPushButton>(dialog, "saveButton");
    EXPECT_FALSE(save->isEnabled());
    EXPECT_TRUE(save->toolTip().contains(QStringLiteral("SIP server"))) << save->toolTip().toStdString();

    // Typing then erasing the server: "required", not the character-set rule.
    auto *server = child<QLineEdit>(dialog, "sipServerEdit");
    QTest::mouseClick(server, Qt::LeftButton);
    QTest::keyClicks(server, QStringLiteral("s"));
    QTest::keyClick(server, Qt::Key_Backspace);
    const QString message = dialog.messageFor(QStringLiteral("configuration.sip_server"));
    EXPECT_TRUE(message.startsWith(QStringLiteral("required"))) << message.toStdString();
    EXPECT_TRUE(server->property("ccInvalid").toBool());
    EXPECT_TRUE(dialog.messageFor(QStringLiteral("name")).isEmpty()) << "the name was not touched";
}

TEST_F(ChannelEditorForm, AnOutOfRangeNumberIsKeptAsTypedAndExplained)
{
    showNew(validDraft());
    auto *port = child<QSpinBox>(dialog, "sipPortSpin");
    auto *interval = child<QSpinBox>(dialog, "intervalSpin");
    retype(port, QStringLiteral("5000"));
    retype(interval, QStringLiteral("10"));
    // Leaving the fields (the box would clamp here) keeps what the user typed.
    QTest::mouseClick(child<QLineEdit>(dialog, "nameEdit"), Qt::LeftButton);
    child<QLineEdit>(dialog, "nameEdit")->setFocus();
    QApplication::processEvents();
    EXPECT_EQ(port->value(), 5000);
    EXPECT_EQ(interval->value(), 10);
    EXPECT_EQ(dialog.messageFor(QStringLiteral("configuration.sip_port")), QStringLiteral("must be between 5060 and 5080"));
    EXPECT_FALSE(dialog.messageFor(QStringLiteral("health_check.interval_seconds")).isEmpty());
    EXPECT_EQ(dialog.draft().configuration.sipPort, 5000);
    EXPECT_FALSE(child<QPushButton>(dialog, "saveButton")->isEnabled());
}

TEST_F(ChannelEditorForm, TheTimeoutRuleNamesTheIntervalAsTheFormDoes)
{
    showNew(validDraft());
    retype(child<QSpinBox>(dialog, "intervalSpin"), QStringLiteral("30"));
    retype(child<QSpinBox>(dialog, "timeoutSpin"), QStringLiteral("30"));
    const QString message = dialog.messageFor(QStringLiteral("health_check.timeout_seconds"));
    EXPECT_FALSE(message.isEmpty());
    EXPECT_FALSE(message.contains(QStringLiteral("interval_seconds"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("interval"))) << message.toStdString();
}

TEST_F(ChannelEditorForm, TheFormDoesNotMoveAsErrorsComeAndGo)
{
    showNew(validDraft());
    QApplication::processEvents();
    auto *port = child<QSpinBox>(dialog, "sipPortSpin");
    auto *user = child<QLineEdit>(dialog, "usernameEdit");
    const QPoint portAt = port->mapTo(&dialog, QPoint());
    const QPoint userAt = user->mapTo(&dialog, QPoint());
    retype(child<QLineEdit>(dialog, "sipServerEdit"), QStringLiteral("bad host!"));
    retype(port, QStringLiteral("5000"));
    QApplication::processEvents();
    ASSERT_FALSE(dialog.messageFor(QStringLiteral("configuration.sip_server")).isEmpty());
    EXPECT_EQ(port->mapTo(&dialog, QPoint()), portAt) << "the next field stays where the pointer expects it";
    EXPECT_EQ(user->mapTo(&dialog, QPoint()), userAt);
}

TEST_F(ChannelEditorForm, FailoverTargetsAreSortedShowTheirStatusAndCanBeSearched)
{
    QList<Channel> many;
    for (int i = 999; i >= 0; --i) {
        Channel channel = existing(QStringLiteral("ch_%1").arg(i, 4, 10, QLatin1Char('0')), QStringLiteral("trunk-%1").arg(i, 4, 10, QLatin1Char('0')));
        channel.status = i % 7 == 0 ? ChannelStatus::Unhealthy : ChannelStatus::Healthy;
        many.append(channel);
    }
    ChannelEditorDialog editor(&client, many);
    editor.startCreate(validDraft());
    editor.show();
    auto *choice = child<QComboBox>(editor, "failoverChoice");
    ASSERT_EQ(choice->count(), 1000);
    EXPECT_TRUE(choice->itemText(0).startsWith(QStringLiteral("trunk-0000"))) << choice->itemText(0).toStdString();
    EXPECT_TRUE(choice->itemText(999).startsWith(QStringLiteral("trunk-0999")));
    EXPECT_TRUE(choice->itemText(0).contains(QStringLiteral("Unhealthy"), Qt::CaseInsensitive)) << choice->itemText(0).toStdString();
    EXPECT_TRUE(choice->itemText(1).contains(QStringLiteral("Healthy"), Qt::CaseInsensitive));

    QLineEdit *search = nullptr;
    for (QLineEdit *edit : editor.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QStringLiteral("Search failover targets"))
            search = edit;
    }
    ASSERT_NE(search, nullptr);
    QTest::mouseClick(search, Qt::LeftButton);
    QTest::keyClicks(search, QStringLiteral("trunk-042"));
    ASSERT_EQ(choice->count(), 10);
    EXPECT_TRUE(choice->itemText(0).startsWith(QStringLiteral("trunk-0420")));
    QTest::mouseClick(child<QPushButton>(editor, "failoverAddButton"), Qt::LeftButton);
    EXPECT_EQ(editor.draft().failoverChannels, QStringList{QStringLiteral("ch_0420")});
}

TEST_F(ChannelEditorForm, EachLabelsMnemonicTakesTheFocusToItsField)
{
    showNew(validDraft());
    QApplication::setActiveWindow(&dialog);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&dialog));
    const QList<std::pair<Qt::Key, const char *>> mnemonics{{Qt::Key_S, "sipServerEdit"}, {Qt::Key_P, "sipPortSpin"},
                                                            {Qt::Key_W, "passwordEdit"},  {Qt::Key_T, "timeoutSpin"},
                                                            {Qt::Key_N, "nameEdit"}};
    for (const auto &[key, name] : mnemonics) {
        QTest::keyClick(&dialog, key, Qt::AltModifier);
        EXPECT_EQ(QApplication::focusWidget(), child<QWidget>(dialog, name)) << name;
    }
}
