#include "connection_profiles_dialog.h"

#include "audit/audit_database_url.h"
#include "client/api_client.h"
#include "ui_connection_profiles_dialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace cc::ui {

ConnectionProfilesDialog::ConnectionProfilesDialog(ProfileStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_ui(std::make_unique<Ui::ConnectionProfilesDialog>())
{
    m_ui->setupUi(this);
    m_ui->signInMethod->addItem(tr("Client credentials (OAuth token endpoint of the tenant)"),
                                static_cast<int>(SignInMethod::ClientCredentials));
    m_ui->signInMethod->addItem(tr("Access key with CXone discovery"), static_cast<int>(SignInMethod::AccessKey));
    m_ui->failbackPolicy->addItem(tr("Manual (an operator fails back)"), static_cast<int>(FailbackPolicy::Manual));
    m_ui->failbackPolicy->addItem(tr("Automatic after recovery"), static_cast<int>(FailbackPolicy::Automatic));
    connectControls();
    connect(m_store, &ProfileStore::keychainStateChanged, this, &ConnectionProfilesDialog::updateKeychainNote);
    const QString last = m_store->lastUsedProfile();
    reloadList(last);
    if (m_ui->profileList->count() == 0)
        loadForm(StoredProfile{}, false);
}

ConnectionProfilesDialog::~ConnectionProfilesDialog()
{
    delete m_testClient; // its pending calls end with it, unanswered
}

void ConnectionProfilesDialog::connectControls()
{
    connect(m_ui->signInMethod, &QComboBox::currentIndexChanged, this, &ConnectionProfilesDialog::updateMethodFields);
    connect(m_ui->profileList, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (const auto stored = m_store->profile(name))
            loadForm(*stored, true);
    });
    connect(m_ui->newProfileButton, &QPushButton::clicked, this, [this] {
        m_ui->profileList->clearSelection();
        m_ui->profileList->setCurrentRow(-1);
        loadForm(StoredProfile{}, false);
        m_ui->profileName->setFocus();
    });
    connect(m_ui->deleteProfileButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_ui->profileList->currentItem()) {
            m_store->removeProfile(item->text());
            reloadList(QString());
        }
    });
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionProfilesDialog::testConnection);
    connect(m_ui->saveProfileButton, &QPushButton::clicked, this, &ConnectionProfilesDialog::saveForm);
    connect(m_ui->connectButton, &QPushButton::clicked, this, [this] {
        if (!saveForm())
            return;
        emit connectRequested(m_ui->profileName->text().trimmed());
        accept();
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
}

void ConnectionProfilesDialog::reloadList(const QString &select)
{
    m_ui->profileList->clear();
    m_ui->profileList->addItems(m_store->profileNames());
    const auto found = m_ui->profileList->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty())
        m_ui->profileList->setCurrentItem(found.first());
    else if (m_ui->profileList->count() > 0)
        m_ui->profileList->setCurrentRow(0);
}

void ConnectionProfilesDialog::selectProfile(const QString &name)
{
    reloadList(name);
}

void ConnectionProfilesDialog::loadForm(const StoredProfile &stored, bool existing)
{
    const ConnectionProfile &p = stored.connection;
    m_ui->profileName->setText(p.name);
    m_ui->signInMethod->setCurrentIndex(m_ui->signInMethod->findData(static_cast<int>(p.signInMethod)));
    m_ui->baseUrl->setText(p.baseUrl.toString());
    m_ui->discoveryUrl->setText(p.discoveryUrl.toString());
    m_ui->clientId->setText(p.clientId);
    m_ui->accessKeyId->setText(p.accessKeyId);
    m_ui->exportUrl->setText(p.exportUrl.toString());
    // Secrets are never shown back: empty keeps the one already known.
    m_ui->auditStore->setText(stored.audit.location);
    for (QLineEdit *edit : {m_ui->clientSecret, m_ui->accessKeySecret, m_ui->exportToken, m_ui->auditStorePassword}) {
        edit->clear();
        edit->setPlaceholderText(existing ? tr("Leave empty to keep the current one") : QString());
    }
    const MonitorProfileSettings &m = stored.monitor;
    m_ui->cadence->setValue(m.cadenceSeconds);
    m_ui->downAfter->setValue(m.failover.hysteresis.downAfter);
    m_ui->upAfter->setValue(m.failover.hysteresis.upAfter);
    m_ui->cooldown->setValue(static_cast<int>(m.failover.cooldownMs / 1000));
    m_ui->failbackPolicy->setCurrentIndex(m_ui->failbackPolicy->findData(static_cast<int>(m.failover.failback)));
    m_ui->autoFailover->setChecked(m.failover.autoFailover);
    m_ui->qualityRule->setChecked(m.failover.qualityRule);
    m_ui->minScore->setValue(m.failover.quality.minScore);
    m_ui->minMos->setValue(m.failover.quality.minMos);
    m_ui->sipProbe->setChecked(m.sipProbe);
    m_ui->testResult->clear();
    updateMethodFields();
    updateKeychainNote();
}

StoredProfile ConnectionProfilesDialog::formProfile() const
{
    const QString name = m_ui->profileName->text().trimmed();
    StoredProfile stored = m_store->profile(name).value_or(StoredProfile{});
    ConnectionProfile &p = stored.connection;
    p.name = name;
    p.signInMethod = static_cast<SignInMethod>(m_ui->signInMethod->currentData().toInt());
    p.baseUrl = QUrl(m_ui->baseUrl->text().trimmed());
    p.discoveryUrl = QUrl(m_ui->discoveryUrl->text().trimmed());
    p.clientId = m_ui->clientId->text().trimmed();
    p.accessKeyId = m_ui->accessKeyId->text().trimmed();
    p.exportUrl = QUrl(m_ui->exportUrl->text().trimmed());
    if (!m_ui->clientSecret->text().isEmpty())
        p.clientSecret = m_ui->clientSecret->text();
    if (!m_ui->accessKeySecret->text().isEmpty())
        p.accessKeySecret = m_ui->accessKeySecret->text();
    if (!m_ui->exportToken->text().isEmpty())
        p.exportToken = m_ui->exportToken->text();
    stored.audit.location = m_ui->auditStore->text().trimmed();
    if (!m_ui->auditStorePassword->text().isEmpty())
        stored.audit.password = m_ui->auditStorePassword->text();
    MonitorProfileSettings &m = stored.monitor;
    m.cadenceSeconds = m_ui->cadence->value();
    m.failover.hysteresis.downAfter = m_ui->downAfter->value();
    m.failover.hysteresis.upAfter = m_ui->upAfter->value();
    m.failover.cooldownMs = qint64(m_ui->cooldown->value()) * 1000;
    m.failover.failback = static_cast<FailbackPolicy>(m_ui->failbackPolicy->currentData().toInt());
    m.failover.autoFailover = m_ui->autoFailover->isChecked();
    m.failover.qualityRule = m_ui->qualityRule->isChecked();
    m.failover.quality.minScore = m_ui->minScore->value();
    m.failover.quality.minMos = m_ui->minMos->value();
    m.sipProbe = m_ui->sipProbe->isChecked();
    return stored;
}

bool ConnectionProfilesDialog::saveForm()
{
    const StoredProfile stored = formProfile();
    if (stored.connection.name.isEmpty()) {
        setTestResult(false, tr("Give the profile a name first."));
        m_ui->profileName->setFocus();
        return false;
    }
    if (isPostgresUrl(stored.audit.location)) {
        QString problem;
        if (!parsePostgresUrl(stored.audit.location, &problem)) {
            setTestResult(false, tr("Not saved: the audit store: %1.").arg(problem));
            m_ui->auditStore->setFocus();
            return false;
        }
    }
    m_store->saveProfile(stored);
    reloadList(stored.connection.name);
    return true;
}

void ConnectionProfilesDialog::testConnection()
{
    const StoredProfile stored = formProfile();
    const FieldErrors problems = stored.connection.validate();
    if (!problems.isEmpty()) {
        setTestResult(false, tr("Not tested, the profile is incomplete:\n%1").arg(formatFieldErrors(problems)));
        emit testFinished(false);
        return;
    }
    delete m_testClient;
    auto *client = new ApiClient(stored.connection, this);
    m_testClient = client;
    m_ui->testButton->setEnabled(false);
    setTestResult(true, tr("Signing in…"));
    client->signIn()->onFinished(this, [this, client](const ApiResult<QDateTime> &signedIn) {
        if (!signedIn.ok()) {
            setTestResult(false, tr("Sign-in failed. %1").arg(signedIn.error->text()));
            m_ui->testButton->setEnabled(true);
            emit testFinished(false);
            return;
        }
        const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(*signedIn.value) / 60;
        setTestResult(true, tr("Signed in (token valid for %1 min). Listing the channels…").arg(minutes));
        client->listChannels()->onFinished(this, [this, minutes](const ApiResult<QList<Channel>> &listed) {
            m_ui->testButton->setEnabled(true);
            if (!listed.ok()) {
                setTestResult(false, tr("Signed in, but listing the channels failed. %1").arg(listed.error->text()));
                emit testFinished(false);
                return;
            }
            setTestResult(true, tr("Connection works: signed in (token valid for %1 min) and the tenant lists %2 channels.")
                                    .arg(minutes).arg(listed.value->size()));
            emit testFinished(true);
        });
    });
}

QString ConnectionProfilesDialog::testResult() const
{
    return m_ui->testResult->text();
}

void ConnectionProfilesDialog::setTestResult(bool ok, const QString &text)
{
    m_ui->testResult->setText(text);
    m_ui->testResult->setStyleSheet(ok ? QString() : QStringLiteral("QLabel { color: #b71c1c; }"));
}

void ConnectionProfilesDialog::updateMethodFields()
{
    const bool accessKey = static_cast<SignInMethod>(m_ui->signInMethod->currentData().toInt()) == SignInMethod::AccessKey;
    m_ui->discoveryUrl->setEnabled(accessKey);
    m_ui->accessKeyId->setEnabled(accessKey);
    m_ui->accessKeySecret->setEnabled(accessKey);
    m_ui->baseUrl->setPlaceholderText(accessKey ? tr("optional: discovery names the API address")
                                            : tr("https://api.us-east-1.api.nice-incontact.com"));
}

void ConnectionProfilesDialog::updateKeychainNote()
{
    switch (m_store->keychainState()) {
    case ProfileStore::KeychainState::Available:
        m_ui->keychainNote->setText(tr("Secrets are kept in the system keychain, never in a settings file."));
        break;
    case ProfileStore::KeychainState::Unavailable:
        m_ui->keychainNote->setText(tr("No keychain is usable here (%1): secrets are kept in memory for this run "
                                   "only and asked again next time. They are never written to a file.")
                                    .arg(m_store->keychainProblem()));
        break;
    case ProfileStore::KeychainState::Unknown:
        m_ui->keychainNote->setText(tr("Secrets go to the system keychain when one is running; otherwise they are kept "
                                   "in memory for this run only. They are never written to a file."));
        break;
    }
}

} // namespace cc::ui
