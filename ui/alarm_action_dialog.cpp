#include "alarm_action_dialog.h"

namespace cc::ui {

AlarmActionDialog::AlarmActionDialog(const QList<Alarm> &alarms, const QString &oneTitle, const QString &manyTitle,
                                     QWidget *parent)
    : QDialog(parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    for (const Alarm &alarm : alarms)
        m_numbers.append(alarm.number);
    setWindowTitle(alarms.size() == 1 ? oneTitle.arg(alarms.first().id()) : manyTitle.arg(alarms.size()));
}

} // namespace cc::ui
