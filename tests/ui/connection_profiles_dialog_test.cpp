// The connection profiles dialog: a profile typed in is saved without its
// secrets in any file, "Test connection" signs in and lists the tenant's
// channels without blocking, and a wrong secret is reported as such.

#include "connection_profiles_dialog.h"

#include "widget_test_support.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QUuid>

#include <QTabBar>
#include <QTabWidget>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui::test;
using cc::ui::ConnectionProfilesDialog;
using cc::ui::ProfileStore;

namespace {

class ProfilesDialogTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString(); }
    void TearDown() override { removeAllProfiles(store); }

    // Brings a tab of the dialog to the front, as a click on its title would.
    static void showTab(ConnectionProfilesDialog &dialog, const QString &title)
    {
        auto *tabs = dialog.findChild<QTabWidget *>();
        for (int i = 0; tabs && i < tabs->count(); ++i) {
            if (tabs->tabText(i) == title)
                QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(i).center());
        }
    }

    void fill(ConnectionProfilesDialog &dialog, const QString &name, const QString &secret)
    {
        QTest::mouseClick(child<QPushButton>(dialog, "newProfileButton"), Qt::LeftButton);
        retype(child<QLineEdit>(dialog, "profileName"), name);
        retype(child<QLineEdit>(dialog, "baseUrl"), sim.baseUrl().toString());
        retype(child<QLineEdit>(dialog, "clientId"), QStringLiteral("demo"));
        retype(child<QLineEdit>(dialog, "clientSecret"), secret);
    }

    test::SimFixture sim{simOptions(5)};
    ProfileStore store{testProfileGroup(),
                       QStringLiteral("Channel Console tests ") + QUuid::createUuid().toString(QUuid::WithoutBraces)};
};

} // namespace

TEST_F(ProfilesDialogTest, TestConnectionSignsInAndListsTheChannels)
{
    ConnectionProfilesDialog dialog(&store);
    dialog.show();
    fill(dialog, QStringLiteral("sim tenant"), QString::fromLatin1(cc::sim::kDemoClientSecret));
    QSignalSpy finished(&dialog, &ConnectionProfilesDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "testButton"), Qt::LeftButton);
    EXPECT_FALSE(child<QPushButton>(dialog, "testButton")->isEnabled()) << "one test at a time, the window stays live";
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(finished.at(0).at(0).toBool()) << dialog.testResult().toStdString();
    EXPECT_TRUE(dialog.testResult().contains(QStringLiteral("lists 5 channels"))) << dialog.testResult().toStdString();
    EXPECT_EQ(sim.stats().value(QStringLiteral("by_route")).toObject().value(QStringLiteral("GET /api/v2/channels")).toInt(), 1);
}

TEST_F(ProfilesDialogTest, AWrongSecretIsReportedAndNotShown)
{
    ConnectionProfilesDialog dialog(&store);
    dialog.show();
    const QString wrong = QStringLiteral("not-the-secret-51f2");
    fill(dialog, QStringLiteral("wrong secret"), wrong);
    QSignalSpy finished(&dialog, &ConnectionProfilesDialog::testFinished);
    QTest::mouseClick(child<QPushButton>(dialog, "testButton"), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_TRUE(dialog.testResult().startsWith(QStringLiteral("Sign-in failed"))) << dialog.testResult().toStdString();
    EXPECT_FALSE(dialog.testResult().contains(wrong));
}

TEST_F(ProfilesDialogTest, RefusesToSaveAnAuditStoreUrlHoldingAPassword)
{
    ConnectionProfilesDialog dialog(&store);
    dialog.show();
    fill(dialog, QStringLiteral("leaky"), QStringLiteral("s3cret"));
    showTab(dialog, QStringLiteral("Audit trail"));
    retype(child<QLineEdit>(dialog, "auditStore"), QStringLiteral("postgresql://noc:hunter2@db.example.invalid/audit"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveProfileButton"), Qt::LeftButton);
    EXPECT_TRUE(store.profileNames().isEmpty()) << "not saved";
    EXPECT_TRUE(dialog.testResult().contains(QLatin1String("holds a password"))) << dialog.testResult().toStdString();
    EXPECT_FALSE(dialog.testResult().contains(QLatin1String("hunter2")));
}

TEST_F(ProfilesDialogTest, SavesTheProfileButNeverItsSecretToAFile)
{
    ConnectionProfilesDialog dialog(&store);
    dialog.show();
    const QString secret = QStringLiteral("typed-secret-0c93e1");
    fill(dialog, QStringLiteral("saved"), secret);
    retype(child<QLineEdit>(dialog, "exportToken"), QStringLiteral("typed-export-token-77aa"));
    showTab(dialog, QStringLiteral("Audit trail"));
    retype(child<QLineEdit>(dialog, "auditStore"), QStringLiteral("postgresql://noc@db.example.invalid:5432/audit"));
    retype(child<QLineEdit>(dialog, "auditStorePassword"), QStringLiteral("typed-db-password-31f0"));
    QSignalSpy saved(&store, &ProfileStore::secretsSaved);
    QTest::mouseClick(child<QPushButton>(dialog, "saveProfileButton"), Qt::LeftButton);
    ASSERT_TRUE(saved.count() > 0 || saved.wait(20000));
    EXPECT_EQ(store.profileNames(), QStringList{QStringLiteral("saved")});
    EXPECT_EQ(store.profile(QStringLiteral("saved"))->connection.clientSecret, secret) << "usable for this run";

    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.contains(sim.baseUrl().toString().toUtf8()));
    EXPECT_FALSE(bytes.contains(secret.toUtf8()));
    EXPECT_FALSE(bytes.contains("typed-export-token-77aa"));
    EXPECT_TRUE(bytes.contains("db.example.invalid"));
    EXPECT_FALSE(bytes.contains("typed-db-password-31f0"));
    EXPECT_EQ(store.profile(QStringLiteral("saved"))->audit.password, QStringLiteral("typed-db-password-31f0"));

    // What the dialog says about where secrets live matches what happened.
    const QString note = child<QLabel>(dialog, "keychainNote")->text();
    if (store.keychainState() == ProfileStore::KeychainState::Unavailable)
        EXPECT_TRUE(note.contains(QStringLiteral("memory for this run only"))) << note.toStdString();
    else
        EXPECT_TRUE(note.contains(QStringLiteral("keychain"))) << note.toStdString();
}
