#include "acknowledge_alarm_dialog.h"

#include "alarms/alarm_actions.h"
#include "audit/audit_entry.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cc::ui {

namespace {

// Alarms named one by one in the dialog before the rest are counted.
constexpr int kNamed = 5;

QString alarmLine(const Alarm &alarm)
{
    const QString where = alarm.channelId.isEmpty() ? AcknowledgeAlarmDialog::tr("the tenant") : alarm.channelName;
    return QStringLiteral("<b>%1</b> %2 on %3").arg(alarm.id(), alarmKindLabel(alarm.kind).toHtmlEscaped(), where.toHtmlEscaped());
}

} // namespace

AcknowledgeAlarmDialog::AcknowledgeAlarmDialog(const QList<Alarm> &alarms, QWidget *parent)
    : AlarmActionDialog(alarms, tr("Acknowledge alarm %1"), tr("Acknowledge %1 alarms"), parent)
    , m_comment(new QLineEdit(this))
    , m_ok(nullptr)
{
    setObjectName(QStringLiteral("acknowledgeAlarmDialog"));

    auto *layout = new QVBoxLayout(this);
    QStringList lines;
    for (int i = 0; i < alarms.size() && i < kNamed; ++i)
        lines.append(alarmLine(alarms.at(i)));
    if (alarms.size() > kNamed)
        lines.append(tr("and %1 more").arg(alarms.size() - kNamed));
    auto *what = new QLabel(lines.join(QStringLiteral("<br>")), this);
    what->setObjectName(QStringLiteral("acknowledgeWhat"));
    what->setWordWrap(true);
    layout->addWidget(what);
    if (alarms.size() == 1) {
        auto *summary = new QLabel(alarms.first().summary, this);
        summary->setWordWrap(true);
        layout->addWidget(summary);
    }

    auto *form = new QFormLayout;
    m_comment->setObjectName(QStringLiteral("acknowledgeComment"));
    m_comment->setMaxLength(kAlarmCommentMaxLength);
    m_comment->setPlaceholderText(tr("What is being done: a ticket, who is on it"));
    m_comment->setClearButtonEnabled(true);
    form->addRow(tr("&Comment:"), m_comment);
    layout->addLayout(form);

    auto *note = new QLabel(tr("Recorded in the audit trail as acknowledged by %1. The alarm stays in the list, "
                               "quiet, until the problem clears.").arg(defaultAuditActor().toHtmlEscaped()),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    // Enter with no comment yet does nothing, rather than cancel.
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_ok = buttons->addButton(tr("Acknowledge"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("acknowledgeButton"));
    m_ok->setEnabled(false);
    m_ok->setDefault(true);
    layout->addWidget(buttons);
    connect(m_comment, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_ok->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (comment().isEmpty())
            return;
        emit acknowledged(numbers(), comment());
        accept();
    });
    m_comment->setFocus();
    resize(520, sizeHint().height());
}

QString AcknowledgeAlarmDialog::comment() const
{
    return m_comment->text().trimmed();
}

} // namespace cc::ui
