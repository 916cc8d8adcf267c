#pragma once
// Create, edit, test and choose connection profiles. Non-secret fields go to
// QSettings through ProfileStore, secrets to the keychain (or memory for this
// run, which the dialog says). "Test connection" signs in and lists the
// channels with a throw-away client, without blocking the window.

#include "profile_store.h"

#include <QDialog>
#include <QPointer>

#include <memory>

namespace cc {
class ApiClient;
}

namespace cc::ui {

namespace Ui {
class ConnectionProfilesDialog;
}

class ConnectionProfilesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionProfilesDialog)

public:
    explicit ConnectionProfilesDialog(ProfileStore *store, QWidget *parent = nullptr);
    ~ConnectionProfilesDialog() override;

    void selectProfile(const QString &name);
    // The profile as the form shows it; empty secret fields take the secret
    // already known for that profile this run.
    StoredProfile formProfile() const;
    // Saves the form; false with the reason shown when the name is missing.
    bool saveForm();
    // Starts a test with the form's profile; testFinished() follows.
    void testConnection();
    QString testResult() const;

signals:
    void connectRequested(const QString &name);
    void testFinished(bool ok);

private:
    void connectControls();
    void reloadList(const QString &select);
    void loadForm(const StoredProfile &profile, bool existing);
    void updateMethodFields();
    void updateKeychainNote();
    void setTestResult(bool ok, const QString &text);

    ProfileStore *m_store;
    QPointer<ApiClient> m_testClient;

    std::unique_ptr<Ui::ConnectionProfilesDialog> m_ui;
};

} // namespace cc::ui
