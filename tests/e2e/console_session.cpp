#include "console_session.h"

#include "user_actions.h"

#include "main_window.h"
#include "profile_store.h"

#include "audit/audit_log.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QInputDialog>
#include <QKeySequence>
#include <QLineEdit>
#include <QStackedWidget>
#include <QUuid>

namespace cc::e2e {

QStringList seededSimArguments(int channels)
{
    return {QStringLiteral("--channels"), QString::number(channels), QStringLiteral("--seed"), QStringLiteral("1"),
            QStringLiteral("--rate-limit"), QStringLiteral("0")};
}

QString connectReadyToFailOver(ConsoleSession &session, bool automaticFailback)
{
    for (const char *backup : {"ch_c3c080", "ch_704479"}) {
        if (!session.sim().holdStatus(QLatin1String(backup), QStringLiteral("healthy")))
            return QStringLiteral("the sim refused to hold %1 healthy").arg(QLatin1String(backup));
    }
    MonitorChoice monitor;
    monitor.downAfter = 2;
    monitor.upAfter = 2;
    monitor.cooldownSeconds = 0;
    monitor.automaticFailback = automaticFailback;
    return session.connectThroughProfilesDialog(QStringLiteral("NOC tenant"), monitor);
}

ConsoleSession::ConsoleSession(const QStringList &simArguments)
    : m_sim(std::make_unique<cc::test::SimProcess>(simArguments))
    , m_audit(std::make_unique<AuditLog>())
{
    // As cxone-console does without --demo: the trail at its default path
    // (here inside the test's private XDG data folder).
    m_audit->open(QString());
    const QString unique = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_profiles = std::make_unique<ui::ProfileStore>(QStringLiteral("e2e-") + unique, QStringLiteral("cc-e2e-") + unique);
    openWindow();
}

void ConsoleSession::openWindow()
{
    m_window = std::make_unique<ui::MainWindow>(m_profiles.get(), m_audit->isOpen() ? m_audit.get() : nullptr);
    m_window->resize(1280, 760);
    m_window->show();
    m_window->activateWindow();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        qWarning("the console window was not exposed");
}

QString ConsoleSession::restartConsole()
{
    pressKeys(m_window.get(), QKeySequence(QStringLiteral("Ctrl+Q")));
    // While automatic failover runs the window asks first.
    QWidget *confirm = nullptr;
    waitFor([&] {
        confirm = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        return !m_window->isVisible() || (confirm != nullptr && confirm->isVisible());
    }, 5000);
    if (m_window->isVisible() && confirm != nullptr && !clickButton(confirm, QStringLiteral("Quit and stop automatic failover")))
        return QStringLiteral("the quit confirmation had no \"Quit and stop automatic failover\" button");
    if (!waitFor([&] { return !m_window->isVisible(); }, 10000))
        return QStringLiteral("the window did not close after Ctrl+Q");
    // The process ends: its window, then its audit log (every entry committed).
    m_window.reset();
    m_audit.reset();
    m_audit = std::make_unique<AuditLog>();
    m_audit->open(QString());
    openWindow();
    return m_window->isVisible() ? QString() : QStringLiteral("the new window did not show");
}

QString ConsoleSession::connectToSavedProfile(const QString &profileName)
{
    if (!clickMenu(m_window.get(), {QStringLiteral("File"), QStringLiteral("Switch profile"), profileName}))
        return QStringLiteral("File > Switch profile > %1 could not be clicked").arg(profileName);
    return waitForChannels();
}

QString ConsoleSession::waitForChannels()
{
    // With no keychain service the console asks for the secret once per run.
    QAbstractItemView *table = nullptr;
    const bool shown = waitFor([&] {
        if (auto *prompt = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            prompt && prompt->isVisible() && prompt->objectName() == QStringLiteral("secretPrompt")) {
            typeInto(prompt->findChild<QLineEdit *>(), QStringLiteral("demo-secret"));
            clickButton(prompt, QStringLiteral("OK"));
        }
        if (!openPage(QStringLiteral("Channels")))
            return false;
        table = viewOnPage("channelTable");
        return table != nullptr && table->model()->rowCount() > 0;
    }, 30000);
    if (!shown)
        return QStringLiteral("the Channels page shows no channel 30 s after Connect");
    // The dialog closed: the window is in front again, as a person sees it.
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get(), 3000))
        return QStringLiteral("the window did not become active again after Connect");
    return QString();
}

ConsoleSession::~ConsoleSession()
{
    // Dialogs left open by a failing test go first, then the window and its monitor.
    const auto tops = QApplication::topLevelWidgets();
    for (QWidget *top : tops) {
        if (top != m_window.get() && top->isVisible())
            top->close();
    }
    m_window.reset();
    m_profiles.reset();
    m_audit.reset();
}

QString ConsoleSession::connectThroughProfilesDialog(const QString &profileName, const MonitorChoice &monitor,
                                                     const AuditChoice &audit)
{
    if (!m_sim->isRunning())
        return m_sim->startError();
    if (!clickMenu(m_window.get(), {QStringLiteral("File"), QStringLiteral("Connect…")}))
        return QStringLiteral("File > Connect… could not be clicked");
    QWidget *dialog = waitForDialogTitled(QStringLiteral("Connection profiles"));
    if (dialog == nullptr)
        return QStringLiteral("File > Connect… opened no profiles dialog");
    // The dialog's steps once per walk: every journey starts the same way.
    static bool dialogShown = false;
    const bool showDialog = !dialogShown;
    dialogShown = true;
    if (showDialog)
        screenshot(QStringLiteral("profiles-dialog-empty"));
    clickButton(dialog, QStringLiteral("New"));
    if (!typeInto(fieldByLabel(dialog, QStringLiteral("Name")), profileName)
        || !typeInto(fieldByLabel(dialog, QStringLiteral("Base URL")), m_sim->baseUrl().toString())
        || !typeInto(fieldByLabel(dialog, QStringLiteral("Client id")), QStringLiteral("demo"))
        || !typeInto(fieldByLabel(dialog, QStringLiteral("Client secret")), QStringLiteral("demo-secret")))
        return QStringLiteral("a field of the Connection tab could not be typed into");
    if (!clickTab(dialog, QStringLiteral("Monitor")))
        return QStringLiteral("the Monitor tab could not be clicked");
    const auto setNumber = [dialog](const QString &label, int value) {
        return typeInto(fieldByLabel(dialog, label), QString::number(value));
    };
    if (!setNumber(QStringLiteral("Poll every"), monitor.pollSeconds)
        || !setNumber(QStringLiteral("Down after (N bad checks)"), monitor.downAfter)
        || !setNumber(QStringLiteral("Up after (M good checks)"), monitor.upAfter)
        || !setNumber(QStringLiteral("Cooldown"), monitor.cooldownSeconds))
        return QStringLiteral("a field of the Monitor tab could not be typed into");
    auto *failback = qobject_cast<QComboBox *>(fieldByLabel(dialog, QStringLiteral("Failback")));
    if (failback == nullptr)
        return QStringLiteral("no Failback choice on the Monitor tab");
    if (!chooseInCombo(failback, failback->itemText(monitor.automaticFailback ? failback->count() - 1 : 0)))
        return QStringLiteral("the Failback choice could not be made");
    auto *automatic = qobject_cast<QCheckBox *>(findButton(dialog, QStringLiteral("Fail over automatically")));
    if (automatic == nullptr)
        return QStringLiteral("no \"Fail over automatically\" box on the Monitor tab");
    if (automatic->isChecked() != monitor.autoFailover)
        QTest::mouseClick(automatic, Qt::LeftButton, {}, QPoint(6, automatic->height() / 2));
    if (showDialog)
        screenshot(QStringLiteral("profiles-dialog-monitor"));
    if (!audit.store.isEmpty()) {
        if (!clickTab(dialog, QStringLiteral("Audit trail")))
            return QStringLiteral("the Audit trail tab could not be clicked");
        if (!typeInto(fieldByLabel(dialog, QStringLiteral("Audit store")), audit.store)
            || (!audit.password.isEmpty() && !typeInto(fieldByLabel(dialog, QStringLiteral("Audit store password")), audit.password)))
            return QStringLiteral("a field of the Audit trail tab could not be typed into");
        screenshot(QStringLiteral("profiles-dialog-audit-trail"));
    }
    clickTab(dialog, QStringLiteral("Connection"));
    if (!clickButton(dialog, QStringLiteral("Save")))
        return QStringLiteral("Save could not be clicked");
    if (showDialog)
        screenshot(QStringLiteral("profiles-dialog-saved"));
    if (!clickButton(dialog, QStringLiteral("Connect")))
        return QStringLiteral("Connect could not be clicked");

    return waitForChannels();
}

bool ConsoleSession::openPage(const QString &name)
{
    auto *list = m_window->findChild<QAbstractItemView *>(QStringLiteral("pageList"));
    if (list == nullptr)
        return false;
    if (list->currentIndex().data().toString() == name)
        return true;
    return clickItem(list, name) && list->currentIndex().data().toString() == name;
}

QAbstractItemView *ConsoleSession::viewOnPage(const char *objectName) const
{
    auto *pages = m_window->findChild<QStackedWidget *>(QStringLiteral("pages"));
    if (pages == nullptr || pages->currentWidget() == nullptr)
        return nullptr;
    auto *view = pages->currentWidget()->findChild<QAbstractItemView *>(QLatin1String(objectName));
    return view != nullptr && view->isVisible() ? view : nullptr;
}

QAbstractItemView *ConsoleSession::dashboardChannels() const
{
    QAbstractItemView *grid = viewOnPage("statusGrid");
    return grid != nullptr ? grid : viewOnPage("tileView");
}

void ConsoleSession::screenshot(const QString &name)
{
    cc::e2e::screenshot(m_window.get(), name);
}

} // namespace cc::e2e
