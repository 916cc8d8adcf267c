#include "shelve_alarm_dialog.h"

#include "alarms/alarm_actions.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace cc::ui {

namespace {

// The choices, in minutes; -1 the end of the shift, 0 a time of one's own.
constexpr int kEndOfShift = -1;
constexpr int kCustom = 0;

} // namespace

ShelveAlarmDialog::ShelveAlarmDialog(const QList<Alarm> &alarms, const QList<QTime> &shiftChanges, QWidget *parent)
    : AlarmActionDialog(alarms, tr("Shelve alarm %1"), tr("Shelve %1 alarms"), parent)
    , m_shiftChanges(shiftChanges)
    , m_for(new QComboBox(this))
    , m_custom(new QDateTimeEdit(this))
    , m_untilText(new QLabel(this))
    , m_reason(new QLineEdit(this))
{
    setObjectName(QStringLiteral("shelveAlarmDialog"));
    auto *layout = new QVBoxLayout(this);
    QString what;
    if (alarms.size() == 1) {
        const Alarm &alarm = alarms.first();
        what = tr("<b>%1</b> %2 on %3 leaves the counts, the notifications and the unacknowledged list until the time "
                  "below (it stays listed as shelved). If it still stands then, it is back.")
                   .arg(alarm.id(), alarmKindLabel(alarm.kind).toHtmlEscaped(),
                        (alarm.channelId.isEmpty() ? tr("the tenant") : alarm.channelName).toHtmlEscaped());
    } else {
        what = tr("%1 alarms leave the counts, the notifications and the unacknowledged list until the time below (they "
                  "stay listed as shelved). Those that still stand then are back.").arg(alarms.size());
    }
    auto *whatLabel = new QLabel(what, this);
    whatLabel->setWordWrap(true);
    layout->addWidget(whatLabel);

    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime shiftEnd = nextShiftChange(now, m_shiftChanges);
    m_for->setObjectName(QStringLiteral("shelveFor"));
    for (int minutes : {15, 30, 60, 240})
        m_for->addItem(durationText(qint64(minutes) * 60000), minutes);
    if (shiftEnd.isValid() && now.msecsTo(shiftEnd) <= kMaxShelveMs)
        m_for->addItem(tr("Until the end of the shift (%1)").arg(QLocale().toString(shiftEnd.time(), QStringLiteral("HH:mm"))),
                       kEndOfShift);
    m_for->addItem(tr("Until a time of my choosing…"), kCustom);
    m_for->setCurrentIndex(1);   // 30 min
    m_custom->setObjectName(QStringLiteral("shelveUntil"));
    m_custom->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_custom->setMinimumDateTime(now.addSecs(60));
    m_custom->setMaximumDateTime(now.addMSecs(kMaxShelveMs));
    m_custom->setDateTime(now.addSecs(2 * 3600));
    m_custom->setEnabled(false);
    m_reason->setObjectName(QStringLiteral("shelveReason"));
    m_reason->setMaxLength(kAlarmCommentMaxLength);
    m_reason->setPlaceholderText(tr("Why: the carrier's maintenance window, a known test…"));
    auto *form = new QFormLayout;
    form->addRow(tr("Shelve &for:"), m_for);
    form->addRow(tr("&Until:"), m_custom);
    form->addRow(QString(), m_untilText);
    form->addRow(tr("&Reason:"), m_reason);
    layout->addLayout(form);
    auto *note = new QLabel(tr("Recorded in the audit trail with your name and the reason. At most 24 hours."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("Shelve"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("shelveButton"));
    m_ok->setDefault(true);
    layout->addWidget(buttons);
    connect(m_for, &QComboBox::currentIndexChanged, this, &ShelveAlarmDialog::updateUntil);
    connect(m_custom, &QDateTimeEdit::dateTimeChanged, this, &ShelveAlarmDialog::updateUntil);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        emit shelved(numbers(), until(), reason());
        accept();
    });
    updateUntil();
    m_for->setFocus();
}

QDateTime ShelveAlarmDialog::until() const
{
    const QDateTime now = QDateTime::currentDateTime();
    const int choice = m_for->currentData().toInt();
    if (choice == kEndOfShift)
        return nextShiftChange(now, m_shiftChanges).toUTC();
    if (choice == kCustom)
        return m_custom->dateTime().toUTC();
    return now.addSecs(qint64(choice) * 60).toUTC();
}

QString ShelveAlarmDialog::reason() const
{
    return m_reason->text().trimmed();
}

void ShelveAlarmDialog::updateUntil()
{
    m_custom->setEnabled(m_for->currentData().toInt() == kCustom);
    const QDateTime end = until().toLocalTime();
    m_untilText->setText(tr("Back in the list at %1 if it still stands.")
                             .arg(QLocale().toString(end, end.date() == QDate::currentDate() ? QStringLiteral("HH:mm")
                                                                                            : QStringLiteral("ddd HH:mm"))));
}

} // namespace cc::ui
