#include "alarms_controller.h"

#include "alarms_page.h"
#include "dashboard_page.h"
#include "wall_screen.h"

#include "alarms/alarm_keeper.h"
#include "audit/audit_log.h"
#include "monitor/monitor.h"

#include <QLocale>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace cc::ui {

AlarmsController::AlarmsController(QMainWindow *window, AlarmsPage *page, DashboardPage *dashboard, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_page(page)
    , m_dashboard(dashboard)
    , m_statusButton(new QToolButton(window))
    , m_tick(new QTimer(this))
{
    m_statusButton->setObjectName(QStringLiteral("alarmStatus"));
    m_statusButton->setAutoRaise(true);
    m_statusButton->setAccessibleName(tr("Alarms"));
    m_statusButton->setToolTip(tr("Open the Alarms page"));
    window->statusBar()->addPermanentWidget(m_statusButton);
    connect(m_statusButton, &QToolButton::clicked, this, &AlarmsController::showAlarmsRequested);
    // Shelves run out and durations grow without any new set.
    m_tick->setInterval(AlarmsPage::kTickMs);
    connect(m_tick, &QTimer::timeout, this, &AlarmsController::refresh);
    m_tick->start();
    updateTitleAndStatus();
}

AlarmsController::~AlarmsController()
{
    if (m_page)
        m_page->setKeeper(nullptr);
}

void AlarmsController::connectTo(Monitor *monitor, const QString &tenantKey, const QString &tenant,
                                 const MonitorSettings &settings, AuditLog *audit)
{
    disconnectFromMonitor();
    const bool stored = audit != nullptr && audit->isOpen();
    AlarmKeeperOptions options;
    options.storePath = stored ? audit->path() : QString();
    options.useStore = stored;
    options.tenantKey = tenantKey;
    options.tenant = tenant;
    options.rules = AlarmRuleSettings::fromMonitor(settings);
    m_keeper = std::make_unique<AlarmKeeper>(options);
    m_tenant = tenant;
    connect(m_keeper.get(), &AlarmKeeper::alarmsChanged, this, &AlarmsController::onAlarms);
    connect(monitor, &Monitor::snapshotReady, m_keeper.get(), &AlarmKeeper::observeSnapshot);
    if (stored)
        connect(m_keeper.get(), &AlarmKeeper::auditWritten, audit, &AuditLog::announceCommitted);
    m_keeper->setJudging(m_judging);
    m_page->setKeeper(m_keeper.get());
    m_keeper->start();
    updateTitleAndStatus();
}

void AlarmsController::setJudging(bool judging)
{
    m_judging = judging;
    if (m_keeper)
        m_keeper->setJudging(judging);
}

void AlarmsController::disconnectFromMonitor()
{
    if (!m_keeper)
        return;
    if (m_page)
        m_page->setKeeper(nullptr);
    m_keeper.reset();
    m_set.reset();
    m_announced.clear();
    m_shelved.clear();
    m_unacknowledged = 0;
    updateTitleAndStatus();
}

void AlarmsController::setWallScreen(WallScreen *wall)
{
    m_wall = wall;
    if (m_wall)
        m_wall->setAlarmsUnacknowledged(m_unacknowledged);
}

void AlarmsController::onAlarms(const AlarmSetPtr &set)
{
    m_set = set;
    refresh();
}

void AlarmsController::refresh()
{
    if (!m_set)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Alarm> fresh;
    QSet<qint64> listed;
    int unacknowledged = 0;
    for (const Alarm &alarm : m_set->alarms) {
        listed.insert(alarm.number);
        switch (alarm.stateAt(now)) {
        case AlarmState::New:
            ++unacknowledged;
            // New to this window, or back from a shelf: said once.
            if (!m_announced.contains(alarm.number) || m_shelved.remove(alarm.number)) {
                m_announced.insert(alarm.number);
                fresh.append(alarm);
            }
            break;
        case AlarmState::Shelved:
            m_announced.insert(alarm.number);
            m_shelved.insert(alarm.number);
            break;
        case AlarmState::Acknowledged:
        case AlarmState::Cleared:
            m_announced.insert(alarm.number);
            m_shelved.remove(alarm.number);
            break;
        }
    }
    // What left the list is forgotten: the memory stays bounded by the list.
    m_announced.intersect(listed);
    m_shelved.intersect(listed);
    if (!fresh.isEmpty() && m_dashboard)
        m_dashboard->notifyNewAlarms(fresh);
    if (unacknowledged != m_unacknowledged) {
        m_unacknowledged = unacknowledged;
        if (m_wall)
            m_wall->setAlarmsUnacknowledged(unacknowledged);
    }
    updateTitleAndStatus();
}

void AlarmsController::updateTitleAndStatus()
{
    if (!m_window || !m_statusButton)
        return;
    if (!m_keeper) {
        m_statusButton->setText(tr("Alarms: —"));
        m_statusButton->setStyleSheet(QString());
        return;
    }
    const QString base = tr("%1 — Channel Console").arg(m_tenant);
    m_window->setWindowTitle(m_unacknowledged == 0 ? base
                             : m_unacknowledged == 1 ? tr("1 alarm — %1").arg(base)
                                                     : tr("%1 alarms — %2").arg(QLocale().toString(m_unacknowledged), base));
    if (m_unacknowledged > 0) {
        m_statusButton->setText(m_unacknowledged == 1 ? tr("⚠ 1 alarm unacknowledged")
                                                      : tr("⚠ %1 alarms unacknowledged").arg(QLocale().toString(m_unacknowledged)));
        m_statusButton->setStyleSheet(QStringLiteral("QToolButton { color: #c62828; font-weight: bold; }"));
        return;
    }
    m_statusButton->setStyleSheet(QString());
    int handled = 0;
    if (m_set) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const Alarm &alarm : m_set->alarms)
            handled += alarm.isOpen() && alarm.stateAt(now) != AlarmState::New ? 1 : 0;
    }
    m_statusButton->setText(handled == 0 ? tr("Alarms: none") : tr("Alarms: %1 handled").arg(QLocale().toString(handled)));
}

} // namespace cc::ui
