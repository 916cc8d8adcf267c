// The profile store against a real Secret Service (gnome-keyring in a private
// D-Bus session, started by with-secret-service): secrets saved by one process
// are read back by another, removing a profile leaves no item behind, and a
// locked collection is reported as unusable instead of "secret not found".

#include "connection_profiles_dialog.h"
#include "main_window.h"
#include "profile_cleanup.h"
#include "profile_store.h"
#include "secret_service_probe.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QInputDialog>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui;
using cc::test::SecretServiceProbe;

namespace {

constexpr char kClientSecret[] = "kc-client-secret-5d1e0b";
constexpr char kExportToken[] = "kc-export-token-93ac7f";
constexpr int kWaitMs = 20000;
const QString kProfile = QStringLiteral("NOC prod");

StoredProfile makeProfile(const QString &name)
{
    StoredProfile stored;
    stored.connection.name = name;
    stored.connection.baseUrl = QUrl(QStringLiteral("https://api.example.invalid"));
    stored.connection.clientId = QStringLiteral("client-7");
    stored.connection.clientSecret = QString::fromLatin1(kClientSecret);
    stored.connection.exportUrl = QUrl(QStringLiteral("https://nms.example.invalid/export"));
    stored.connection.exportToken = QString::fromLatin1(kExportToken);
    return stored;
}

// The child process compares a digest, so no secret reaches a command line or output.
QByteArray digest(const QString &clientSecret, const QString &exportToken)
{
    return QCryptographicHash::hash((clientSecret + QLatin1Char('\n') + exportToken).toUtf8(),
                                    QCryptographicHash::Sha256).toHex();
}

bool saveAndWait(ProfileStore &store, const StoredProfile &profile, bool *toKeychain)
{
    QSignalSpy saved(&store, &ProfileStore::secretsSaved);
    store.saveProfile(profile);
    if (saved.isEmpty() && !saved.wait(kWaitMs))
        return false;
    *toKeychain = saved.first().at(1).toBool();
    return true;
}

bool loadAndWait(ProfileStore &store, const QString &name)
{
    QSignalSpy loaded(&store, &ProfileStore::secretsLoaded);
    store.loadSecrets(name);
    return !loaded.isEmpty() || loaded.wait(kWaitMs);
}

class KeychainTest : public ::testing::Test
{
protected:
    const QString group = QStringLiteral("kc-profiles-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString label = QStringLiteral("Channel Console tests ") + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    SecretServiceProbe probe;

    void SetUp() override
    {
        // Never against the user's own keyring: the locked test locks it.
        ASSERT_FALSE(qEnvironmentVariableIsEmpty("CC_PRIVATE_SECRET_SERVICE"))
            << "run these through ctest (tests/keychain/with-secret-service starts a private Secret Service)";
        ASSERT_FALSE(probe.defaultCollection().isEmpty()) << probe.error().toStdString();
    }

    void TearDown() override
    {
        EXPECT_TRUE(cc::test::removeAllProfiles(group, label, kWaitMs)) << "a keychain delete did not finish";
    }
};

} // namespace

TEST_F(KeychainTest, SavesSecretsThatAnotherProcessReadsBack)
{
    ProfileStore store(group, label);
    bool toKeychain = false;
    ASSERT_TRUE(saveAndWait(store, makeProfile(kProfile), &toKeychain));
    EXPECT_TRUE(toKeychain);
    EXPECT_EQ(store.keychainState(), ProfileStore::KeychainState::Available);
    // Labels a person recognises in the keychain.
    const QStringList labels = probe.itemLabels();
    EXPECT_TRUE(labels.contains(label + QStringLiteral(": NOC prod client secret"))) << labels.join(QLatin1Char('|')).toStdString();
    EXPECT_TRUE(labels.contains(label + QStringLiteral(": NOC prod export token"))) << labels.join(QLatin1Char('|')).toStdString();

    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CC_KEYCHAIN_CHILD_GROUP"), group);
    env.insert(QStringLiteral("CC_KEYCHAIN_CHILD_LABEL"), label);
    env.insert(QStringLiteral("CC_KEYCHAIN_CHILD_SHA256"),
               QString::fromLatin1(digest(QString::fromLatin1(kClientSecret), QString::fromLatin1(kExportToken))));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--gtest_filter=KeychainChild.ReadsTheSecretsAnotherProcessSaved")});
    ASSERT_TRUE(child.waitForFinished(60000)) << "the second process did not finish";
    const QByteArray output = child.readAll();
    EXPECT_EQ(child.exitCode(), 0) << output.toStdString();
    EXPECT_TRUE(output.contains("[  PASSED  ] 1 test")) << output.toStdString();
}

// Run by the test above as a second process; skipped on its own.
TEST(KeychainChild, ReadsTheSecretsAnotherProcessSaved)
{
    const QString group = qEnvironmentVariable("CC_KEYCHAIN_CHILD_GROUP");
    if (group.isEmpty())
        GTEST_SKIP() << "the second process of KeychainTest.SavesSecretsThatAnotherProcessReadsBack";
    ProfileStore store(group, qEnvironmentVariable("CC_KEYCHAIN_CHILD_LABEL"));
    ASSERT_TRUE(loadAndWait(store, kProfile));
    EXPECT_EQ(store.keychainState(), ProfileStore::KeychainState::Available) << store.keychainProblem().toStdString();
    const std::optional<StoredProfile> loaded = store.profile(kProfile);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(digest(loaded->connection.clientSecret, loaded->connection.exportToken),
              qEnvironmentVariable("CC_KEYCHAIN_CHILD_SHA256").toLatin1());
    EXPECT_TRUE(store.missingSecrets(kProfile).isEmpty());
}

TEST_F(KeychainTest, RemovingAProfileLeavesNothingInTheKeychain)
{
    const QStringList before = probe.itemLabels();
    {
        ProfileStore store(group, label);
        bool toKeychain = false;
        ASSERT_TRUE(saveAndWait(store, makeProfile(kProfile), &toKeychain));
        ASSERT_TRUE(toKeychain);
        EXPECT_EQ(probe.itemLabels().size(), before.size() + 2);
        QSignalSpy removed(&store, &ProfileStore::secretsRemoved);
        store.removeProfile(kProfile);
        ASSERT_TRUE(removed.wait(kWaitMs));
    }
    EXPECT_EQ(probe.itemLabels(), before);

    // A new run finds nothing, and the check it then makes (a write and a
    // delete: "not found" alone proves no keychain usable) leaves nothing either.
    ProfileStore again(group, label);
    ASSERT_TRUE(loadAndWait(again, kProfile));
    EXPECT_EQ(again.keychainState(), ProfileStore::KeychainState::Available) << again.keychainProblem().toStdString();
    EXPECT_EQ(probe.itemLabels(), before);
}

TEST_F(KeychainTest, ALockedCollectionIsReportedAsUnusable)
{
    {
        ProfileStore earlierRun(group, label);
        bool toKeychain = false;
        ASSERT_TRUE(saveAndWait(earlierRun, makeProfile(kProfile), &toKeychain));
        ASSERT_TRUE(toKeychain);
    }
    ASSERT_TRUE(probe.lockDefaultCollection()) << probe.error().toStdString();

    // A new run: the locked collection answers reads with "not found", which
    // must not pass for a usable keychain.
    ProfileStore store(group, label);
    ASSERT_TRUE(loadAndWait(store, kProfile));
    EXPECT_EQ(store.keychainState(), ProfileStore::KeychainState::Unavailable);
    EXPECT_FALSE(store.keychainProblem().isEmpty());
    EXPECT_EQ(store.missingSecrets(kProfile), QList<ProfileStore::Secret>{ProfileStore::Secret::ClientSecret});

    ConnectionProfilesDialog dialog(&store);
    dialog.selectProfile(kProfile);
    const auto *note = dialog.findChild<QLabel *>(QStringLiteral("keychainNote"));
    ASSERT_NE(note, nullptr);
    EXPECT_TRUE(note->text().contains(QStringLiteral("No keychain is usable here"))) << note->text().toStdString();
    EXPECT_TRUE(note->text().contains(store.keychainProblem())) << note->text().toStdString();
    EXPECT_FALSE(note->text().contains(QStringLiteral("kept in the system keychain"))) << note->text().toStdString();

    // Saving in that run says the secrets stayed in memory.
    ProfileStore saving(group, label);
    bool toKeychain = true;
    ASSERT_TRUE(saveAndWait(saving, makeProfile(QStringLiteral("NOC backup")), &toKeychain));
    EXPECT_FALSE(toKeychain);
    EXPECT_EQ(saving.keychainState(), ProfileStore::KeychainState::Unavailable);
    EXPECT_EQ(saving.profile(QStringLiteral("NOC backup"))->connection.clientSecret, QString::fromLatin1(kClientSecret));
}

TEST_F(KeychainTest, ALockedCollectionMakesTheConsoleAskForTheSecretAndSayWhy)
{
    {
        ProfileStore earlierRun(group, label);   // the keychain or memory: the next run cannot tell
        bool toKeychain = false;
        ASSERT_TRUE(saveAndWait(earlierRun, makeProfile(kProfile), &toKeychain));
    }
    ASSERT_TRUE(probe.lockDefaultCollection()) << probe.error().toStdString();

    ProfileStore profiles(group, label);
    MainWindow window(&profiles, nullptr);
    window.connectToSavedProfile(kProfile);
    QInputDialog *prompt = nullptr;
    for (int i = 0; i < 200 && (prompt == nullptr || !prompt->isVisible()); ++i) {
        QTest::qWait(50);
        prompt = window.findChild<QInputDialog *>(QStringLiteral("secretPrompt"));
    }
    ASSERT_NE(prompt, nullptr) << "no prompt for the secret";
    EXPECT_TRUE(prompt->labelText().contains(QStringLiteral("No keychain is usable here"))) << prompt->labelText().toStdString();
    EXPECT_TRUE(prompt->labelText().contains(profiles.keychainProblem())) << prompt->labelText().toStdString();
    EXPECT_FALSE(prompt->labelText().contains(QStringLiteral("not found in the keychain"))) << prompt->labelText().toStdString();
    prompt->reject();
}
