#pragma once
// What Acknowledge… and Shelve… on the Alarms page have in common: the alarms
// they act on (by number), a title that names the one alarm or counts
// several, and closing deletes them.

#include "alarms/alarm.h"

#include <QDialog>
#include <QList>

namespace cc::ui {

class AlarmActionDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmActionDialog)

public:
    QList<qint64> numbers() const { return m_numbers; }

protected:
    // `oneTitle` names a single alarm by its id ("%1"); `manyTitle` counts them ("%1").
    AlarmActionDialog(const QList<cc::Alarm> &alarms, const QString &oneTitle, const QString &manyTitle,
                      QWidget *parent);

private:
    QList<qint64> m_numbers;
};

} // namespace cc::ui
