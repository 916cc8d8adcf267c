#pragma once
// Where a notification goes: the system tray's message where the desktop has a
// tray, otherwise this bar (the text and a Dismiss button), so the window says
// it instead of staying silent. The page that holds the bar places it where its
// showing moves nothing an operator is pointing at.

#include <QFrame>

class QLabel;
class QSystemTrayIcon;

namespace cc::ui {

class NotificationBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationBar)

public:
    explicit NotificationBar(QWidget *parent = nullptr);

    // In the tray where there is one, else in this bar.
    void notify(const QString &title, const QString &message);
    // Hides the tray icon (notifications turned off).
    void hideTray();

private:
    QLabel *m_text;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace cc::ui
