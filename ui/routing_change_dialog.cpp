#include "routing_change_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cc::ui {

RoutingChangeDialog::RoutingChangeDialog(const Party &channel, QWidget *parent)
    : QDialog(parent)
    , m_channel(channel)
{
    setAttribute(Qt::WA_DeleteOnClose);
}

RoutingChangeDialog *RoutingChangeDialog::failover(const Party &channel, const QList<Party> &targets, QWidget *parent)
{
    auto *dialog = new RoutingChangeDialog(channel, parent);
    dialog->setObjectName(QStringLiteral("failoverTargetPrompt"));
    dialog->setWindowTitle(tr("Fail over %1").arg(channel.label));
    dialog->m_targets = targets;
    dialog->build(tr("The calls of <b>%1</b> will be routed via the backup chosen below instead of through %1 itself. "
                     "New calls use the backup at once; the change is recorded in the audit trail. "
                     "It stays so until someone (or automatic failback) fails it back.")
                      .arg(channel.label.toHtmlEscaped()),
                  tr("Fail over"));
    return dialog;
}

RoutingChangeDialog *RoutingChangeDialog::failback(const Party &channel, const Party &backup, QWidget *parent)
{
    auto *dialog = new RoutingChangeDialog(channel, parent);
    dialog->setObjectName(QStringLiteral("confirmFailbackBox"));
    dialog->setWindowTitle(tr("Fail back %1").arg(channel.label));
    dialog->m_failback = true;
    dialog->m_targets = {backup};
    dialog->build(tr("The calls of <b>%1</b>, now routed via %2, will go through %1 itself again. "
                     "The change is recorded in the audit trail.")
                      .arg(channel.label.toHtmlEscaped(), backup.label.toHtmlEscaped()),
                  tr("Fail back"));
    return dialog;
}

void RoutingChangeDialog::build(const QString &what, const QString &actionText)
{
    auto *layout = new QVBoxLayout(this);
    m_what = new QLabel(what, this);
    m_what->setObjectName(QStringLiteral("routingWhat"));
    m_what->setWordWrap(true);
    layout->addWidget(m_what);

    auto *form = new QFormLayout;
    auto *channelState = new QLabel(m_channel.stateText, this);
    form->addRow(tr("%1 now:").arg(m_channel.label), channelState);
    if (!m_failback) {
        m_targetBox = new QComboBox(this);
        m_targetBox->setObjectName(QStringLiteral("failoverTarget"));
        m_targetBox->setAccessibleName(tr("Backup"));
        for (const Party &target : m_targets)
            m_targetBox->addItem(tr("%1 — %2").arg(target.label, target.stateText), target.id);
        // The first healthy backup is offered first, as the engine would choose it.
        for (int i = 0; i < m_targets.size(); ++i) {
            if (m_targets.at(i).healthy) {
                m_targetBox->setCurrentIndex(i);
                break;
            }
        }
        form->addRow(tr("&Backup:"), m_targetBox);
        connect(m_targetBox, &QComboBox::currentIndexChanged, this, &RoutingChangeDialog::updateWarning);
    } else if (!m_targets.isEmpty()) {
        form->addRow(tr("Backup now carrying it:"), new QLabel(tr("%1 — %2").arg(m_targets.first().label, m_targets.first().stateText), this));
    }
    layout->addLayout(form);

    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("routingWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { color: #8a1c00; font-weight: bold; }"));
    layout->addWidget(m_warning);

    auto *buttons = new QDialogButtonBox(this);
    m_action = buttons->addButton(actionText, QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // Enter means Cancel: changing routing takes a deliberate click.
    m_action->setAutoDefault(false);
    m_action->setDefault(false);
    m_cancel->setAutoDefault(true);
    m_cancel->setDefault(true);
    layout->addWidget(buttons);
    connect(m_action, &QPushButton::clicked, this, [this] {
        emit confirmed(chosenTarget());
        accept();
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    updateWarning();
    m_cancel->setFocus();
}

QString RoutingChangeDialog::chosenTarget() const
{
    if (m_failback)
        return m_channel.id;
    return m_targetBox != nullptr ? m_targetBox->currentData().toString() : QString();
}

QString RoutingChangeDialog::warningText() const
{
    return m_warning->text();
}

void RoutingChangeDialog::updateWarning()
{
    QStringList warnings;
    if (m_failback) {
        if (!m_channel.healthy)
            warnings.append(tr("Warning: %1 is not healthy (%2). Failing back moves its calls from a working backup onto "
                               "a trunk that is still failing.").arg(m_channel.label, m_channel.stateText));
    } else {
        if (m_channel.healthy)
            warnings.append(tr("Note: %1 is healthy (%2): its calls move off a working trunk.").arg(m_channel.label, m_channel.stateText));
        const int index = m_targetBox != nullptr ? m_targetBox->currentIndex() : -1;
        if (index >= 0 && index < m_targets.size() && !m_targets.at(index).healthy)
            warnings.append(tr("Warning: the backup %1 is not healthy (%2). The monitor refuses a backup that is not up, "
                               "so this request will be refused and nothing will change.")
                                .arg(m_targets.at(index).label, m_targets.at(index).stateText));
    }
    m_warning->setText(warnings.join(QLatin1Char('\n')));
    m_warning->setVisible(!warnings.isEmpty());
}

} // namespace cc::ui
