#pragma once
// The Alarms page: what a NOC engineer works from. Every open alarm in one
// table (worst first: new before acknowledged before shelved, critical before
// minor), its id to type at `cxonectl alarms`, state, severity and kind,
// channel, first seen, for how long, who acknowledged or shelved it and why,
// and what stands in words. Acknowledge… (a comment), Shelve… (for a time) and
// Unshelve act on the selected alarms, several at once; a double-click (or
// History…) opens the channel's history. "Unacknowledged only" leaves what
// asks for a person; "Show cleared" adds the recently cleared. Fed by the
// connected tenant's AlarmKeeper; nothing here waits on the store.

#include "alarms/alarm.h"
#include "alarms/alarm_actions.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>

class QTableView;
class QTimer;

namespace cc {
class AlarmKeeper;
}

namespace cc::ui {

class AlarmProxyModel;
class AlarmTableModel;

namespace Ui {
class AlarmsPage;
}

class AlarmsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmsPage)

public:
    // How often states and durations follow the clock.
    static constexpr int kTickMs = 5000;

    explicit AlarmsPage(QWidget *parent = nullptr);
    ~AlarmsPage() override;

    // The connected tenant's alarms (not owned; null when not connected).
    void setKeeper(AlarmKeeper *keeper);
    AlarmTableModel *model() const { return m_model; }
    QTableView *view() const;
    // The channel of the alarm in focus (empty for a tenant-wide one or none).
    QString currentChannelId() const;
    // Selects the alarm's row (when shown).
    void selectAlarm(qint64 number);

    // Open the dialogs for the selected alarms (what the buttons do).
    void acknowledgeSelected();
    void shelveSelected();
    void unshelveSelected();

signals:
    void historyRequested(const QString &channelId);
    // The alarm in focus changed (the window's channel actions follow it).
    void currentChannelChanged();

private:
    void onAlarms(const cc::AlarmSetPtr &set);
    void onActionFinished(quint64 request, const cc::AlarmActionResult &result);
    void applyFilter();
    void updateControls();
    void updateSummary();
    void showMessage(const QString &text, bool problem);
    QList<cc::Alarm> selectedAlarms() const;
    void openHistoryOfCurrent();

    QPointer<AlarmKeeper> m_keeper;
    AlarmTableModel *m_model;
    AlarmProxyModel *m_proxy;
    std::unique_ptr<Ui::AlarmsPage> m_ui;
    QTimer *m_tick;
    // Requests sent and not yet answered, and what their answers said.
    QSet<quint64> m_pending;
    QList<cc::AlarmActionResult> m_results;
};

} // namespace cc::ui
