#pragma once
// The console as the window tests start it: an audit trail in a temporary
// folder, whose entries are collected as they are committed, a profile store of
// the test's own and the main window on both; and the window's prompts found
// and answered as a user meets them.

#include "main_window.h"
#include "profile_store.h"

#include "audit/audit_log.h"

#include "widget_test_support.h"

#include <QPushButton>
#include <QTemporaryDir>

#include <algorithm>

namespace cc::ui::test {

// A child of `parent` named `name` once it is shown; null when none is shown in time.
template <typename T>
T *waitForShown(const QObject &parent, const char *name)
{
    T *found = nullptr;
    waitUntil([&] {
        found = parent.findChild<T *>(QLatin1String(name));
        return found != nullptr && found->isVisible();
    });
    return found != nullptr && found->isVisible() ? found : nullptr;
}

// Clicks each button of `parent` that reads `text`, as a user would; false when none does.
inline bool clickButton(const QWidget &parent, const QString &text)
{
    bool clicked = false;
    for (QPushButton *button : parent.findChildren<QPushButton *>()) {
        if (button->text() == text) {
            button->click();
            clicked = true;
        }
    }
    return clicked;
}

struct ConsoleWindow
{
    // On the screen at the size the screenshots use.
    void show()
    {
        window.resize(1280, 760);
        window.show();
    }

    // Whether an entry of `type` about `channelId` was committed.
    bool audited(const QString &type, const QString &channelId) const
    {
        return std::any_of(entries.cbegin(), entries.cend(),
                           [&](const AuditEntry &e) { return e.eventType == type && e.channelId == channelId; });
    }

    QTemporaryDir dir;
    AuditLog audit;
    const bool auditOpen = audit.open(dir.filePath(QStringLiteral("audit.sqlite")));
    QList<AuditEntry> entries;
    const QMetaObject::Connection collect = QObject::connect(
        &audit, &AuditLog::committed, &audit, [this](quint64, const AuditEntry &entry) { entries.append(entry); });
    ProfileStore profiles{testProfileGroup(), QStringLiteral("cc-tests")};
    MainWindow window{&profiles, &audit};
};

// A profile for the simulated tenant whose monitor looks every second.
inline StoredProfile everySecond(cc::test::SimFixture &sim)
{
    StoredProfile profile;
    profile.connection = simProfile(sim);
    profile.monitor.cadenceSeconds = 1;
    return profile;
}

} // namespace cc::ui::test
