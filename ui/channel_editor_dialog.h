#pragma once
// Creates or edits one channel. Every keystroke is checked by the core validator
// (the same rules the tenant applies) and each problem is shown beside its
// field; Save stays disabled while anything is invalid. Saving is asynchronous:
// the dialog shows a busy state, maps a tenant's 400 onto the same fields, and on
// a 412 lets the user reload or overwrite instead of losing the edits.

#include "model/channel.h"
#include "model/channel_validator.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace cc {
class ApiClient;
class ChannelOperations;
struct ApiError;
}

namespace cc::ui {

namespace Ui {
class ChannelEditorDialog;
}

// The static form is channel_editor_dialog.ui; the codec and failover lists are
// an OrderedListEditor each.
class ChannelEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelEditorDialog)

public:
    enum class Mode { Create, Edit };

    // `channels` are the tenant's channels as last seen, to pick failover targets
    // from. `client` may be null: the dialog then validates but cannot save.
    explicit ChannelEditorDialog(ApiClient *client, const QList<Channel> &channels, QWidget *parent = nullptr);
    ~ChannelEditorDialog() override;

    // A new channel, starting from `draft` (a duplicate passes its source's
    // draft and id, which its audit entry names).
    void startCreate(const ChannelDraft &draft, const QString &duplicateOf = {});
    void startEdit(const Channel &channel);
    // What each save goes through: the core operations, which send it and
    // record its audit entry. Without them the dialog saves through an
    // operations object of its own on `client` that records nothing.
    void setOperations(ChannelOperations *operations);

    Mode mode() const { return m_mode; }
    ChannelDraft draft() const;
    // The client-side problems of the form as it stands.
    FieldErrors validationErrors() const;
    // Problems the tenant reported on the last save (its 400 `details`).
    const FieldErrors &tenantErrors() const { return m_tenantErrors; }
    bool isBusy() const { return m_busy; }
    // The message shown for `field` beside it, empty when it is fine.
    QString messageFor(const QString &field) const;

    static ChannelDraft defaultDraft();

signals:
    // After the tenant accepted a save; the dialog then closes with Accepted.
    void channelSaved(const cc::Channel &channel);

private:
    struct FieldView
    {
        QWidget *field = nullptr;
        QLabel *message = nullptr;
    };

    void buildUi();
    // Puts the message about `path` under `field`: in `box`, the field's place in
    // the form, or under the field's list when `box` is null.
    void addMessage(QWidget *field, QWidget *box, const QString &path);
    void loadDraft(const ChannelDraft &draft);
    void refreshValidation();
    void showErrors(const FieldErrors &errors);
    void fieldEdited(const QString &path);
    void refreshFailoverChoices();
    void updateButtons();
    void setBusy(bool busy, const QString &text = {});
    void save();
    void sendSave(std::optional<qint64> ifMatchVersion);
    void handleSaveFailure(const ApiError &error);
    void showConflict(bool shown);
    void reloadFromTenant();
    void overwriteTenant();
    // Reads the channel's current version from the tenant, busy meanwhile; a
    // failure is shown in the form and `onLoaded` is not called.
    void fetchTenantVersion(const QString &busyText, std::function<void(const Channel &)> onLoaded);
    ChannelOperations *operations();
    QString pathOwning(const QString &field) const;
    // A validator message as the form shows it: the fields by their labels, not their API keys.
    QString asShown(const QString &message) const;

    // Not owned: the window replaces its client when the profile changes.
    QPointer<ApiClient> m_client;
    QPointer<ChannelOperations> m_operations;
    QString m_duplicateOf;
    QList<Channel> m_channels;
    Mode m_mode = Mode::Create;
    QString m_channelId;
    qint64 m_version = 0;
    ChannelDraft m_base;
    FieldErrors m_tenantErrors;
    QString m_generalError;
    bool m_busy = false;
    bool m_loading = false;
    // Fields the user has edited since the draft was loaded: a new channel's
    // empty form is not an error until the user has been there.
    QSet<QString> m_touched;
    // A blank new form waits for the user; a duplicate or an edit is judged at once.
    bool m_judgeAll = true;
    // Sequence number of the save in flight, so a late answer for an abandoned
    // save is dropped rather than applied.
    quint64 m_saveSeq = 0;

    std::unique_ptr<Ui::ChannelEditorDialog> m_ui;
    QPushButton *m_saveButton = nullptr;
    // Field path ("configuration.sip_port") -> its widget and message label.
    QHash<QString, FieldView> m_fields;
};

} // namespace cc::ui
