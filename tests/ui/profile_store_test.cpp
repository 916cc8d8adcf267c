// ProfileStore without widgets: non-secret fields in QSettings, secrets only in
// the keychain or in memory, never in a file.

#include "profile_store.h"

#include "widget_test_support.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QUuid>

#include <gtest/gtest.h>

using namespace cc;
using cc::ui::ProfileStore;
using cc::ui::StoredProfile;

namespace {

constexpr char kClientSecret[] = "client-secret-7f3a9c1e";
constexpr char kExportToken[] = "export-token-b81d44aa";
constexpr char kAuditPassword[] = "audit-db-password-5e21c0";

StoredProfile makeProfile(const QString &name)
{
    StoredProfile stored;
    ConnectionProfile &p = stored.connection;
    p.name = name;
    p.baseUrl = QUrl(QStringLiteral("https://api.example.invalid"));
    p.clientId = QStringLiteral("client-42");
    p.clientSecret = QString::fromLatin1(kClientSecret);
    p.exportUrl = QUrl(QStringLiteral("https://nms.example.invalid/export"));
    p.exportToken = QString::fromLatin1(kExportToken);
    stored.monitor.cadenceSeconds = 45;
    stored.monitor.failover.hysteresis.downAfter = 4;
    stored.monitor.failover.hysteresis.upAfter = 5;
    stored.monitor.failover.cooldownMs = 120 * 1000;
    stored.monitor.failover.failback = FailbackPolicy::Automatic;
    stored.monitor.failover.quality.minMos = 3.9;
    stored.audit.location = QStringLiteral("postgresql://noc@db.example.invalid:5432/audit");
    stored.audit.password = QString::fromLatin1(kAuditPassword);
    return stored;
}

class ProfileStoreTest : public ::testing::Test
{
protected:
    // Keychain labels of the test's own, so a real keychain (if one runs) is
    // never touched outside them; the profiles are removed afterwards, and the
    // tear-down waits for the keychain deletes so no item is left behind.
    const QString service = QStringLiteral("Channel Console tests ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString group = QStringLiteral("test-profiles-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    void TearDown() override
    {
        ProfileStore store(group, service);
        cc::ui::test::removeAllProfiles(store);
    }
};

} // namespace

TEST_F(ProfileStoreTest, KeepsNonSecretFieldsAndMonitorSettingsAcrossRuns)
{
    const StoredProfile original = makeProfile(QStringLiteral("prod/us-east"));
    {
        ProfileStore store(group, service);
        QSignalSpy saved(&store, &ProfileStore::secretsSaved);
        store.saveProfile(original);
        ASSERT_TRUE(saved.count() > 0 || saved.wait(20000));
        store.setLastUsedProfile(original.connection.name);
    }
    ProfileStore again(group, service);
    EXPECT_EQ(again.profileNames(), QStringList{QStringLiteral("prod/us-east")});
    EXPECT_EQ(again.lastUsedProfile(), QStringLiteral("prod/us-east"));
    const std::optional<StoredProfile> loaded = again.profile(QStringLiteral("prod/us-east"));
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->connection.baseUrl, original.connection.baseUrl);
    EXPECT_EQ(loaded->connection.clientId, original.connection.clientId);
    EXPECT_EQ(loaded->connection.exportUrl, original.connection.exportUrl);
    EXPECT_TRUE(loaded->monitor == original.monitor);
    EXPECT_EQ(loaded->audit.location, original.audit.location) << "the profile's audit store is kept";
}

TEST_F(ProfileStoreTest, NeverWritesASecretToTheSettingsFile)
{
    ProfileStore store(group, service);
    QSignalSpy saved(&store, &ProfileStore::secretsSaved);
    store.saveProfile(makeProfile(QStringLiteral("secretive")));
    ASSERT_TRUE(saved.count() > 0 || saved.wait(20000));

    // Usable at once in this run, whatever the keychain did.
    const std::optional<StoredProfile> now = store.profile(QStringLiteral("secretive"));
    ASSERT_TRUE(now.has_value());
    EXPECT_EQ(now->connection.clientSecret, QString::fromLatin1(kClientSecret));
    EXPECT_EQ(now->connection.exportToken, QString::fromLatin1(kExportToken));
    EXPECT_EQ(now->audit.password, QString::fromLatin1(kAuditPassword));
    EXPECT_TRUE(store.missingSecrets(QStringLiteral("secretive")).isEmpty());

    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << settings.fileName().toStdString();
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.contains("client-42")) << "the settings file is the one written";
    EXPECT_FALSE(bytes.contains(kClientSecret));
    EXPECT_FALSE(bytes.contains(kExportToken));
    EXPECT_TRUE(bytes.contains("db.example.invalid")) << "the store's URL is a setting";
    EXPECT_FALSE(bytes.contains(kAuditPassword)) << "its password is a secret";
}

TEST_F(ProfileStoreTest, ANewRunWithoutKeychainAsksForTheSecretAgain)
{
    {
        ProfileStore store(group, service);
        QSignalSpy saved(&store, &ProfileStore::secretsSaved);
        store.saveProfile(makeProfile(QStringLiteral("restart")));
        ASSERT_TRUE(saved.count() > 0 || saved.wait(20000));
    }
    ProfileStore store(group, service);
    QSignalSpy loaded(&store, &ProfileStore::secretsLoaded);
    store.loadSecrets(QStringLiteral("restart"));
    ASSERT_TRUE(loaded.wait(20000));
    EXPECT_NE(store.keychainState(), ProfileStore::KeychainState::Unknown);
    if (store.keychainState() == ProfileStore::KeychainState::Available) {
        // A keychain service runs here: the secret came back from it.
        EXPECT_EQ(store.profile(QStringLiteral("restart"))->connection.clientSecret, QString::fromLatin1(kClientSecret));
        return;
    }
    EXPECT_FALSE(store.keychainProblem().isEmpty());
    EXPECT_EQ(store.missingSecrets(QStringLiteral("restart")), QList<ProfileStore::Secret>{ProfileStore::Secret::ClientSecret});
    store.setSessionSecret(QStringLiteral("restart"), ProfileStore::Secret::ClientSecret, QStringLiteral("typed-now"));
    EXPECT_TRUE(store.missingSecrets(QStringLiteral("restart")).isEmpty());
    EXPECT_EQ(store.profile(QStringLiteral("restart"))->connection.clientSecret, QStringLiteral("typed-now"));
}
