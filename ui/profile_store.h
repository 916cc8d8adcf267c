#pragma once
// Where connection profiles live between runs, without widgets so it is tested
// on its own: the non-secret fields in QSettings, the secrets (client secret,
// access key secret, export token) in the system keychain through QtKeychain's
// asynchronous jobs. Where no keychain is usable (no service answers, or its
// collection is locked or missing), secrets are kept in memory for this run only
// and the store says so; a secret is never written to QSettings or any other file.
// Each keychain item is labelled for a person reading the keychain, e.g.
// "Channel Console: NOC prod client secret".

#include "client/connection_profile.h"
#include "monitor/failover_settings.h"
#include "sip/sip_connect_to.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace cc::ui {

// What the monitor should do for this profile's tenant.
struct MonitorProfileSettings
{
    int cadenceSeconds = 30;
    FailoverSettings failover;
    // The console's own SIP OPTIONS probes of every trunk, the second signal of
    // the failover rule (failover.signal, "both" by default); off by default.
    bool sipProbe = false;
    int sipProbeIntervalSeconds = 0;   // 0: each channel's health_check.interval_seconds
    // Not stored: where probes of a name really go (the demo's simulated SIP servers).
    SipConnectTo sipConnectTo;

    bool operator==(const MonitorProfileSettings &other) const;
};

// Where this profile's audit entries go: empty for this computer's own file
// (the default store), a file path, or the shared trail's
// postgresql://user@host:port/database URL (issue 16). The password is a
// secret: the keychain's, never QSettings'; empty leaves it to libpq
// (PGPASSWORD, ~/.pgpass).
struct AuditStoreProfileSettings
{
    QString location;
    QString password;                        // secret: memory and keychain only
};

struct StoredProfile
{
    ConnectionProfile connection;
    MonitorProfileSettings monitor;
    AuditStoreProfileSettings audit;
};

class ProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    enum class KeychainState {
        Unknown,      // not asked yet
        Available,    // a keychain stored or returned a secret
        Unavailable,  // none is usable here: secrets are asked once per run and kept in memory
    };
    Q_ENUM(KeychainState)

    // The secrets a profile may have, each a keychain entry of its own.
    enum class Secret { ClientSecret, AccessKeySecret, ExportToken, AuditStorePassword };

    // `settingsGroup` and `keychainLabel` (the start of every keychain item's
    // label, "Channel Console" by default) let tests and the demo keep apart.
    explicit ProfileStore(QObject *parent = nullptr);
    ProfileStore(const QString &settingsGroup, const QString &keychainLabel, QObject *parent = nullptr);
    ~ProfileStore() override;

    QStringList profileNames() const;
    // The profile with every secret known this run (from the keychain once
    // loadSecrets() finished, or given by the user); unknown secrets are empty.
    std::optional<StoredProfile> profile(const QString &name) const;
    // Writes the non-secret fields now and the non-empty secrets to the keychain
    // (asynchronously: secretsSaved() follows). Secrets are also kept in memory
    // for this run, so the profile is usable at once.
    void saveProfile(const StoredProfile &profile);
    // Removes the profile now and its keychain items behind it (secretsRemoved() follows).
    void removeProfile(const QString &name);

    // Reads the profile's secrets from the keychain; secretsLoaded() follows,
    // also when there is no keychain (then only what is in memory counts). When
    // nothing is found and the keychain was not used yet this run, a check item
    // is written and deleted first: a locked collection answers reads with "not
    // found", so only a write tells whether the keychain is usable.
    void loadSecrets(const QString &name);
    // A secret the user typed for this run only (no keychain).
    void setSessionSecret(const QString &profileName, Secret secret, const QString &value);
    // The secrets the profile needs for its sign-in method and does not have yet.
    QList<Secret> missingSecrets(const QString &name) const;

    KeychainState keychainState() const { return m_keychainState; }
    // Why the keychain is not used, for the dialog and prompts (empty when it is).
    QString keychainProblem() const { return m_keychainProblem; }

    QString lastUsedProfile() const;
    void setLastUsedProfile(const QString &name);

    static QString secretLabel(Secret secret);
    // The keychain item's label, e.g. "Channel Console: NOC prod client secret".
    QString keychainItemLabel(const QString &profileName, Secret secret) const;

signals:
    void profilesChanged();
    void secretsLoaded(const QString &name);
    void secretsSaved(const QString &name, bool toKeychain);
    // Every keychain delete of removeProfile(name) has finished.
    void secretsRemoved(const QString &name);
    void keychainStateChanged(cc::ui::ProfileStore::KeychainState state);

private:
    struct Secrets
    {
        QHash<int, QString> values;
    };

    QString keyFor(const QString &profileName, Secret secret) const;
    void noteKeychainResult(int error, const QString &errorString);
    void checkKeychainWritable(const QString &name);

    QString m_group;
    QString m_label;
    std::unique_ptr<QSettings> m_settings;
    QHash<QString, Secrets> m_secrets;   // this run only
    KeychainState m_keychainState = KeychainState::Unknown;
    QString m_keychainProblem;
};

} // namespace cc::ui
