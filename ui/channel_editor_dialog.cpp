#include "channel_editor_dialog.h"

#include "api/contract.h"
#include "client/api_client.h"
#include "model/json_reader.h"
#include "operations/channel_operations.h"
#include "ordered_list_editor.h"
#include "status_presentation.h"
#include "ui_channel_editor_dialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>

namespace cc::ui {

namespace {

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

} // namespace

ChannelEditorDialog::ChannelEditorDialog(ApiClient *client, const QList<Channel> &channels, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_channels(channels)
    , m_ui(std::make_unique<Ui::ChannelEditorDialog>())
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
    m_ui->setupUi(this);
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->conflictBar->setAttribute(Qt::WA_StyledBackground);
    m_saveButton = m_ui->buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));

    // What quotes the contract's limits.
    m_ui->nameEdit->setMaxLength(kNameMaxLength * 2); // long enough to show the rule rather than cut silently
    m_ui->sipPortSpin->setToolTip(tr("%1 to %2").arg(kSipPortMin).arg(kSipPortMax));
    m_ui->intervalSpin->setToolTip(tr("%1 to %2 s").arg(kIntervalSecondsMin).arg(kIntervalSecondsMax));
    m_ui->timeoutSpin->setToolTip(tr("%1 to %2 s, less than the interval").arg(kTimeoutSecondsMin).arg(kTimeoutSecondsMax));
    // Room for a 64-character name and a long host without scrolling sideways.
    const int textWidth = fontMetrics().horizontalAdvance(QLatin1Char('m')) * 26;
    for (QWidget *edit : {m_ui->nameEdit, m_ui->sipServerEdit, m_ui->usernameEdit})
        edit->setMinimumWidth(textWidth);

    // Codecs: the order is the priority, 1 first.
    OrderedListEditor *codecs = m_ui->codecs;
    codecs->setNames(QStringLiteral("codec"), tr("codec"), tr("Codecs"));
    codecs->setNumbered(true);
    codecs->list()->setToolTip(tr("Drag to reorder, or use Up and Down; priorities follow the order"));
    codecs->list()->setMinimumHeight(100);
    codecs->list()->setMaximumHeight(150);
    QList<OrderedListEditor::Entry> known;
    for (const QString &name : knownCodecNames())
        known.append({name, name, {}});
    codecs->setCandidates(known);
    // Failover: targets in the order they are tried.
    OrderedListEditor *failovers = m_ui->failovers;
    failovers->setNames(QStringLiteral("failover"), tr("failover target"), tr("Failover targets"));
    failovers->list()->setMinimumHeight(80);
    failovers->list()->setMaximumHeight(150);
    failovers->choice()->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    failovers->choice()->setMinimumContentsLength(16);
    // The search narrows what Add offers: it comes after the list, right before the choice.
    setTabOrder(failovers->list(), m_ui->failoverSearch);

    addMessage(m_ui->nameEdit, m_ui->nameBox, pathName());
    addMessage(m_ui->sipServerEdit, m_ui->sipServerBox, pathServer());
    addMessage(m_ui->sipPortSpin, m_ui->sipPortBox, pathPort());
    addMessage(m_ui->usernameEdit, m_ui->usernameBox, pathUsername());
    addMessage(m_ui->passwordEdit, m_ui->passwordBox, pathPassword());
    addMessage(m_ui->intervalSpin, m_ui->intervalBox, pathInterval());
    addMessage(m_ui->timeoutSpin, m_ui->timeoutBox, pathTimeout());
    addMessage(codecs->list(), nullptr, pathCodecs());
    addMessage(failovers->list(), nullptr, pathFailover());

    // Every edit revalidates and drops the tenant's complaint about that field.
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathName()); });
    connect(m_ui->sipServerEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathServer()); });
    connect(spinEditor(m_ui->sipPortSpin), &QLineEdit::textChanged, this, [this] { fieldEdited(pathPort()); });
    connect(m_ui->usernameEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathUsername()); });
    connect(m_ui->passwordEdit, &QLineEdit::textChanged, this, [this] { fieldEdited(pathPassword()); });
    connect(spinEditor(m_ui->intervalSpin), &QLineEdit::textChanged, this, [this] {
        fieldEdited(pathInterval());
        fieldEdited(pathTimeout()); // the timeout's rule depends on the interval
    });
    connect(spinEditor(m_ui->timeoutSpin), &QLineEdit::textChanged, this, [this] { fieldEdited(pathTimeout()); });
    connect(m_ui->revealPasswordButton, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->passwordEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->revealPasswordButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(codecs, &OrderedListEditor::changed, this, [this] { fieldEdited(pathCodecs()); });
    connect(failovers, &OrderedListEditor::changed, this, [this] { fieldEdited(pathFailover()); });
    connect(m_ui->failoverSearch, &QLineEdit::textChanged, this, &ChannelEditorDialog::refreshFailoverChoices);

    connect(m_ui->reloadButton, &QPushButton::clicked, this, &ChannelEditorDialog::reloadFromTenant);
    connect(m_ui->overwriteButton, &QPushButton::clicked, this, &ChannelEditorDialog::overwriteTenant);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &ChannelEditorDialog::save);
}

void ChannelEditorDialog::addMessage(QWidget *field, QWidget *box, const QString &path)
{
    auto *message = new QLabel(this);
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
    // Under the field, in the box the form keeps for it, or under a list.
    if (box != nullptr)
        box->layout()->addWidget(message);
    else
        qobject_cast<OrderedListEditor *>(field->parentWidget())->addBelowList(message);
    m_fields.insert(path, FieldView{field, message});
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
    m_ui->titleLabel->setText(tr("New channel"));
    m_ui->passwordEdit->setPlaceholderText(tr("Required"));
    m_judgeAll = !draft.name.isEmpty();   // a duplicate: what it lacks is said at once
    loadDraft(draft);
}

void ChannelEditorDialog::startEdit(const Channel &channel)
{
    m_mode = Mode::Edit;
    m_channelId = channel.id;
    m_version = channel.version;
    setWindowTitle(tr("Edit %1").arg(channel.name));
    m_ui->titleLabel->setText(tr("Edit %1 (%2, version %3)").arg(channel.name, channel.id).arg(channel.version));
    // The tenant never returns the password: empty means "keep the current one".
    m_ui->passwordEdit->setPlaceholderText(tr("Leave empty to keep the current password"));
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
    m_ui->nameEdit->setText(draft.name);
    m_ui->sipServerEdit->setText(draft.configuration.sipServer);
    m_ui->sipPortSpin->setValue(draft.configuration.sipPort);
    m_ui->usernameEdit->setText(draft.configuration.username);
    m_ui->passwordEdit->setText(draft.configuration.password.value_or(QString()));
    m_ui->intervalSpin->setValue(draft.healthCheck.intervalSeconds);
    m_ui->timeoutSpin->setValue(draft.healthCheck.timeoutSeconds);

    QList<Codec> codecs = draft.configuration.codecs;
    std::stable_sort(codecs.begin(), codecs.end(), [](const Codec &a, const Codec &b) { return a.priority < b.priority; });
    QList<OrderedListEditor::Entry> codecEntries;
    for (const Codec &codec : codecs)
        codecEntries.append({codec.name, codec.name, {}});
    m_ui->codecs->setEntries(codecEntries);

    QList<OrderedListEditor::Entry> targets;
    for (const QString &id : draft.failoverChannels) {
        auto it = std::find_if(m_channels.cbegin(), m_channels.cend(), [&id](const Channel &c) { return c.id == id; });
        targets.append({id, it != m_channels.cend() ? QStringLiteral("%1 (%2)").arg(it->name, id) : id, {}});
    }
    m_ui->failovers->setEntries(targets);
    refreshFailoverChoices();
    m_loading = false;
    refreshValidation();
}

ChannelDraft ChannelEditorDialog::draft() const
{
    ChannelDraft draft = m_base;
    draft.name = m_ui->nameEdit->text();
    draft.configuration.sipServer = m_ui->sipServerEdit->text().trimmed();
    draft.configuration.sipPort = typedValue(m_ui->sipPortSpin);
    draft.configuration.username = m_ui->usernameEdit->text();
    const QString password = m_ui->passwordEdit->text();
    if (m_mode == Mode::Edit && password.isEmpty())
        draft.configuration.password.reset();
    else
        draft.configuration.password = password;
    draft.configuration.codecs.clear();
    const QStringList codecs = m_ui->codecs->ids();
    for (qsizetype i = 0; i < codecs.size(); ++i)
        draft.configuration.codecs.append({codecs.at(i), static_cast<int>(i) + 1});
    draft.failoverChannels = m_ui->failovers->ids();
    draft.healthCheck.intervalSeconds = typedValue(m_ui->intervalSpin);
    draft.healthCheck.timeoutSeconds = typedValue(m_ui->timeoutSpin);
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
    m_ui->generalMessage->setText(unplaced.join(QLatin1Char('\n')));
    m_ui->generalMessage->setVisible(!unplaced.isEmpty());
}

void ChannelEditorDialog::refreshFailoverChoices()
{
    const QString wanted = m_ui->failoverSearch->text().trimmed();
    QList<const Channel *> offered;
    for (const Channel &channel : std::as_const(m_channels)) {
        // Never the channel itself (the list leaves out the ones already in it).
        if (channel.id == m_channelId)
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
    QList<OrderedListEditor::Entry> candidates;
    for (const Channel *channel : std::as_const(offered))
        candidates.append({channel->id, tr("%1 (%2) · %3").arg(channel->name, channel->id, statusText(channel->status)),
                           statusIcon(channel->status)});
    m_ui->failovers->setCandidates(candidates);
}

void ChannelEditorDialog::updateButtons()
{
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
    m_ui->busyLabel->setText(text);
    for (const FieldView &view : std::as_const(m_fields))
        view.field->setEnabled(!busy);
    m_ui->revealPasswordButton->setEnabled(!busy);
    m_ui->codecs->setEnabled(!busy);
    m_ui->failovers->setEnabled(!busy);
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
        m_ui->conflictText->setText(tr("Someone changed this channel on the tenant after you opened it "
                                        "(you edited version %1). Your edits are still in the form: reload the "
                                        "tenant's version (your edits are discarded) or overwrite it with yours.")
                                         .arg(m_version));
    }
    m_ui->conflictBar->setVisible(shown);
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
