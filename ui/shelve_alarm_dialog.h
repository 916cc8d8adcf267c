#pragma once
// Shelve… on the Alarms page: takes the chosen alarms out of the counts, the
// notifications and the unacknowledged list (they stay listed, as shelved) until a time a person
// picks (15 min, 30 min, 1 h, 4 h, the end of the shift, or a time of their
// own, at most a day ahead), with a reason. A shelved alarm that still stands
// when the time comes is back in the list, unacknowledged unless it was.

#include "alarm_action_dialog.h"

#include <QDateTime>
#include <QTime>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cc::ui {

class ShelveAlarmDialog final : public AlarmActionDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShelveAlarmDialog)

public:
    // `shiftChanges`: the times of day shifts change (for "until the end of the shift").
    ShelveAlarmDialog(const QList<cc::Alarm> &alarms, const QList<QTime> &shiftChanges, QWidget *parent = nullptr);

    // When the shelf ends, as chosen now.
    QDateTime until() const;
    QString reason() const;

signals:
    void shelved(const QList<qint64> &numbers, const QDateTime &until, const QString &reason);

private:
    void updateUntil();

    QList<QTime> m_shiftChanges;
    QComboBox *m_for;
    QDateTimeEdit *m_custom;
    QLabel *m_untilText;
    QLineEdit *m_reason;
    QPushButton *m_ok = nullptr;
};

} // namespace cc::ui
