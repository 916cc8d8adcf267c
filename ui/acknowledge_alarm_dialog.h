#pragma once
// Acknowledge… on the Alarms page: names the alarms (one, or several selected
// at once), asks for a comment (required: what is being done, for the next
// shift) and says that the acknowledgement is recorded in the audit trail
// with the person's name. The alarm stays listed, quiet, until it clears.

#include "alarm_action_dialog.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace cc::ui {

class AcknowledgeAlarmDialog final : public AlarmActionDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcknowledgeAlarmDialog)

public:
    AcknowledgeAlarmDialog(const QList<cc::Alarm> &alarms, QWidget *parent = nullptr);

    QString comment() const;

signals:
    // After Acknowledge was clicked (or Enter pressed) with a comment.
    void acknowledged(const QList<qint64> &numbers, const QString &comment);

private:
    QLineEdit *m_comment;
    QPushButton *m_ok;
};

} // namespace cc::ui
