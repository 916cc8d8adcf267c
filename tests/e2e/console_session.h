#pragma once
// One session of a NOC engineer, end to end: cxone-sim started as its own
// process, the console's window built as cxone-console builds it (the audit
// trail at its default place in the test's private data folder, profiles in
// QSettings), a profile created and saved in File > Connect's dialog by
// typing into its fields, and Connect clicked. The tests then go on through
// menus, buttons and fields only.

#include "sim_process.h"

#include <QString>
#include <QStringList>

#include <memory>

class QAbstractItemView;
class QWidget;

namespace cc {
class AuditLog;
}

namespace cc::ui {
class MainWindow;
class ProfileStore;
}

namespace cc::e2e {

struct MonitorChoice
{
    int pollSeconds = 5;
    int downAfter = 3;
    int upAfter = 3;
    int cooldownSeconds = 60;
    bool automaticFailback = true;
    bool autoFailover = true;
};

// The profile's Audit trail tab: empty keeps this computer's file.
struct AuditChoice
{
    QString store;      // a file path or postgresql://user@host:port/db
    QString password;   // typed into the password field (the keychain's, or this run's)
};

// cxone-sim's arguments for the tenant the journeys know: seed 1 (where
// prod-voice-trunk-us-east-1 is ch_57d2df, failing over to ch_c3c080, then
// ch_704479), `channels` channels, no rate limit.
QStringList seededSimArguments(int channels = 12);

class ConsoleSession final
{
public:
    explicit ConsoleSession(const QStringList &simArguments);
    ~ConsoleSession();
    ConsoleSession(const ConsoleSession &) = delete;
    ConsoleSession &operator=(const ConsoleSession &) = delete;

    cc::test::SimProcess &sim() { return *m_sim; }
    ui::MainWindow *window() const { return m_window.get(); }

    // File > Connect…, a new profile typed in, Save, Connect; answers the
    // secret prompt when no keychain runs. An empty string when the channels
    // show in the Channels page, else what went wrong.
    QString connectThroughProfilesDialog(const QString &profileName, const MonitorChoice &monitor = {},
                                         const AuditChoice &audit = {});
    // Quits as a person does (Ctrl+Q, confirming that automatic failover
    // stops), then starts the console again on the same audit trail and saved
    // profiles, as cxone-console run anew. An empty string when the new window
    // shows, else what went wrong.
    QString restartConsole();
    // File > Switch profile > `profileName`; answers the secret prompt if one
    // comes. An empty string when the channels show, else what went wrong.
    QString connectToSavedProfile(const QString &profileName);
    // Clicks the page's name in the side list.
    bool openPage(const QString &name);
    // The view of the page in front with this object name (null when none).
    QAbstractItemView *viewOnPage(const char *objectName) const;
    // The dashboard's channels as they show now: the status grid or the tiles.
    QAbstractItemView *dashboardChannels() const;
    void screenshot(const QString &name);

private:
    std::unique_ptr<cc::test::SimProcess> m_sim;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ui::ProfileStore> m_profiles;
    std::unique_ptr<ui::MainWindow> m_window;

    void openWindow();
    QString waitForChannels();
};

// Connects as "NOC tenant" with the seeded trunk's two backups held healthy and
// a monitor that acts on the second reading (down and up after 2, no cooldown),
// failing back by itself when `automaticFailback`. Empty, or what went wrong.
QString connectReadyToFailOver(ConsoleSession &session, bool automaticFailback);

} // namespace cc::e2e
