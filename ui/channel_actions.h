#pragma once
// The window's channel actions: New, Edit, Duplicate and Delete, Fail over
// and Fail back, the automatic failover's pause. It gathers what a person
// chooses (the editor, a confirmation, the routing dialog) and hands it to the
// core operations (core/operations/channel_operations.h), which act on the
// tenant and record the audit entry as cxonectl's commands do; it then shows
// the answer in the channel table and the status bar.

#include "routing_change_dialog.h"

#include "model/channel.h"
#include "operations/channel_operations.h"

#include <QObject>
#include <QPointer>

namespace cc {
class TenantSession;
class ApiClient;
class AuditLog;
class Monitor;
struct ChannelHealth;
}

namespace cc::ui {

class ChannelEditorDialog;
class ChannelTableModel;
class ChannelsPage;
class MainWindow;

class ChannelActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelActions)

public:
    // `window` shows the dialogs and the status bar; `channels` is the table acted on.
    ChannelActions(MainWindow *window, ChannelsPage *channels, QObject *parent = nullptr);
    ~ChannelActions() override;

    // The connection just made (null: none): its client, monitor and trail,
    // and the tenant the entries name. Set to null before the session goes.
    void setSession(TenantSession *session);
    ChannelOperations *operations() const { return m_operations; }
    // The editor opened last, while it is open.
    ChannelEditorDialog *editor() const;
    // "name (id)", or the id of a channel the table does not list.
    QString label(const QString &id) const;

    void newChannel();
    void editChannel(const QString &id);
    void duplicateChannel(const QString &id);
    void deleteChannel(const QString &id);
    void failOver(const QString &id);
    void failBack(const QString &id);
    // False when the audit trail refuses the action (nothing was changed).
    bool setFailoverPaused(bool paused);

signals:
    void editorOpened(cc::ui::ChannelEditorDialog *editor);
    // After a delete the tenant accepted, or the reason it refused.
    void channelDeleted(const QString &id);
    void channelDeleteRefused(const QString &id, const QString &message);

private:
    enum class EditorStart { Create, Duplicate, Edit };
    // The one editor launch: a new channel, a copy of `sourceId`'s, or an edit of `channel`.
    void openEditor(EditorStart start, const Channel &channel, const ChannelDraft &draft = {});
    // One editor at a time: true when one is open (and now in front).
    bool raiseOpenEditor();
    ChannelTableModel *model() const;
    const ChannelHealth *healthOf(const QString &id) const;
    RoutingChangeDialog::Party party(const QString &id) const;
    bool refusedByTrail(const QString &what) const;
    void showDeleteRefusal(const QString &id, const QString &label, const ApiError &error);
    void showMessage(const QString &text, int timeoutMs = 0) const;

    MainWindow *m_window;
    ChannelsPage *m_channels;
    QPointer<ChannelOperations> m_operations;
    QPointer<Monitor> m_monitor;
    QPointer<AuditLog> m_audit;
    QPointer<ChannelEditorDialog> m_editor;
};

} // namespace cc::ui
