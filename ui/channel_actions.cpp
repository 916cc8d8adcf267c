#include "channel_actions.h"

#include "audit_gate_prompt.h"
#include "channel_editor_dialog.h"
#include "channel_table_model.h"
#include "channels_page.h"
#include "main_window.h"
#include "status_presentation.h"

#include "audit/audit_log.h"
#include "client/api_client.h"
#include "monitor/monitor.h"
#include "operations/action_record.h"
#include "session/tenant_session.h"

#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace cc::ui {

namespace {

QString healthText(HealthState state)
{
    switch (state) {
    case HealthState::Up: return ChannelActions::tr("up");
    case HealthState::Down: return ChannelActions::tr("down");
    case HealthState::Unknown: return ChannelActions::tr("unknown");
    }
    return {};
}

} // namespace

ChannelActions::ChannelActions(MainWindow *window, ChannelsPage *channels, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_channels(channels)
{
}

ChannelActions::~ChannelActions() = default;

void ChannelActions::setSession(TenantSession *session)
{
    delete m_operations;
    m_operations = nullptr;
    m_monitor = session ? session->monitor() : nullptr;
    m_audit = session ? session->audit() : nullptr;
    if (session)
        m_operations = new ChannelOperations(session->client(), session->monitor(), queuedRecorder(session->audit()),
                                             session->tenantName(), this);
}

ChannelEditorDialog *ChannelActions::editor() const
{
    return m_editor.data();
}

ChannelTableModel *ChannelActions::model() const
{
    return m_channels->model();
}

QString ChannelActions::label(const QString &id) const
{
    const Channel *channel = model()->channelById(id);
    return channel ? QStringLiteral("%1 (%2)").arg(channel->name, id) : id;
}

void ChannelActions::showMessage(const QString &text, int timeoutMs) const
{
    m_window->statusBar()->showMessage(text, timeoutMs);
}

bool ChannelActions::refusedByTrail(const QString &what) const
{
    return refuseWithoutAuditTrail(m_window, m_audit ? m_audit->gate() : nullptr, what);
}

bool ChannelActions::raiseOpenEditor()
{
    if (m_editor.isNull() || !m_editor->isVisible())
        return false;
    m_editor->raise();
    m_editor->activateWindow();
    return true;
}

void ChannelActions::newChannel()
{
    if (!m_operations || raiseOpenEditor())
        return;
    openEditor(EditorStart::Create, Channel{}, ChannelEditorDialog::defaultDraft());
}

void ChannelActions::editChannel(const QString &id)
{
    const Channel *channel = model()->channelById(id);
    if (!m_operations || channel == nullptr || raiseOpenEditor())
        return;
    // The table may be a cycle behind (the monitor updates statuses, not
    // versions): the editor starts from the tenant's current version, so a save
    // meets a 412 only when someone really changed the channel meanwhile.
    const Channel fallback = *channel;
    showMessage(tr("Opening %1…").arg(label(id)));
    m_operations->client()->getChannel(id)->onFinished(this, [this, fallback](const ApiResult<Channel> &result) {
        m_window->statusBar()->clearMessage();
        if (result.ok()) {
            model()->upsertChannel(*result.value);
            openEditor(EditorStart::Edit, *result.value);
            return;
        }
        if (result.error->kind == ApiError::Kind::NotFound) {
            model()->removeChannel(fallback.id);
            showMessage(tr("%1 no longer exists on the tenant").arg(fallback.name), 8000);
            return;
        }
        showMessage(tr("Could not read the current version (%1): editing the one in the table").arg(result.error->text()), 8000);
        openEditor(EditorStart::Edit, fallback);
    });
}

void ChannelActions::duplicateChannel(const QString &id)
{
    const Channel *channel = model()->channelById(id);
    if (!m_operations || channel == nullptr || raiseOpenEditor())
        return;
    ChannelDraft draft = channel->toDraft();
    draft.name = tr("%1-copy").arg(channel->name).left(kNameMaxLength);
    // The tenant never returns the password: the copy needs one typed in.
    draft.configuration.password.reset();
    openEditor(EditorStart::Duplicate, *channel, draft);
}

void ChannelActions::openEditor(EditorStart start, const Channel &channel, const ChannelDraft &draft)
{
    auto *dialog = new ChannelEditorDialog(m_operations->client(), model()->channels(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOperations(m_operations);
    if (start == EditorStart::Edit) {
        dialog->startEdit(channel);
    } else {
        dialog->startCreate(draft, start == EditorStart::Duplicate ? channel.id : QString());
        if (start == EditorStart::Duplicate)
            dialog->setWindowTitle(tr("Duplicate %1").arg(channel.name));
    }
    connect(dialog, &ChannelEditorDialog::channelSaved, this, [this, start](const Channel &saved) {
        model()->upsertChannel(saved);
        if (start != EditorStart::Edit)
            m_channels->selectChannel(saved.id);
        if (start == EditorStart::Create)
            showMessage(tr("Created %1").arg(label(saved.id)), 6000);
        else if (start == EditorStart::Edit)
            showMessage(tr("Saved %1 (version %2)").arg(label(saved.id)).arg(saved.version), 6000);
    });
    m_editor = dialog;
    dialog->open();
    if (start == EditorStart::Edit)
        emit editorOpened(dialog);
}

void ChannelActions::deleteChannel(const QString &id)
{
    if (!m_operations || model()->channelById(id) == nullptr)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete channel"),
                                tr("Delete %1 from the tenant? This cannot be undone.").arg(label(id)),
                                QMessageBox::Yes | QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmDeleteBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    connect(box, &QMessageBox::finished, this, [this, box, id] {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || !m_operations)
            return;
        const QString name = label(id);
        showMessage(tr("Deleting %1…").arg(name));
        m_operations->remove(id)->onFinished(this, [this, id, name](const ApiResult<Recorded<Channel>> &result) {
            if (!result.ok()) {
                showDeleteRefusal(id, name, *result.error);
                return;
            }
            model()->removeChannel(id);
            showMessage(tr("Deleted %1").arg(name), 6000);
            emit channelDeleted(id);
        });
    });
    box->open();
}

void ChannelActions::showDeleteRefusal(const QString &id, const QString &name, const ApiError &error)
{
    QString message;
    if (error.kind == ApiError::Kind::Conflict && !error.referencedBy.isEmpty()) {
        QStringList referrers;
        for (const QString &referrer : error.referencedBy)
            referrers.append(label(referrer));
        message = tr("%1 was not deleted: it is still a failover target of %2.\n\nRemove it from their "
                     "failover targets first (Channel > Edit), then delete it again.")
                      .arg(name, referrers.join(QStringLiteral(", ")));
    } else {
        message = tr("%1 was not deleted. %2").arg(name, error.text());
    }
    m_window->statusBar()->clearMessage();
    auto *refused = new QMessageBox(QMessageBox::Warning, tr("Channel not deleted"), message, QMessageBox::Ok, m_window);
    refused->setObjectName(QStringLiteral("deleteRefusedBox"));
    refused->setAttribute(Qt::WA_DeleteOnClose);
    refused->open();
    emit channelDeleteRefused(id, message);
}

const ChannelHealth *ChannelActions::healthOf(const QString &id) const
{
    const MonitorSnapshotPtr snapshot = m_window->lastSnapshot();
    if (!snapshot)
        return nullptr;
    for (const ChannelHealth &health : snapshot->channels) {
        if (health.id == id)
            return &health;
    }
    return nullptr;
}

RoutingChangeDialog::Party ChannelActions::party(const QString &id) const
{
    RoutingChangeDialog::Party party;
    party.id = id;
    party.label = label(id);
    const ChannelHealth *health = healthOf(id);
    party.healthy = health != nullptr && health->health == HealthState::Up;
    party.stateText = health ? tr("%1, tenant says %2").arg(healthText(health->health), statusText(health->tenantStatus).toLower())
                             : tr("no reading yet");
    return party;
}

void ChannelActions::failOver(const QString &id)
{
    const Channel *channel = model()->channelById(id);
    if (!m_monitor || !m_operations || channel == nullptr || channel->routing.failoverChannels.isEmpty())
        return;
    // The operator picks; the engine still refuses a target that is not up.
    QList<RoutingChangeDialog::Party> targets;
    for (const QString &target : channel->routing.failoverChannels)
        targets.append(party(target));
    auto *dialog = RoutingChangeDialog::failover(party(id), targets, m_window);
    connect(dialog, &RoutingChangeDialog::confirmed, this, [this, id](const QString &target) {
        if (!m_operations || target.isEmpty() || refusedByTrail(tr("Failing %1 over").arg(label(id))))
            return;
        m_operations->failOver(id, target);
        showMessage(tr("Failover of %1 via %2 requested…").arg(label(id), label(target)), 8000);
    });
    dialog->open();
}

void ChannelActions::failBack(const QString &id)
{
    const Channel *channel = model()->channelById(id);
    if (!m_monitor || !m_operations || channel == nullptr || !channel->isFailedOver())
        return;
    auto *dialog = RoutingChangeDialog::failback(party(id), party(channel->routing.primaryChannelId), m_window);
    connect(dialog, &RoutingChangeDialog::confirmed, this, [this, id] {
        if (!m_operations || refusedByTrail(tr("Failing %1 back").arg(label(id))))
            return;
        m_operations->failBack(id);
        showMessage(tr("Failback of %1 requested…").arg(label(id)), 8000);
    });
    dialog->open();
}

bool ChannelActions::setFailoverPaused(bool paused)
{
    if (!m_operations || !m_monitor)
        return true;
    if (refusedByTrail(paused ? tr("Pausing automatic failover") : tr("Resuming automatic failover")))
        return false;
    m_operations->setFailoverPaused(paused);
    showMessage(paused ? tr("Automatic failover paused: the monitor only watches") : tr("Automatic failover resumed"), 8000);
    return true;
}

} // namespace cc::ui
