#include "notification_bar.h"

#include "status_presentation.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace cc::ui {

NotificationBar::NotificationBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("notificationBanner"));
    setAccessibleName(tr("Notification"));
    setStyleSheet(QStringLiteral("#notificationBanner { background: #fff4e5; border: 1px solid #e8a317; }"));
    auto *layout = new QHBoxLayout(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    dismiss->setAutoDefault(false);
    layout->addWidget(m_text, 1);
    layout->addWidget(dismiss);
    hide();
    connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
}

void NotificationBar::notify(const QString &title, const QString &message)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_text->setText(QStringLiteral("<b>%1</b> — %2").arg(title.toHtmlEscaped(), message.toHtmlEscaped()));
        show();
        return;
    }
    if (m_tray == nullptr) {
        m_tray = new QSystemTrayIcon(applicationIcon(), this);
        m_tray->setToolTip(tr("Channel Console"));
    }
    m_tray->show();
    m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 10000);
}

void NotificationBar::hideTray()
{
    if (m_tray != nullptr)
        m_tray->hide();
}

} // namespace cc::ui
