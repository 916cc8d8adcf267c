// The Quality page's codec order proposal: the channel's codecs read, an order
// proposed for its measured quality, shown side by side, applied on request
// (audited as media_path_optimized).

#include "quality_page.h"
#include "status_presentation.h"
#include "ui_quality_page.h"

#include "audit/audit_log.h"
#include "client/api_client.h"
#include "operations/channel_operations.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace cc::ui {

void QualityPage::proposeCodecOrder()
{
    const QString id = currentChannelId();
    if (!m_client || id.isEmpty())
        return;
    m_ui->qualityStatus->setText(tr("Reading the codec order of %1…").arg(m_ui->qualityChannel->currentText()));
    optimizeMediaPath(m_client, id, false, EventSource::Manual, this, [this, id](const MediaPathOutcome &outcome) {
        if (outcome.error) {
            m_ui->qualityStatus->setText(tr("Could not read %1: %2").arg(id, outcome.error->text()));
            return;
        }
        m_ui->qualityStatus->clear();
        auto *dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("codecOrderDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("Codec order of %1").arg(m_ui->qualityChannel->currentText()));
        auto *current = new QListWidget(dialog);
        current->setObjectName(QStringLiteral("currentCodecs"));
        auto *proposed = new QListWidget(dialog);
        proposed->setObjectName(QStringLiteral("proposedCodecs"));
        for (const Codec &codec : outcome.plan.current)
            current->addItem(QStringLiteral("%1. %2").arg(codec.priority).arg(codec.name));
        for (const Codec &codec : outcome.plan.proposed)
            proposed->addItem(QStringLiteral("%1. %2").arg(codec.priority).arg(codec.name));
        auto *grid = new QGridLayout;
        grid->addWidget(new QLabel(tr("<b>Current</b>"), dialog), 0, 0);
        grid->addWidget(new QLabel(tr("<b>Proposed</b> (most robust to packet loss first)"), dialog), 0, 1);
        grid->addWidget(current, 1, 0);
        grid->addWidget(proposed, 1, 1);
        auto *note = new QLabel(dialog);
        note->setWordWrap(true);
        QString verdict;
        if (m_result && m_result->channelId == id && m_result->report.average.optimizationRequired
            && !*m_result->report.average.optimizationRequired)
            verdict = tr("%1 needs no optimisation: its quality score over the range shown is %2 (optimise below 80). ")
                          .arg(m_ui->qualityChannel->currentText(), figureText(m_result->report.average.score, 1));
        note->setObjectName(QStringLiteral("codecOrderNote"));
        note->setText(verdict + (!outcome.plan.changeNeeded()
            ? tr("The trunk already has this order and RFC 2833 DTMF with a dynamic payload type: nothing to apply.")
            : outcome.plan.mediaSettingsChange
                ? tr("Apply also sets DTMF to RFC 2833 and the RTP payload type to dynamic. The change is recorded in the audit trail.")
                : tr("Apply sends the new order to the tenant. The change is recorded in the audit trail.")));
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        QPushButton *apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
        apply->setObjectName(QStringLiteral("applyCodecOrder"));
        apply->setEnabled(outcome.plan.changeNeeded());
        auto *layout = new QVBoxLayout(dialog);
        layout->addLayout(grid);
        layout->addWidget(note);
        layout->addWidget(buttons);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
        connect(apply, &QPushButton::clicked, dialog, [this, dialog, id, apply] {
            apply->setEnabled(false);
            if (!m_client)
                return;
            QPointer<QDialog> open = dialog;
            // The operations send it and record it, as cxonectl optimize --apply does.
            auto *operations = new ChannelOperations(m_client, nullptr, queuedRecorder(m_audit), m_tenant, m_client.data());
            operations->optimizeMediaPath(id, true)->onFinished(this, [this, open, id, operations](const ApiResult<Recorded<MediaPathOutcome>> &result) {
                operations->deleteLater();
                const MediaPathOutcome &done = result.value->value;
                if (done.error) {
                    const QString message = tr("The codec order of %1 was not changed: %2").arg(id, done.error->text());
                    m_ui->qualityStatus->setText(message);
                    emit codecOrderApplied(id, false, message);
                } else {
                    const QString message = done.applied ? tr("Applied the codec order %1 to %2").arg(codecOrderText(done.plan.proposed), id)
                                                         : tr("Nothing changed on %1: it already had that order").arg(id);
                    m_ui->qualityStatus->setText(message);
                    emit codecOrderApplied(id, done.applied, message);
                }
                if (open)
                    open->accept();
            });
        });
        dialog->resize(560, 320);
        dialog->open();
    });
}

} // namespace cc::ui
