#pragma once
// Create, edit, test and choose connection profiles. Non-secret fields go to
// QSettings through ProfileStore, secrets to the keychain (or memory for this
// run, which the dialog says). "Test connection" signs in and lists the
// channels with a throw-away client, without blocking the window.

#include "profile_store.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace cc {
class ApiClient;
}

namespace cc::ui {

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
    void buildUi();
    void reloadList(const QString &select);
    void loadForm(const StoredProfile &profile, bool existing);
    void updateMethodFields();
    void updateKeychainNote();
    void setTestResult(bool ok, const QString &text);

    ProfileStore *m_store;
    QPointer<ApiClient> m_testClient;

    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_discoveryUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QLineEdit *m_accessKeyId = nullptr;
    QLineEdit *m_accessKeySecret = nullptr;
    QLineEdit *m_exportUrl = nullptr;
    QLineEdit *m_exportToken = nullptr;
    QLineEdit *m_auditStore = nullptr;
    QLineEdit *m_auditPassword = nullptr;
    QSpinBox *m_cadence = nullptr;
    QSpinBox *m_downAfter = nullptr;
    QSpinBox *m_upAfter = nullptr;
    QSpinBox *m_cooldown = nullptr;
    QComboBox *m_failback = nullptr;
    QCheckBox *m_autoFailover = nullptr;
    QCheckBox *m_qualityRule = nullptr;
    QCheckBox *m_sipProbe = nullptr;
    QDoubleSpinBox *m_minScore = nullptr;
    QDoubleSpinBox *m_minMos = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_connectButton = nullptr;
};

} // namespace cc::ui
