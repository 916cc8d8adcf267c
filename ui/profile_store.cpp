#include "profile_store.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#include <QSettings>
#include <QTimer>
#include <QUrl>

#include <memory>

Q_LOGGING_CATEGORY(lcProfiles, "cc.ui.profiles")

namespace cc::ui {

namespace {

// A keychain job on the item `key` labelled `label`, deleted when done; never
// the insecure fallback, which is a plain-text settings file.
template <typename Job>
Job *keychainJob(const QString &label, const QString &key, QObject *parent)
{
    auto *job = new Job(label, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

constexpr auto kDefaultGroup = "profiles";
// The start of every keychain item's label. QtKeychain's Secret Service backend
// uses its "service" as the item's label and as a lookup attribute, so the
// service is the whole label and must not change with the language.
constexpr auto kDefaultLabel = "Channel Console";
constexpr auto kCheckKey = "keychain-check";

QString encodeName(const QString &name)
{
    // A profile name may hold '/', which QSettings would read as a subgroup.
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

const QList<ProfileStore::Secret> &allSecrets()
{
    static const QList<ProfileStore::Secret> all{ProfileStore::Secret::ClientSecret,
                                                 ProfileStore::Secret::AccessKeySecret,
                                                 ProfileStore::Secret::ExportToken,
                                                 ProfileStore::Secret::AuditStorePassword};
    return all;
}

QString secretKeyName(ProfileStore::Secret secret)
{
    switch (secret) {
    case ProfileStore::Secret::ClientSecret: return QStringLiteral("client_secret");
    case ProfileStore::Secret::AccessKeySecret: return QStringLiteral("access_key_secret");
    case ProfileStore::Secret::ExportToken: return QStringLiteral("export_token");
    case ProfileStore::Secret::AuditStorePassword: return QStringLiteral("audit_store_password");
    }
    return {};
}

QString secretItemName(ProfileStore::Secret secret)
{
    switch (secret) {
    case ProfileStore::Secret::ClientSecret: return QStringLiteral("client secret");
    case ProfileStore::Secret::AccessKeySecret: return QStringLiteral("access key secret");
    case ProfileStore::Secret::ExportToken: return QStringLiteral("export token");
    case ProfileStore::Secret::AuditStorePassword: return QStringLiteral("audit store password");
    }
    return {};
}

QString *secretField(StoredProfile &stored, ProfileStore::Secret secret)
{
    ConnectionProfile &profile = stored.connection;
    switch (secret) {
    case ProfileStore::Secret::ClientSecret: return &profile.clientSecret;
    case ProfileStore::Secret::AccessKeySecret: return &profile.accessKeySecret;
    case ProfileStore::Secret::ExportToken: return &profile.exportToken;
    case ProfileStore::Secret::AuditStorePassword: return &stored.audit.password;
    }
    return nullptr;
}

} // namespace

bool MonitorProfileSettings::operator==(const MonitorProfileSettings &other) const
{
    const FailoverSettings &a = failover;
    const FailoverSettings &b = other.failover;
    return cadenceSeconds == other.cadenceSeconds && a.hysteresis.downAfter == b.hysteresis.downAfter
        && a.hysteresis.upAfter == b.hysteresis.upAfter && a.autoFailover == b.autoFailover
        && a.cooldownMs == b.cooldownMs && a.failback == b.failback && a.qualityRule == b.qualityRule
        && a.quality.minScore == b.quality.minScore && a.quality.minMos == b.quality.minMos
        && sipProbe == other.sipProbe && sipProbeIntervalSeconds == other.sipProbeIntervalSeconds && a.signal == b.signal;
}

ProfileStore::ProfileStore(QObject *parent)
    : ProfileStore(QString::fromLatin1(kDefaultGroup), QString::fromLatin1(kDefaultLabel), parent)
{
}

ProfileStore::ProfileStore(const QString &settingsGroup, const QString &keychainLabel, QObject *parent)
    : QObject(parent)
    , m_group(settingsGroup)
    , m_label(keychainLabel)
    , m_settings(std::make_unique<QSettings>())
{
}

ProfileStore::~ProfileStore() = default;

QStringList ProfileStore::profileNames() const
{
    QStringList names;
    m_settings->beginGroup(m_group);
    const QStringList groups = m_settings->childGroups();
    for (const QString &group : groups) {
        const QString name = m_settings->value(group + QStringLiteral("/name")).toString();
        if (!name.isEmpty())
            names.append(name);
    }
    m_settings->endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<StoredProfile> ProfileStore::profile(const QString &name) const
{
    QSettings &s = *m_settings;
    s.beginGroup(m_group + QLatin1Char('/') + encodeName(name));
    if (s.value(QStringLiteral("name")).toString() != name) {
        s.endGroup();
        return std::nullopt;
    }
    StoredProfile stored;
    ConnectionProfile &p = stored.connection;
    p.name = name;
    p.signInMethod = signInMethodFromName(s.value(QStringLiteral("sign_in_method")).toString())
                         .value_or(SignInMethod::ClientCredentials);
    p.baseUrl = QUrl(s.value(QStringLiteral("base_url")).toString());
    p.clientId = s.value(QStringLiteral("client_id")).toString();
    p.accessKeyId = s.value(QStringLiteral("access_key_id")).toString();
    const QString discovery = s.value(QStringLiteral("discovery_url")).toString();
    if (!discovery.isEmpty())
        p.discoveryUrl = QUrl(discovery);
    p.scopes = s.value(QStringLiteral("scopes"), p.scopes).toString();
    p.timeoutSeconds = s.value(QStringLiteral("timeout_seconds"), p.timeoutSeconds).toInt();
    p.exportUrl = QUrl(s.value(QStringLiteral("export_url")).toString());

    MonitorProfileSettings &m = stored.monitor;
    m.cadenceSeconds = s.value(QStringLiteral("monitor/cadence_seconds"), m.cadenceSeconds).toInt();
    FailoverSettings &f = m.failover;
    f.hysteresis.downAfter = s.value(QStringLiteral("monitor/down_after"), f.hysteresis.downAfter).toInt();
    f.hysteresis.upAfter = s.value(QStringLiteral("monitor/up_after"), f.hysteresis.upAfter).toInt();
    f.autoFailover = s.value(QStringLiteral("monitor/auto_failover"), f.autoFailover).toBool();
    f.cooldownMs = s.value(QStringLiteral("monitor/cooldown_seconds"), f.cooldownMs / 1000).toLongLong() * 1000;
    f.failback = failbackPolicyFromName(s.value(QStringLiteral("monitor/failback")).toString()).value_or(f.failback);
    f.qualityRule = s.value(QStringLiteral("monitor/quality_rule"), f.qualityRule).toBool();
    f.quality.minScore = s.value(QStringLiteral("monitor/min_score"), f.quality.minScore).toDouble();
    f.quality.minMos = s.value(QStringLiteral("monitor/min_mos"), f.quality.minMos).toDouble();
    m.sipProbe = s.value(QStringLiteral("monitor/sip_probe"), m.sipProbe).toBool();
    m.sipProbeIntervalSeconds = s.value(QStringLiteral("monitor/sip_probe_interval_seconds"), m.sipProbeIntervalSeconds).toInt();
    f.signal = failoverSignalFromName(s.value(QStringLiteral("monitor/failover_signal")).toString()).value_or(f.signal);
    stored.audit.location = s.value(QStringLiteral("audit_store")).toString();
    s.endGroup();

    const Secrets known = m_secrets.value(name);
    for (Secret secret : allSecrets())
        *secretField(stored, secret) = known.values.value(static_cast<int>(secret));
    return stored;
}

void ProfileStore::saveProfile(const StoredProfile &stored)
{
    const ConnectionProfile &p = stored.connection;
    QSettings &s = *m_settings;
    s.beginGroup(m_group + QLatin1Char('/') + encodeName(p.name));
    s.remove(QString());
    s.setValue(QStringLiteral("name"), p.name);
    s.setValue(QStringLiteral("sign_in_method"), signInMethodName(p.signInMethod));
    s.setValue(QStringLiteral("base_url"), p.baseUrl.toString());
    s.setValue(QStringLiteral("client_id"), p.clientId);
    s.setValue(QStringLiteral("access_key_id"), p.accessKeyId);
    s.setValue(QStringLiteral("discovery_url"), p.discoveryUrl.toString());
    s.setValue(QStringLiteral("scopes"), p.scopes);
    s.setValue(QStringLiteral("timeout_seconds"), p.timeoutSeconds);
    s.setValue(QStringLiteral("export_url"), p.exportUrl.toString());
    const MonitorProfileSettings &m = stored.monitor;
    s.setValue(QStringLiteral("monitor/cadence_seconds"), m.cadenceSeconds);
    s.setValue(QStringLiteral("monitor/down_after"), m.failover.hysteresis.downAfter);
    s.setValue(QStringLiteral("monitor/up_after"), m.failover.hysteresis.upAfter);
    s.setValue(QStringLiteral("monitor/auto_failover"), m.failover.autoFailover);
    s.setValue(QStringLiteral("monitor/cooldown_seconds"), m.failover.cooldownMs / 1000);
    s.setValue(QStringLiteral("monitor/failback"), failbackPolicyName(m.failover.failback));
    s.setValue(QStringLiteral("monitor/quality_rule"), m.failover.qualityRule);
    s.setValue(QStringLiteral("monitor/min_score"), m.failover.quality.minScore);
    s.setValue(QStringLiteral("monitor/min_mos"), m.failover.quality.minMos);
    s.setValue(QStringLiteral("monitor/sip_probe"), m.sipProbe);
    s.setValue(QStringLiteral("monitor/sip_probe_interval_seconds"), m.sipProbeIntervalSeconds);
    s.setValue(QStringLiteral("monitor/failover_signal"), failoverSignalName(m.failover.signal));
    s.setValue(QStringLiteral("audit_store"), stored.audit.location);
    s.endGroup();
    s.sync();

    // Secrets: memory for this run at once, the keychain behind it.
    Secrets &known = m_secrets[p.name];
    auto pending = std::make_shared<int>(0);
    auto allStored = std::make_shared<bool>(true);
    const QString name = p.name;
    StoredProfile copy = stored;
    for (Secret secret : allSecrets()) {
        const QString value = *secretField(copy, secret);
        if (value.isEmpty())
            continue;
        known.values.insert(static_cast<int>(secret), value);
        if (m_keychainState == KeychainState::Unavailable) {
            *allStored = false;
            continue;
        }
        auto *job = keychainJob<QKeychain::WritePasswordJob>(keychainItemLabel(name, secret), keyFor(name, secret), this);
        job->setTextData(value);
        ++*pending;
        connect(job, &QKeychain::Job::finished, this, [this, name, pending, allStored](QKeychain::Job *done) {
            noteKeychainResult(done->error(), done->errorString());
            if (done->error() != QKeychain::NoError)
                *allStored = false;
            if (--*pending == 0)
                emit secretsSaved(name, *allStored);
        });
        job->start();
    }
    if (*pending == 0) {
        const bool stored = *allStored;
        QTimer::singleShot(0, this, [this, name, stored] { emit secretsSaved(name, stored); });
    }
    emit profilesChanged();
}

void ProfileStore::removeProfile(const QString &name)
{
    m_settings->remove(m_group + QLatin1Char('/') + encodeName(name));
    m_settings->sync();
    m_secrets.remove(name);
    if (m_keychainState == KeychainState::Unavailable) {
        QTimer::singleShot(0, this, [this, name] { emit secretsRemoved(name); });
    } else {
        auto pending = std::make_shared<int>(static_cast<int>(allSecrets().size()));
        for (Secret secret : allSecrets()) {
            auto *job = keychainJob<QKeychain::DeletePasswordJob>(keychainItemLabel(name, secret), keyFor(name, secret), this);
            connect(job, &QKeychain::Job::finished, this, [this, name, pending](QKeychain::Job *done) {
                if (done->error() != QKeychain::EntryNotFound)
                    noteKeychainResult(done->error(), done->errorString());
                if (--*pending == 0)
                    emit secretsRemoved(name);
            });
            job->start();
        }
    }
    emit profilesChanged();
}

void ProfileStore::loadSecrets(const QString &name)
{
    if (m_keychainState == KeychainState::Unavailable) {
        QTimer::singleShot(0, this, [this, name] { emit secretsLoaded(name); });
        return;
    }
    auto pending = std::make_shared<int>(static_cast<int>(allSecrets().size()));
    for (Secret secret : allSecrets()) {
        auto *job = keychainJob<QKeychain::ReadPasswordJob>(keychainItemLabel(name, secret), keyFor(name, secret), this);
        connect(job, &QKeychain::Job::finished, this, [this, name, secret, pending](QKeychain::Job *done) {
            const int error = done->error();
            if (error == QKeychain::NoError) {
                const QString value = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
                if (!value.isEmpty())
                    m_secrets[name].values.insert(static_cast<int>(secret), value);
                noteKeychainResult(error, {});
            } else if (error != QKeychain::EntryNotFound) {
                noteKeychainResult(error, done->errorString());
            }
            if (--*pending > 0)
                return;
            // "Not found" everywhere proves nothing: a locked collection says so too.
            if (m_keychainState == KeychainState::Unknown)
                checkKeychainWritable(name);
            else
                emit secretsLoaded(name);
        });
        job->start();
    }
}

void ProfileStore::checkKeychainWritable(const QString &name)
{
    const QString label = m_label + QStringLiteral(": keychain check (safe to delete)");
    auto *write = keychainJob<QKeychain::WritePasswordJob>(label, QString::fromLatin1(kCheckKey), this);
    write->setTextData(QStringLiteral("-"));
    connect(write, &QKeychain::Job::finished, this, [this, name, label](QKeychain::Job *written) {
        noteKeychainResult(written->error(), written->errorString());
        if (written->error() != QKeychain::NoError) {
            emit secretsLoaded(name);
            return;
        }
        auto *remove = keychainJob<QKeychain::DeletePasswordJob>(label, QString::fromLatin1(kCheckKey), this);
        connect(remove, &QKeychain::Job::finished, this, [this, name](QKeychain::Job *) { emit secretsLoaded(name); });
        remove->start();
    });
    write->start();
}

void ProfileStore::setSessionSecret(const QString &profileName, Secret secret, const QString &value)
{
    if (value.isEmpty())
        m_secrets[profileName].values.remove(static_cast<int>(secret));
    else
        m_secrets[profileName].values.insert(static_cast<int>(secret), value);
}

QList<ProfileStore::Secret> ProfileStore::missingSecrets(const QString &name) const
{
    QList<Secret> missing;
    const std::optional<StoredProfile> stored = profile(name);
    if (!stored)
        return missing;
    const ConnectionProfile &p = stored->connection;
    if (p.signInMethod == SignInMethod::ClientCredentials && p.clientSecret.isEmpty())
        missing.append(Secret::ClientSecret);
    if (p.signInMethod == SignInMethod::AccessKey) {
        if (p.clientSecret.isEmpty())
            missing.append(Secret::ClientSecret);
        if (p.accessKeySecret.isEmpty())
            missing.append(Secret::AccessKeySecret);
    }
    // The export token is optional: a receiver may require none. So is the
    // audit store's password: libpq may find it in PGPASSWORD or ~/.pgpass.
    return missing;
}

QString ProfileStore::lastUsedProfile() const
{
    return m_settings->value(m_group + QStringLiteral("_last_used")).toString();
}

void ProfileStore::setLastUsedProfile(const QString &name)
{
    m_settings->setValue(m_group + QStringLiteral("_last_used"), name);
}

QString ProfileStore::secretLabel(Secret secret)
{
    switch (secret) {
    case Secret::ClientSecret: return tr("client secret");
    case Secret::AccessKeySecret: return tr("access key secret");
    case Secret::ExportToken: return tr("export token");
    case Secret::AuditStorePassword: return tr("audit store password");
    }
    return {};
}

QString ProfileStore::keychainItemLabel(const QString &profileName, Secret secret) const
{
    return m_label + QStringLiteral(": ") + profileName + QLatin1Char(' ') + secretItemName(secret);
}

QString ProfileStore::keyFor(const QString &profileName, Secret secret) const
{
    return profileName + QLatin1Char('/') + secretKeyName(secret);
}

void ProfileStore::noteKeychainResult(int error, const QString &errorString)
{
    // Any failure but "not found" means this run cannot rely on the keychain:
    // no service, a locked or missing collection, a refused prompt.
    KeychainState next = KeychainState::Available;
    if (error == QKeychain::NoError) {
        m_keychainProblem.clear();
    } else {
        next = KeychainState::Unavailable;
        m_keychainProblem = errorString.isEmpty() ? tr("the keychain refused the request") : errorString;
    }
    if (next != m_keychainState) {
        // The keychain's own text names the service it tried; it holds no secret.
        if (next == KeychainState::Unavailable)
            qCInfo(lcProfiles) << "no usable keychain:" << m_keychainProblem << "- secrets are kept in memory for this run";
        m_keychainState = next;
        emit keychainStateChanged(next);
    }
}

} // namespace cc::ui
