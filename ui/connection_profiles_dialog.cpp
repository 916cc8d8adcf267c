#include "connection_profiles_dialog.h"

#include "audit/audit_database_url.h"
#include "client/api_client.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace cc::ui {

namespace {

QLineEdit *secretEdit(QWidget *parent, const char *name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setEchoMode(QLineEdit::Password);
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    return edit;
}

QLineEdit *plainEdit(QWidget *parent, const char *name, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ConnectionProfilesDialog::ConnectionProfilesDialog(ProfileStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("profilesDialog"));
    setWindowTitle(tr("Connection profiles"));
    buildUi();
    connect(m_store, &ProfileStore::keychainStateChanged, this, &ConnectionProfilesDialog::updateKeychainNote);
    const QString last = m_store->lastUsedProfile();
    reloadList(last);
    if (m_list->count() == 0)
        loadForm(StoredProfile{}, false);
}

ConnectionProfilesDialog::~ConnectionProfilesDialog()
{
    delete m_testClient; // its pending calls end with it, unanswered
}

void ConnectionProfilesDialog::buildUi()
{
    auto *root = new QHBoxLayout(this);

    auto *left = new QVBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setMaximumWidth(200);
    left->addWidget(m_list, 1);
    auto *newButton = new QPushButton(tr("New"), this);
    newButton->setObjectName(QStringLiteral("newProfileButton"));
    auto *deleteButton = new QPushButton(tr("Delete"), this);
    deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(newButton);
    listButtons->addWidget(deleteButton);
    left->addLayout(listButtons);
    root->addLayout(left);

    auto *right = new QVBoxLayout;
    auto *tabs = new QTabWidget(this);

    auto *connection = new QWidget(tabs);
    auto *form = new QFormLayout(connection);
    m_name = plainEdit(connection, "profileName", tr("e.g. Production US"));
    form->addRow(tr("&Name:"), m_name);
    m_method = new QComboBox(connection);
    m_method->setObjectName(QStringLiteral("signInMethod"));
    m_method->addItem(tr("Client credentials (OAuth token endpoint of the tenant)"), static_cast<int>(SignInMethod::ClientCredentials));
    m_method->addItem(tr("Access key with CXone discovery"), static_cast<int>(SignInMethod::AccessKey));
    form->addRow(tr("Sign-in &method:"), m_method);
    m_baseUrl = plainEdit(connection, "baseUrl", tr("https://api.us-east-1.api.nice-incontact.com"));
    form->addRow(tr("&Base URL:"), m_baseUrl);
    m_discoveryUrl = plainEdit(connection, "discoveryUrl");
    form->addRow(tr("&Discovery URL:"), m_discoveryUrl);
    m_clientId = plainEdit(connection, "clientId");
    form->addRow(tr("Client &id:"), m_clientId);
    m_clientSecret = secretEdit(connection, "clientSecret");
    form->addRow(tr("Client &secret:"), m_clientSecret);
    m_accessKeyId = plainEdit(connection, "accessKeyId");
    form->addRow(tr("&Access key id:"), m_accessKeyId);
    m_accessKeySecret = secretEdit(connection, "accessKeySecret");
    form->addRow(tr("Access key s&ecret:"), m_accessKeySecret);
    m_exportUrl = plainEdit(connection, "exportUrl", tr("https://nms.example.com/cxone/audit (optional)"));
    form->addRow(tr("E&xport URL:"), m_exportUrl);
    m_exportToken = secretEdit(connection, "exportToken");
    m_exportToken->setToolTip(tr("The export endpoint's own bearer token: never the CXone token"));
    form->addRow(tr("Export &token:"), m_exportToken);
    m_keychainNote = new QLabel(connection);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    form->addRow(m_keychainNote);
    tabs->addTab(connection, tr("Connection"));

    auto *monitor = new QWidget(tabs);
    auto *monitorForm = new QFormLayout(monitor);
    m_cadence = new QSpinBox(monitor);
    m_cadence->setObjectName(QStringLiteral("cadence"));
    m_cadence->setRange(5, 3600);
    m_cadence->setSuffix(tr(" s"));
    monitorForm->addRow(tr("Poll every:"), m_cadence);
    m_downAfter = new QSpinBox(monitor);
    m_downAfter->setRange(1, 20);
    m_downAfter->setToolTip(tr("N: consecutive bad checks before a channel counts as down"));
    monitorForm->addRow(tr("Down after (N bad checks):"), m_downAfter);
    m_upAfter = new QSpinBox(monitor);
    m_upAfter->setRange(1, 20);
    m_upAfter->setToolTip(tr("M: consecutive good checks before a channel counts as up again"));
    monitorForm->addRow(tr("Up after (M good checks):"), m_upAfter);
    m_cooldown = new QSpinBox(monitor);
    m_cooldown->setRange(0, 86400);
    m_cooldown->setSuffix(tr(" s"));
    m_cooldown->setToolTip(tr("No new automatic failover of a channel within this time of the last one"));
    monitorForm->addRow(tr("Cooldown:"), m_cooldown);
    m_failback = new QComboBox(monitor);
    m_failback->addItem(tr("Manual (an operator fails back)"), static_cast<int>(FailbackPolicy::Manual));
    m_failback->addItem(tr("Automatic after recovery"), static_cast<int>(FailbackPolicy::Automatic));
    monitorForm->addRow(tr("Failback:"), m_failback);
    m_autoFailover = new QCheckBox(tr("Fail over automatically"), monitor);
    monitorForm->addRow(m_autoFailover);
    m_qualityRule = new QCheckBox(tr("Also count poor quality (score or MOS below the thresholds) as bad"), monitor);
    monitorForm->addRow(m_qualityRule);
    m_minScore = new QDoubleSpinBox(monitor);
    m_minScore->setRange(0, 100);
    m_minScore->setDecimals(0);
    monitorForm->addRow(tr("Minimum score:"), m_minScore);
    m_minMos = new QDoubleSpinBox(monitor);
    m_minMos->setRange(1.0, 4.5);
    m_minMos->setSingleStep(0.1);
    m_minMos->setDecimals(1);
    monitorForm->addRow(tr("Minimum MOS:"), m_minMos);
    m_sipProbe = new QCheckBox(tr("Probe each trunk's SIP server (SIP OPTIONS); fail over only when probe and tenant agree"),
                               monitor);
    m_sipProbe->setToolTip(tr("The console sends SIP OPTIONS to every channel's sip_server:sip_port at its health-check "
                              "interval, as Kamailio's dispatcher does, shows the answer on the tiles and raises an "
                              "alarm when the probe and the tenant disagree. Probes are not API calls."));
    monitorForm->addRow(m_sipProbe);
    tabs->addTab(monitor, tr("Monitor"));

    // Issue 16: the shared trail every console and the service write to.
    auto *audit = new QWidget(tabs);
    auto *auditForm = new QFormLayout(audit);
    m_auditStore = plainEdit(audit, "auditStore", tr("postgresql://noc@db.example.com:5432/audit (empty: this computer's file)"));
    m_auditStore->setToolTip(tr("Where this profile's audit entries go: empty for this computer's own file, a file path, "
                                "or the shared PostgreSQL trail. A monitor service on the same trail and tenant "
                                "(cxonectl monitor --leader-lease) then does the automatic failover, and this console "
                                "watches."));
    auditForm->addRow(tr("Audit &store:"), m_auditStore);
    m_auditPassword = secretEdit(audit, "auditStorePassword");
    m_auditPassword->setToolTip(tr("The database password, kept in the keychain; empty leaves it to libpq "
                                   "(PGPASSWORD or ~/.pgpass). Never part of the URL."));
    auditForm->addRow(tr("Audit store &password:"), m_auditPassword);
    auto *auditNote = new QLabel(tr("With a shared trail, a person's action is refused while the trail cannot take its "
                                    "entry, and the monitor's own events wait in a local spool until it answers."),
                                 audit);
    auditNote->setWordWrap(true);
    auditForm->addRow(auditNote);
    tabs->addTab(audit, tr("Audit trail"));
    right->addWidget(tabs, 1);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(m_result);

    // Test on its own at the left; save, connect and close in reading order.
    auto *buttons = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveProfileButton"));
    m_connectButton = new QPushButton(tr("&Connect"), this);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setDefault(true);
    auto *closeButton = new QPushButton(tr("Close"), this);
    for (QPushButton *button : {m_testButton, m_saveButton, closeButton})
        button->setAutoDefault(false);
    buttons->addWidget(m_testButton);
    buttons->addStretch(1);
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_connectButton);
    buttons->addWidget(closeButton);
    right->addLayout(buttons);
    root->addLayout(right, 1);
    resize(820, 560);

    connect(m_method, &QComboBox::currentIndexChanged, this, &ConnectionProfilesDialog::updateMethodFields);
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (const auto stored = m_store->profile(name))
            loadForm(*stored, true);
    });
    connect(newButton, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
        loadForm(StoredProfile{}, false);
        m_name->setFocus();
    });
    connect(deleteButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem()) {
            m_store->removeProfile(item->text());
            reloadList(QString());
        }
    });
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionProfilesDialog::testConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionProfilesDialog::saveForm);
    connect(m_connectButton, &QPushButton::clicked, this, [this] {
        if (!saveForm())
            return;
        emit connectRequested(m_name->text().trimmed());
        accept();
    });
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
}

void ConnectionProfilesDialog::reloadList(const QString &select)
{
    m_list->clear();
    m_list->addItems(m_store->profileNames());
    const auto found = m_list->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void ConnectionProfilesDialog::selectProfile(const QString &name)
{
    reloadList(name);
}

void ConnectionProfilesDialog::loadForm(const StoredProfile &stored, bool existing)
{
    const ConnectionProfile &p = stored.connection;
    m_name->setText(p.name);
    m_method->setCurrentIndex(m_method->findData(static_cast<int>(p.signInMethod)));
    m_baseUrl->setText(p.baseUrl.toString());
    m_discoveryUrl->setText(p.discoveryUrl.toString());
    m_clientId->setText(p.clientId);
    m_accessKeyId->setText(p.accessKeyId);
    m_exportUrl->setText(p.exportUrl.toString());
    // Secrets are never shown back: empty keeps the one already known.
    m_auditStore->setText(stored.audit.location);
    for (QLineEdit *edit : {m_clientSecret, m_accessKeySecret, m_exportToken, m_auditPassword}) {
        edit->clear();
        edit->setPlaceholderText(existing ? tr("Leave empty to keep the current one") : QString());
    }
    const MonitorProfileSettings &m = stored.monitor;
    m_cadence->setValue(m.cadenceSeconds);
    m_downAfter->setValue(m.failover.hysteresis.downAfter);
    m_upAfter->setValue(m.failover.hysteresis.upAfter);
    m_cooldown->setValue(static_cast<int>(m.failover.cooldownMs / 1000));
    m_failback->setCurrentIndex(m_failback->findData(static_cast<int>(m.failover.failback)));
    m_autoFailover->setChecked(m.failover.autoFailover);
    m_qualityRule->setChecked(m.failover.qualityRule);
    m_minScore->setValue(m.failover.quality.minScore);
    m_minMos->setValue(m.failover.quality.minMos);
    m_sipProbe->setChecked(m.sipProbe);
    m_result->clear();
    updateMethodFields();
    updateKeychainNote();
}

StoredProfile ConnectionProfilesDialog::formProfile() const
{
    const QString name = m_name->text().trimmed();
    StoredProfile stored = m_store->profile(name).value_or(StoredProfile{});
    ConnectionProfile &p = stored.connection;
    p.name = name;
    p.signInMethod = static_cast<SignInMethod>(m_method->currentData().toInt());
    p.baseUrl = QUrl(m_baseUrl->text().trimmed());
    p.discoveryUrl = QUrl(m_discoveryUrl->text().trimmed());
    p.clientId = m_clientId->text().trimmed();
    p.accessKeyId = m_accessKeyId->text().trimmed();
    p.exportUrl = QUrl(m_exportUrl->text().trimmed());
    if (!m_clientSecret->text().isEmpty())
        p.clientSecret = m_clientSecret->text();
    if (!m_accessKeySecret->text().isEmpty())
        p.accessKeySecret = m_accessKeySecret->text();
    if (!m_exportToken->text().isEmpty())
        p.exportToken = m_exportToken->text();
    stored.audit.location = m_auditStore->text().trimmed();
    if (!m_auditPassword->text().isEmpty())
        stored.audit.password = m_auditPassword->text();
    MonitorProfileSettings &m = stored.monitor;
    m.cadenceSeconds = m_cadence->value();
    m.failover.hysteresis.downAfter = m_downAfter->value();
    m.failover.hysteresis.upAfter = m_upAfter->value();
    m.failover.cooldownMs = qint64(m_cooldown->value()) * 1000;
    m.failover.failback = static_cast<FailbackPolicy>(m_failback->currentData().toInt());
    m.failover.autoFailover = m_autoFailover->isChecked();
    m.failover.qualityRule = m_qualityRule->isChecked();
    m.failover.quality.minScore = m_minScore->value();
    m.failover.quality.minMos = m_minMos->value();
    m.sipProbe = m_sipProbe->isChecked();
    return stored;
}

bool ConnectionProfilesDialog::saveForm()
{
    const StoredProfile stored = formProfile();
    if (stored.connection.name.isEmpty()) {
        setTestResult(false, tr("Give the profile a name first."));
        m_name->setFocus();
        return false;
    }
    if (isPostgresUrl(stored.audit.location)) {
        QString problem;
        if (!parsePostgresUrl(stored.audit.location, &problem)) {
            setTestResult(false, tr("Not saved: the audit store: %1.").arg(problem));
            m_auditStore->setFocus();
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
    m_testButton->setEnabled(false);
    setTestResult(true, tr("Signing in…"));
    client->signIn()->onFinished(this, [this, client](const ApiResult<QDateTime> &signedIn) {
        if (!signedIn.ok()) {
            setTestResult(false, tr("Sign-in failed. %1").arg(signedIn.error->text()));
            m_testButton->setEnabled(true);
            emit testFinished(false);
            return;
        }
        const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(*signedIn.value) / 60;
        setTestResult(true, tr("Signed in (token valid for %1 min). Listing the channels…").arg(minutes));
        client->listChannels()->onFinished(this, [this, minutes](const ApiResult<QList<Channel>> &listed) {
            m_testButton->setEnabled(true);
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
    return m_result->text();
}

void ConnectionProfilesDialog::setTestResult(bool ok, const QString &text)
{
    m_result->setText(text);
    m_result->setStyleSheet(ok ? QString() : QStringLiteral("QLabel { color: #b71c1c; }"));
}

void ConnectionProfilesDialog::updateMethodFields()
{
    const bool accessKey = static_cast<SignInMethod>(m_method->currentData().toInt()) == SignInMethod::AccessKey;
    m_discoveryUrl->setEnabled(accessKey);
    m_accessKeyId->setEnabled(accessKey);
    m_accessKeySecret->setEnabled(accessKey);
    m_baseUrl->setPlaceholderText(accessKey ? tr("optional: discovery names the API address")
                                            : tr("https://api.us-east-1.api.nice-incontact.com"));
}

void ConnectionProfilesDialog::updateKeychainNote()
{
    switch (m_store->keychainState()) {
    case ProfileStore::KeychainState::Available:
        m_keychainNote->setText(tr("Secrets are kept in the system keychain, never in a settings file."));
        break;
    case ProfileStore::KeychainState::Unavailable:
        m_keychainNote->setText(tr("No keychain is usable here (%1): secrets are kept in memory for this run "
                                   "only and asked again next time. They are never written to a file.")
                                    .arg(m_store->keychainProblem()));
        break;
    case ProfileStore::KeychainState::Unknown:
        m_keychainNote->setText(tr("Secrets go to the system keychain when one is running; otherwise they are kept "
                                   "in memory for this run only. They are never written to a file."));
        break;
    }
}

} // namespace cc::ui
