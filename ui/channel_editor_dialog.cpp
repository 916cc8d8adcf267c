#include "channel_editor_dialog.h"

#include "api/contract.h"
#include "client/api_client.h"
#include "model/json_reader.h"
#include "operations/channel_operations.h"
#include "status_presentation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace cc::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

// Field paths, as the validator and the tenant's 400 name them.
QString pathName() { return QString(api::kKeyName); }
QString pathServer() { return fieldPath(QString(api::kKeyConfiguration), api::kKeySipServer); }
QString pathPort() { return fieldPath(QString(api::kKeyConfiguration), api::kKeySipPort); }
QString pathAuth() { return fieldPath(QString(api::kKeyConfiguration), api::kKeyAuthentication); }
QString pathUsername() { return fieldPath(pathAuth(), api::kKeyUsername); }
QString pathPassword() { return fieldPath(pathAuth(), api::kKeyPassword); }
QString pathCodecs() { return fieldPath(QString(api::kKeyConfiguration), api::kKeyCodecs); }
QString pathFailover() { return fieldPath(QString(api::kKeyRouting), api::kKeyFailoverChannels); }
QString pathInterval() { return fieldPath(QString(api::kKeyHealthCheck), api::kKeyIntervalSeconds); }
QString pathTimeout() { return fieldPath(QString(api::kKeyHealthCheck), api::kKeyTimeoutSeconds); }

// The field as its label names it, for messages that list fields.
QString fieldLabel(const QString &path)
{
    if (path == pathName()) return ChannelEditorDialog::tr("Name");
    if (path == pathServer()) return ChannelEditorDialog::tr("SIP server");
    if (path == pathPort()) return ChannelEditorDialog::tr("SIP port");
    if (path == pathUsername()) return ChannelEditorDialog::tr("Username");
    if (path == pathPassword()) return ChannelEditorDialog::tr("Password");
    if (path == pathCodecs()) return ChannelEditorDialog::tr("Codecs");
    if (path == pathFailover()) return ChannelEditorDialog::tr("Failover targets");
    if (path == pathInterval()) return ChannelEditorDialog::tr("Interval");
    if (path == pathTimeout()) return ChannelEditorDialog::tr("Timeout");
    return path.isEmpty() ? ChannelEditorDialog::tr("the channel") : path;
}

// A spin box's number as typed, even when it is outside the box's range: the
// box keeps such text as "intermediate", and the validator then names the rule.
int typedValue(const QSpinBox *spin)
{
    bool ok = false;
    const int value = spin->cleanText().toInt(&ok);
    return ok ? value : spin->value();
}

// A spin box signals only acceptable values; its editor signals every keystroke,
// so an out-of-range number is reported while it is typed.
QLineEdit *spinEditor(QSpinBox *spin)
{
    return spin->findChild<QLineEdit *>();
}

// An ordered list with its buttons beside it and the "add" choice below, so the
// choice gets the whole width for long channel names.
QLayout *listWithButtons(QWidget *list, QComboBox *choice, const QList<QPushButton *> &addRemoveUpDown)
{
    auto *grid = new QGridLayout;
    grid->addWidget(list, 0, 0);
    auto *side = new QVBoxLayout;
    for (qsizetype i = 1; i < addRemoveUpDown.size(); ++i)
        side->addWidget(addRemoveUpDown.at(i));
    side->addStretch(1);
    grid->addLayout(side, 0, 1);
    grid->addWidget(choice, 1, 0);
    grid->addWidget(addRemoveUpDown.at(0), 1, 1);
    return grid;
}

QPushButton *smallButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    return button;
}

} // namespace

ChannelEditorDialog::ChannelEditorDialog(ApiClient *client, const QList<Channel> &channels, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_channels(channels)
{
    buildUi();
    startCreate(defaultDraft());
    if (m_client) {
        // A client destroyed mid-save never answers: say so instead of staying busy.
        connect(m_client, &QObject::destroyed, this, [this] {
            ++m_saveSeq;
            if (m_busy) {
                setBusy(false);
                m_generalError = tr("The connection to the tenant was closed while saving: the change may or may not "
                                    "have been made. Reconnect, refresh the table and check before saving again.");
            } else {
                m_generalError = tr("The connection to the tenant was closed: reconnect to save.");
            }
            refreshValidation();
        });
    }
}

ChannelEditorDialog::~ChannelEditorDialog() = default;

ChannelDraft ChannelEditorDialog::defaultDraft()
{
    ChannelDraft draft;
    draft.configuration.sipPort = kSipPortMin;
    draft.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("G722"), 2}, {QStringLiteral("PCMU"), 3}};
    return draft;
}

void ChannelEditorDialog::buildUi()
{
    setObjectName(QStringLiteral("channelEditor"));
    setMinimumWidth(900);
    // The invalid mark is a border *and* the message beside the field, so it
    // never relies on colour alone.
    setStyleSheet(QStringLiteral("*[ccInvalid=\"true\"] { border: 2px solid #c62828; border-radius: 3px; }"
                                 "QLabel#fieldMessage { color: #b71c1c; }"));

    auto *root = new QVBoxLayout(this);
    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    root->addWidget(m_titleLabel);

    m_generalMessage = new QLabel(this);
    m_generalMessage->setObjectName(QStringLiteral("generalMessage"));
    m_generalMessage->setWordWrap(true);
    m_generalMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generalMessage->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #7f1414; border: 1px solid #e57373; padding: 6px; }"));
    m_generalMessage->hide();
    root->addWidget(m_generalMessage);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);
    root->addLayout(columns);

    // General
    auto *general = new QGroupBox(tr("General"), this);
    auto *generalForm = new QFormLayout(general);
    m_nameEdit = new QLineEdit(general);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setPlaceholderText(tr("e.g. prod-voice-trunk-us-east-1"));
    m_nameEdit->setMaxLength(kNameMaxLength * 2); // long enough to show the rule rather than cut silently
    generalForm->addRow(tr("&Name:"), withMessage(m_nameEdit, pathName()));
    auto *typeLabel = new QLabel(QStringLiteral("SIP"), general);
    typeLabel->setToolTip(tr("The contract knows one channel type: sip"));
    generalForm->addRow(tr("Type:"), typeLabel);
    left->addWidget(general);

    // SIP trunk
    auto *trunk = new QGroupBox(tr("SIP trunk"), this);
    auto *trunkForm = new QFormLayout(trunk);
    m_serverEdit = new QLineEdit(trunk);
    m_serverEdit->setObjectName(QStringLiteral("sipServerEdit"));
    m_serverEdit->setPlaceholderText(tr("sip.carrier.example"));
    trunkForm->addRow(tr("SIP &server:"), withMessage(m_serverEdit, pathServer()));
    m_portSpin = new QSpinBox(trunk);
    m_portSpin->setObjectName(QStringLiteral("sipPortSpin"));
    // The box's range is wider than the rule so a typed number is kept as typed
    // and the validator says what is wrong, instead of the box clamping it.
    m_portSpin->setRange(0, 65535);
    m_portSpin->setGroupSeparatorShown(false);
    m_portSpin->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    m_portSpin->setToolTip(tr("%1 to %2").arg(kSipPortMin).arg(kSipPortMax));
    trunkForm->addRow(tr("SIP &port:"), withMessage(m_portSpin, pathPort()));
    m_usernameEdit = new QLineEdit(trunk);
    m_usernameEdit->setObjectName(QStringLiteral("usernameEdit"));
    trunkForm->addRow(tr("&Username:"), withMessage(m_usernameEdit, pathUsername()));
    auto *passwordRow = new QWidget(trunk);
    auto *passwordLayout = new QHBoxLayout(passwordRow);
    passwordLayout->setContentsMargins(0, 0, 0, 0);
    m_passwordEdit = new QLineEdit(passwordRow);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_revealButton = new QToolButton(passwordRow);
    m_revealButton->setObjectName(QStringLiteral("revealPasswordButton"));
    m_revealButton->setCheckable(true);
    m_revealButton->setText(tr("Show"));
    m_revealButton->setToolTip(tr("Show or hide the password as you type it"));
    passwordLayout->addWidget(m_passwordEdit, 1);
    passwordLayout->addWidget(m_revealButton);
    trunkForm->addRow(tr("Pass&word:"), withMessage(passwordRow, pathPassword()));
    m_fields[pathPassword()].field = m_passwordEdit;
    left->addWidget(trunk);

    // Health check
    auto *health = new QGroupBox(tr("Health check"), this);
    auto *healthForm = new QFormLayout(health);
    m_intervalSpin = new QSpinBox(health);
    m_intervalSpin->setObjectName(QStringLiteral("intervalSpin"));
    m_intervalSpin->setRange(0, 99999);
    m_intervalSpin->setSuffix(tr(" s"));
    m_intervalSpin->setToolTip(tr("%1 to %2 s").arg(kIntervalSecondsMin).arg(kIntervalSecondsMax));
    m_intervalSpin->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    healthForm->addRow(tr("&Interval:"), withMessage(m_intervalSpin, pathInterval()));
    m_timeoutSpin = new QSpinBox(health);
    m_timeoutSpin->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeoutSpin->setRange(0, 99999);
    m_timeoutSpin->setSuffix(tr(" s"));
    m_timeoutSpin->setToolTip(tr("%1 to %2 s, less than the interval").arg(kTimeoutSecondsMin).arg(kTimeoutSecondsMax));
    m_timeoutSpin->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    healthForm->addRow(tr("&Timeout:"), withMessage(m_timeoutSpin, pathTimeout()));
    left->addWidget(health);
    left->addStretch(1);

    // Codecs: the order is the priority, 1 first.
    auto *codecs = new QGroupBox(tr("Codecs (first is preferred)"), this);
    auto *codecLayout = new QVBoxLayout(codecs);
    m_codecList = new QListWidget(codecs);
    m_codecList->setObjectName(QStringLiteral("codecList"));
    m_codecList->setDragDropMode(QAbstractItemView::InternalMove);
    m_codecList->setDefaultDropAction(Qt::MoveAction);
    m_codecList->setToolTip(tr("Drag to reorder, or use Up and Down; priorities follow the order"));
    m_codecList->setMinimumHeight(100);
    m_codecList->setMaximumHeight(150);
    m_codecChoice = new QComboBox(codecs);
    m_codecChoice->setObjectName(QStringLiteral("codecChoice"));
    m_codecAdd = smallButton(tr("Add"), QStringLiteral("codecAddButton"), codecs);
    m_codecRemove = smallButton(tr("Remove"), QStringLiteral("codecRemoveButton"), codecs);
    m_codecUp = smallButton(tr("Up"), QStringLiteral("codecUpButton"), codecs);
    m_codecDown = smallButton(tr("Down"), QStringLiteral("codecDownButton"), codecs);
    codecLayout->addLayout(listWithButtons(withMessage(m_codecList, pathCodecs()), m_codecChoice,
                                           {m_codecAdd, m_codecRemove, m_codecUp, m_codecDown}));
    right->addWidget(codecs);

    // Failover: targets in the order they are tried.
    auto *failover = new QGroupBox(tr("Failover targets (tried in order)"), this);
    auto *failoverLayout = new QVBoxLayout(failover);
    m_failoverList = new QListWidget(failover);
    m_failoverList->setObjectName(QStringLiteral("failoverList"));
    m_failoverList->setDragDropMode(QAbstractItemView::InternalMove);
    m_failoverList->setDefaultDropAction(Qt::MoveAction);
    m_failoverList->setMinimumHeight(80);
    m_failoverList->setMaximumHeight(150);
    m_failoverSearch = new QLineEdit(failover);
    m_failoverSearch->setObjectName(QStringLiteral("failoverSearch"));
    m_failoverSearch->setAccessibleName(tr("Search failover targets"));
    m_failoverSearch->setPlaceholderText(tr("Search targets by name, id or status…"));
    m_failoverSearch->setClearButtonEnabled(true);
    failoverLayout->addWidget(m_failoverSearch);
    m_failoverChoice = new QComboBox(failover);
    m_failoverChoice->setObjectName(QStringLiteral("failoverChoice"));
    m_failoverChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_failoverChoice->setMinimumContentsLength(16);
    m_failoverAdd = smallButton(tr("Add"), QStringLiteral("failoverAddButton"), failover);
    m_failoverRemove = smallButton(tr("Remove"), QStringLiteral("failoverRemoveButton"), failover);
    m_failoverUp = smallButton(tr("Up"), QStringLiteral("failoverUpButton"), failover);
    m_failoverDown = smallButton(tr("Down"), QStringLiteral("failoverDownButton"), failover);
    failoverLayout->addLayout(listWithButtons(withMessage(m_failoverList, pathFailover()), m_failoverChoice,
                                              {m_failoverAdd, m_failoverRemove, m_failoverUp, m_failoverDown}));
    right->addWidget(failover);

    // A 412 stops here and asks; the user's edits stay in the form meanwhile.
    m_conflictBar = new QWidget(this);
    m_conflictBar->setObjectName(QStringLiteral("conflictBar"));
    m_conflictBar->setStyleSheet(QStringLiteral("#conflictBar { background: #fff4e5; border: 1px solid #e8a317; }"));
    m_conflictBar->setAttribute(Qt::WA_StyledBackground);
    auto *conflictLayout = new QHBoxLayout(m_conflictBar);
    m_conflictText = new QLabel(m_conflictBar);
    m_conflictText->setWordWrap(true);
    conflictLayout->addWidget(m_conflictText, 1);
    auto *reloadButton = smallButton(tr("Reload (discard my edits)"), QStringLiteral("reloadButton"), m_conflictBar);
    auto *overwriteButton = smallButton(tr("Overwrite with my edits"), QStringLiteral("overwriteButton"), m_conflictBar);
    conflictLayout->addWidget(reloadButton);
    conflictLayout->addWidget(overwriteButton);
    m_conflictBar->hide();
    root->addWidget(m_conflictBar);
    connect(reloadButton, &QPushButton::clicked, this, &ChannelEditorDialog::reloadFromTenant);
    connect(overwriteButton, &QPushButton::clicked, this, &ChannelEditorDialog::overwriteTenant);

    auto *bottom = new QHBoxLayout;
    m_busyLabel = new QLabel(this);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    bottom->addWidget(m_busyLabel, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    bottom->addWidget(m_buttons);
    root->addLayout(bottom);

    // Room for a 64-character name and a long host without scrolling sideways.
    const int textWidth = fontMetrics().horizontalAdvance(QLatin1Char('m')) * 26;
    for (QWidget *edit : {static_cast<QWidget *>(m_nameEdit), static_cast<QWidget *>(m_serverEdit),
                          static_cast<QWidget *>(m_usernameEdit)})
        edit->setMinimumWidth(textWidth);

    // Every edit revalidates and drops the tenant's complaint about that field.
    connect(m_nameEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathName()); });
    connect(m_serverEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathServer()); });
    connect(spinEditor(m_portSpin), &QLineEdit::textChanged, this, [this] { fieldEdited(pathPort()); });
    connect(m_usernameEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathUsername()); });
    connect(m_passwordEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathPassword()); });
    connect(spinEditor(m_intervalSpin), &QLineEdit::textChanged, this, [this] {
        fieldEdited(pathInterval());
        fieldEdited(pathTimeout()); // the timeout's rule depends on the interval
    });
    connect(spinEditor(m_timeoutSpin), &QLineEdit::textChanged, this, [this] { fieldEdited(pathTimeout()); });
    connect(m_revealButton, &QToolButton::toggled, this, [this](bool shown) {
        m_passwordEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_revealButton->setText(shown ? tr("Hide") : tr("Show"));
    });

    connect(m_codecList->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        renumberCodecs();
        fieldEdited(pathCodecs());
    });
    connect(m_codecList, &QListWidget::currentRowChanged, this, &ChannelEditorDialog::updateButtons);
    connect(m_codecAdd, &QPushButton::clicked, this, [this] {
        const QString name = m_codecChoice->currentText();
        if (name.isEmpty())
            return;
        auto *item = new QListWidgetItem(m_codecList);
        item->setData(kIdRole, name);
        m_codecList->setCurrentItem(item);
        renumberCodecs();
        refreshCodecChoices();
        fieldEdited(pathCodecs());
    });
    connect(m_codecRemove, &QPushButton::clicked, this, [this] {
        delete m_codecList->currentItem();
        renumberCodecs();
        refreshCodecChoices();
        fieldEdited(pathCodecs());
    });
    connect(m_codecUp, &QPushButton::clicked, this, [this] { moveCurrent(m_codecList, -1); });
    connect(m_codecDown, &QPushButton::clicked, this, [this] { moveCurrent(m_codecList, +1); });

    connect(m_failoverList->model(), &QAbstractItemModel::rowsMoved, this, [this] { fieldEdited(pathFailover()); });
    connect(m_failoverList, &QListWidget::currentRowChanged, this, &ChannelEditorDialog::updateButtons);
    connect(m_failoverAdd, &QPushButton::clicked, this, [this] {
        const QString id = m_failoverChoice->currentData().toString();
        if (id.isEmpty())
            return;
        auto *item = new QListWidgetItem(m_failoverChoice->currentText(), m_failoverList);
        item->setData(kIdRole, id);
        m_failoverList->setCurrentItem(item);
        refreshFailoverChoices();
        fieldEdited(pathFailover());
    });
    connect(m_failoverRemove, &QPushButton::clicked, this, [this] {
        delete m_failoverList->currentItem();
        refreshFailoverChoices();
        fieldEdited(pathFailover());
    });
    connect(m_failoverSearch, &QLineEdit::textChanged, this, &ChannelEditorDialog::refreshFailoverChoices);
    connect(m_failoverUp, &QPushButton::clicked, this, [this] { moveCurrent(m_failoverList, -1); });
    connect(m_failoverDown, &QPushButton::clicked, this, [this] { moveCurrent(m_failoverList, +1); });

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &ChannelEditorDialog::save);
}

QWidget *ChannelEditorDialog::withMessage(QWidget *field, const QString &path)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field->setParent(box);
    layout->addWidget(field);
    auto *message = new QLabel(box);
    message->setObjectName(QStringLiteral("fieldMessage"));
    message->setProperty("ccField", path);
    message->setWordWrap(true);
    // The room for a one-line message is kept while there is none, so the form
    // does not move under the pointer as errors come and go.
    QSizePolicy policy = message->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    message->setSizePolicy(policy);
    message->setMinimumHeight(message->fontMetrics().lineSpacing());
    message->hide();
    layout->addWidget(message);
    m_fields.insert(path, FieldView{field, message});
    return box;
}

void ChannelEditorDialog::setOperations(ChannelOperations *operations)
{
    m_operations = operations;
}

ChannelOperations *ChannelEditorDialog::operations()
{
    if (!m_operations && m_client)
        m_operations = new ChannelOperations(m_client, nullptr, AuditRecorder(), QString(), m_client);
    return m_operations;
}

void ChannelEditorDialog::startCreate(const ChannelDraft &draft, const QString &duplicateOf)
{
    m_mode = Mode::Create;
    m_duplicateOf = duplicateOf;
    m_channelId.clear();
    m_version = 0;
    setWindowTitle(tr("New channel"));
    m_titleLabel->setText(tr("New channel"));
    m_passwordEdit->setPlaceholderText(tr("Required"));
    m_judgeAll = !draft.name.isEmpty();   // a duplicate: what it lacks is said at once
    loadDraft(draft);
}

void ChannelEditorDialog::startEdit(const Channel &channel)
{
    m_mode = Mode::Edit;
    m_channelId = channel.id;
    m_version = channel.version;
    setWindowTitle(tr("Edit %1").arg(channel.name));
    m_titleLabel->setText(tr("Edit %1 (%2, version %3)").arg(channel.name, channel.id).arg(channel.version));
    // The tenant never returns the password: empty means "keep the current one".
    m_passwordEdit->setPlaceholderText(tr("Leave empty to keep the current password"));
    m_judgeAll = true;
    loadDraft(channel.toDraft());
}

void ChannelEditorDialog::loadDraft(const ChannelDraft &draft)
{
    m_loading = true;
    ++m_saveSeq; // an answer still on its way belongs to what was there before
    showConflict(false);
    m_base = draft;
    m_tenantErrors.clear();
    m_generalError.clear();
    m_touched.clear();
    m_nameEdit->setText(draft.name);
    m_serverEdit->setText(draft.configuration.sipServer);
    m_portSpin->setValue(draft.configuration.sipPort);
    m_usernameEdit->setText(draft.configuration.username);
    m_passwordEdit->setText(draft.configuration.password.value_or(QString()));
    m_intervalSpin->setValue(draft.healthCheck.intervalSeconds);
    m_timeoutSpin->setValue(draft.healthCheck.timeoutSeconds);

    m_codecList->clear();
    QList<Codec> codecs = draft.configuration.codecs;
    std::stable_sort(codecs.begin(), codecs.end(), [](const Codec &a, const Codec &b) { return a.priority < b.priority; });
    for (const Codec &codec : codecs) {
        auto *item = new QListWidgetItem(m_codecList);
        item->setData(kIdRole, codec.name);
    }
    renumberCodecs();

    m_failoverList->clear();
    for (const QString &id : draft.failoverChannels) {
        auto it = std::find_if(m_channels.cbegin(), m_channels.cend(), [&id](const Channel &c) { return c.id == id; });
        const QString label = it != m_channels.cend() ? QStringLiteral("%1 (%2)").arg(it->name, id) : id;
        auto *item = new QListWidgetItem(label, m_failoverList);
        item->setData(kIdRole, id);
    }
    refreshCodecChoices();
    refreshFailoverChoices();
    m_loading = false;
    refreshValidation();
}

ChannelDraft ChannelEditorDialog::draft() const
{
    ChannelDraft draft = m_base;
    draft.name = m_nameEdit->text();
    draft.configuration.sipServer = m_serverEdit->text().trimmed();
    draft.configuration.sipPort = typedValue(m_portSpin);
    draft.configuration.username = m_usernameEdit->text();
    const QString password = m_passwordEdit->text();
    if (m_mode == Mode::Edit && password.isEmpty())
        draft.configuration.password.reset();
    else
        draft.configuration.password = password;
    draft.configuration.codecs.clear();
    for (int row = 0; row < m_codecList->count(); ++row)
        draft.configuration.codecs.append({m_codecList->item(row)->data(kIdRole).toString(), row + 1});
    draft.failoverChannels.clear();
    for (int row = 0; row < m_failoverList->count(); ++row)
        draft.failoverChannels.append(m_failoverList->item(row)->data(kIdRole).toString());
    draft.healthCheck.intervalSeconds = typedValue(m_intervalSpin);
    draft.healthCheck.timeoutSeconds = typedValue(m_timeoutSpin);
    return draft;
}

FieldErrors ChannelEditorDialog::validationErrors() const
{
    ValidationContext context;
    context.mode = m_mode == Mode::Create ? ValidationContext::Mode::Create : ValidationContext::Mode::Update;
    context.selfId = m_channelId;
    QSet<QString> ids;
    for (const Channel &channel : m_channels)
        ids.insert(channel.id);
    context.existingIds = ids;
    return validateChannelDraft(draft(), context);
}

QString ChannelEditorDialog::messageFor(const QString &field) const
{
    const auto it = m_fields.constFind(field);
    if (it == m_fields.cend() || it->message->isHidden())
        return {};
    return it->message->text();
}

QString ChannelEditorDialog::pathOwning(const QString &field) const
{
    // The most specific known path that is `field` or lies above it:
    // configuration.codecs[1].priority belongs to configuration.codecs.
    QString best;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString &path = it.key();
        const bool covers = field == path || field.startsWith(path + QLatin1Char('.')) || field.startsWith(path + QLatin1Char('['));
        if (covers && path.size() > best.size())
            best = path;
    }
    return best;
}

void ChannelEditorDialog::fieldEdited(const QString &path)
{
    if (m_loading)
        return;
    m_touched.insert(path);
    // The tenant's complaint about this field no longer describes what is typed.
    m_tenantErrors.erase(std::remove_if(m_tenantErrors.begin(), m_tenantErrors.end(),
                                        [this, &path](const FieldError &e) { return pathOwning(e.field) == path; }),
                         m_tenantErrors.end());
    m_generalError.clear();
    refreshValidation();
}

void ChannelEditorDialog::refreshValidation()
{
    if (m_loading)
        return;
    FieldErrors all = validationErrors();
    all.append(m_tenantErrors);
    showErrors(all);
    updateButtons();
}

QString ChannelEditorDialog::asShown(const QString &message) const
{
    QString text = message;
    text.replace(QLatin1String(api::kKeyIntervalSeconds), tr("the interval"));
    text.replace(QLatin1String(api::kKeyTimeoutSeconds), tr("the timeout"));
    return text;
}

void ChannelEditorDialog::showErrors(const FieldErrors &errors)
{
    QHash<QString, QStringList> byPath;
    QStringList unplaced;
    for (const FieldError &error : errors) {
        const QString owner = pathOwning(error.field);
        // A new channel's fields are judged once the user has edited them; the
        // tenant's answer and an existing channel's fields always.
        const bool tenants = m_tenantErrors.contains(error);
        if (!m_judgeAll && !tenants && !owner.isEmpty() && !m_touched.contains(owner))
            continue;
        // A sub-path's message names which element it is about.
        const QString message = asShown(error.message);
        const QString text = owner == error.field ? message : QStringLiteral("%1: %2").arg(error.field.mid(owner.size() + 1), message);
        if (owner.isEmpty())
            unplaced.append(QStringLiteral("%1: %2").arg(error.field, error.message));
        else if (!byPath[owner].contains(text))
            byPath[owner].append(text);
    }
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const QStringList messages = byPath.value(it.key());
        const bool invalid = !messages.isEmpty();
        it->message->setText(messages.join(QLatin1Char('\n')));
        it->message->setVisible(invalid);
        if (it->field->property("ccInvalid").toBool() != invalid) {
            it->field->setProperty("ccInvalid", invalid);
            it->field->style()->unpolish(it->field);
            it->field->style()->polish(it->field);
        }
        it->field->setAccessibleDescription(messages.join(QLatin1Char(' ')));
    }
    if (!m_generalError.isEmpty())
        unplaced.prepend(m_generalError);
    m_generalMessage->setText(unplaced.join(QLatin1Char('\n')));
    m_generalMessage->setVisible(!unplaced.isEmpty());
}

void ChannelEditorDialog::renumberCodecs()
{
    for (int row = 0; row < m_codecList->count(); ++row) {
        QListWidgetItem *item = m_codecList->item(row);
        item->setText(QStringLiteral("%1.  %2").arg(row + 1).arg(item->data(kIdRole).toString()));
    }
}

void ChannelEditorDialog::refreshCodecChoices()
{
    QSet<QString> used;
    for (int row = 0; row < m_codecList->count(); ++row)
        used.insert(m_codecList->item(row)->data(kIdRole).toString());
    m_codecChoice->clear();
    for (const QString &name : knownCodecNames()) {
        if (!used.contains(name))
            m_codecChoice->addItem(name);
    }
    updateButtons();
}

void ChannelEditorDialog::refreshFailoverChoices()
{
    QSet<QString> used;
    for (int row = 0; row < m_failoverList->count(); ++row)
        used.insert(m_failoverList->item(row)->data(kIdRole).toString());
    const QString wanted = m_failoverSearch->text().trimmed();
    QList<const Channel *> offered;
    for (const Channel &channel : std::as_const(m_channels)) {
        // Never the channel itself, never one already listed.
        if (channel.id == m_channelId || used.contains(channel.id))
            continue;
        if (!wanted.isEmpty() && !channel.name.contains(wanted, Qt::CaseInsensitive)
            && !channel.id.contains(wanted, Qt::CaseInsensitive)
            && !statusText(channel.status).contains(wanted, Qt::CaseInsensitive))
            continue;
        offered.append(&channel);
    }
    std::sort(offered.begin(), offered.end(), [](const Channel *a, const Channel *b) {
        const int byName = a->name.compare(b->name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a->id < b->id;
    });
    const QString current = m_failoverChoice->currentData().toString();
    m_failoverChoice->clear();
    for (const Channel *channel : std::as_const(offered))
        m_failoverChoice->addItem(statusIcon(channel->status),
                                  tr("%1 (%2) · %3").arg(channel->name, channel->id, statusText(channel->status)), channel->id);
    const int keep = m_failoverChoice->findData(current);
    if (keep >= 0)
        m_failoverChoice->setCurrentIndex(keep);
    updateButtons();
}

void ChannelEditorDialog::moveCurrent(QListWidget *list, int delta)
{
    const int row = list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= list->count())
        return;
    QListWidgetItem *item = list->takeItem(row);
    list->insertItem(target, item);
    list->setCurrentRow(target);
    if (list == m_codecList) {
        renumberCodecs();
        fieldEdited(pathCodecs());
    } else {
        fieldEdited(pathFailover());
    }
}

void ChannelEditorDialog::updateButtons()
{
    const int codecRow = m_codecList->currentRow();
    m_codecAdd->setEnabled(!m_busy && m_codecChoice->count() > 0);
    m_codecRemove->setEnabled(!m_busy && codecRow >= 0);
    m_codecUp->setEnabled(!m_busy && codecRow > 0);
    m_codecDown->setEnabled(!m_busy && codecRow >= 0 && codecRow + 1 < m_codecList->count());
    const int failoverRow = m_failoverList->currentRow();
    m_failoverAdd->setEnabled(!m_busy && m_failoverChoice->count() > 0);
    m_failoverRemove->setEnabled(!m_busy && failoverRow >= 0);
    m_failoverUp->setEnabled(!m_busy && failoverRow > 0);
    m_failoverDown->setEnabled(!m_busy && failoverRow >= 0 && failoverRow + 1 < m_failoverList->count());

    const bool invalid = !validationErrors().isEmpty() || !m_tenantErrors.isEmpty();
    m_saveButton->setEnabled(!m_busy && !invalid && m_client != nullptr);
    if (m_client == nullptr)
        m_saveButton->setToolTip(tr("Not connected to a tenant: connect first (File > Connect)"));
    else if (invalid) {
        // Untouched fields of a new channel are not red yet: name what is missing.
        QStringList fields;
        for (const FieldError &error : validationErrors() + m_tenantErrors) {
            const QString label = fieldLabel(pathOwning(error.field));
            if (!fields.contains(label))
                fields.append(label);
        }
        m_saveButton->setToolTip(tr("Fill in or fix first: %1").arg(fields.join(QStringLiteral(", "))));
    }
    else
        m_saveButton->setToolTip(QString());
}

void ChannelEditorDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_busyLabel->setText(text);
    for (const FieldView &view : std::as_const(m_fields))
        view.field->setEnabled(!busy);
    m_revealButton->setEnabled(!busy);
    m_codecChoice->setEnabled(!busy);
    m_failoverChoice->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    updateButtons();
}

void ChannelEditorDialog::save()
{
    if (m_busy || m_client == nullptr || !validationErrors().isEmpty() || !m_tenantErrors.isEmpty())
        return;
    sendSave(m_mode == Mode::Edit ? std::optional<qint64>(m_version) : std::nullopt);
}

void ChannelEditorDialog::sendSave(std::optional<qint64> ifMatchVersion)
{
    const ChannelDraft sent = draft();
    const quint64 seq = ++m_saveSeq;
    showConflict(false);
    m_generalError.clear();
    setBusy(true, m_mode == Mode::Create ? tr("Creating the channel on the tenant…") : tr("Saving your changes…"));
    // The operations send it and record its entry, as cxonectl's commands do.
    ChannelOperations *ops = operations();
    Reply<Recorded<Channel>> *reply = m_mode == Mode::Edit ? ops->edit(m_channelId, m_base, sent, ifMatchVersion.value_or(m_version))
                                      : m_duplicateOf.isEmpty() ? ops->create(sent)
                                                                : ops->duplicate(m_duplicateOf, sent);
    reply->onFinished(this, [this, seq](const ApiResult<Recorded<Channel>> &result) {
        if (seq != m_saveSeq)
            return;
        setBusy(false);
        if (!result.ok()) {
            handleSaveFailure(*result.error);
            return;
        }
        emit channelSaved(result.value->value);
        accept();
    });
}

void ChannelEditorDialog::handleSaveFailure(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Conflict && error.httpStatus == 412) {
        showConflict(true);
        refreshValidation();
        return;
    }
    if (error.kind == ApiError::Kind::Validation && !error.details.isEmpty()) {
        // The tenant names the fields: they are marked where the user types.
        m_tenantErrors = error.details;
        m_generalError = tr("The tenant refused the channel: fix the marked fields and save again.");
    } else {
        m_generalError = error.text();
    }
    refreshValidation();
}

void ChannelEditorDialog::showConflict(bool shown)
{
    if (shown) {
        m_conflictText->setText(tr("Someone changed this channel on the tenant after you opened it "
                                   "(you edited version %1). Your edits are still in the form: reload the "
                                   "tenant's version (your edits are discarded) or overwrite it with yours.")
                                    .arg(m_version));
    }
    m_conflictBar->setVisible(shown);
}

void ChannelEditorDialog::reloadFromTenant()
{
    fetchTenantVersion(tr("Loading the tenant's version…"), [this](const Channel &current) { startEdit(current); });
}

void ChannelEditorDialog::overwriteTenant()
{
    fetchTenantVersion(tr("Reading the tenant's current version…"), [this](const Channel &current) {
        // Overwrite exactly the version the user was told about, no later one.
        m_version = current.version;
        sendSave(m_version);
    });
}

void ChannelEditorDialog::fetchTenantVersion(const QString &busyText, std::function<void(const Channel &)> onLoaded)
{
    if (!m_client)
        return;
    const quint64 seq = ++m_saveSeq;
    setBusy(true, busyText);
    m_client->getChannel(m_channelId)->onFinished(this, [this, seq, onLoaded = std::move(onLoaded)](const ApiResult<Channel> &result) {
        if (seq != m_saveSeq)
            return;
        setBusy(false);
        if (!result.ok()) {
            m_generalError = result.error->text();
            refreshValidation();
            return;
        }
        onLoaded(*result.value);
    });
}

} // namespace cc::ui
