#pragma once
// Where connection profiles live between runs, without widgets so it is tested
// on its own: the non-secret fields in QSettings, the secrets (client secret,
// access key secret, export token) in the system keychain through QtKeychain's
// asynchronous jobs. Where no keychain service answers, secrets are kept in
// memory for this run only and the store says so; a secret is never written to
// QSettings or any other file.

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

struct StoredProfile
{
    ConnectionProfile connection;
    MonitorProfileSettings monitor;
};

class ProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    enum class KeychainState {
        Unknown,      // not asked yet
        Available,    // a keychain service answered
        Unavailable,  // none answered: secrets are asked once per run and kept in memory
    };
    Q_ENUM(KeychainState)

    // The secrets a profile may have, each a keychain entry of its own.
    enum class Secret { ClientSecret, AccessKeySecret, ExportToken };

    // `settingsGroup` lets tests and the demo keep their profiles apart.
    explicit ProfileStore(QObject *parent = nullptr);
    ProfileStore(const QString &settingsGroup, const QString &keychainService, QObject *parent = nullptr);
    ~ProfileStore() override;

    QStringList profileNames() const;
    // The profile with every secret known this run (from the keychain once
    // loadSecrets() finished, or given by the user); unknown secrets are empty.
    std::optional<StoredProfile> profile(const QString &name) const;
    // Writes the non-secret fields now and the non-empty secrets to the keychain
    // (asynchronously: secretsSaved() follows). Secrets are also kept in memory
    // for this run, so the profile is usable at once.
    void saveProfile(const StoredProfile &profile);
    void removeProfile(const QString &name);

    // Reads the profile's secrets from the keychain; secretsLoaded() follows,
    // also when there is no keychain (then only what is in memory counts).
    void loadSecrets(const QString &name);
    // A secret the user typed for this run only (no keychain).
    void setSessionSecret(const QString &profileName, Secret secret, const QString &value);
    // The secrets the profile needs for its sign-in method and does not have yet.
    QList<Secret> missingSecrets(const QString &name) const;

    KeychainState keychainState() const { return m_keychainState; }
    // Why the keychain is not used, for the dialog (empty when it is).
    QString keychainProblem() const { return m_keychainProblem; }

    QString lastUsedProfile() const;
    void setLastUsedProfile(const QString &name);

    static QString secretLabel(Secret secret);

signals:
    void profilesChanged();
    void secretsLoaded(const QString &name);
    void secretsSaved(const QString &name, bool toKeychain);
    void keychainStateChanged(cc::ui::ProfileStore::KeychainState state);

private:
    struct Secrets
    {
        QHash<int, QString> values;
    };

    QString keyFor(const QString &profileName, Secret secret) const;
    void noteKeychainResult(int error, const QString &errorString);

    QString m_group;
    QString m_service;
    std::unique_ptr<QSettings> m_settings;
    QHash<QString, Secrets> m_secrets;   // this run only
    KeychainState m_keychainState = KeychainState::Unknown;
    QString m_keychainProblem;
};

} // namespace cc::ui
