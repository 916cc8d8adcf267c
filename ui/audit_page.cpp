#include "audit_page.h"

#include "audit_table_model.h"
#include "row_table.h"
#include "ui_audit_page.h"

#include "audit/audit_job.h"
#include "audit/audit_log.h"
#include "audit/export_outbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

namespace cc::ui {

AuditPage::AuditPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AuditTableModel(this))
    , m_ui(std::make_unique<Ui::AuditPage>())
{
    m_ui->setupUi(this);
    const QDateTime now = QDateTime::currentDateTime();
    m_ui->auditFrom->setDateTime(now.addDays(-1));
    m_ui->auditTo->setDateTime(now);
    m_ui->auditEventType->addItem(tr("All events"), QString());
    for (const QString &type : events::knownTypes())
        m_ui->auditEventType->addItem(type, type);

    m_ui->auditTable->setModel(m_model);
    setUpRowTable(m_ui->auditTable, QAbstractItemView::SingleSelection, 6);
    using C = AuditTableModel::Column;
    setColumnWidths(m_ui->auditTable, fontMetrics().horizontalAdvance(QLatin1Char('m')),
                    {{int(C::Sequence), 5}, {int(C::Time), 12}, {int(C::Event), 13}, {int(C::Channel), 7},
                     {int(C::Source), 6}, {int(C::Actor), 9}});
    m_ui->auditSplitter->setStretchFactor(0, 4);
    m_ui->auditSplitter->setStretchFactor(1, 1);

    connect(m_ui->auditFromEnabled, &QCheckBox::toggled, m_ui->auditFrom, &QWidget::setEnabled);
    connect(m_ui->auditToEnabled, &QCheckBox::toggled, m_ui->auditTo, &QWidget::setEnabled);
    connect(m_ui->applyFilterButton, &QPushButton::clicked, this, &AuditPage::applyFilter);
    connect(m_ui->auditChannel, &QLineEdit::returnPressed, this, &AuditPage::applyFilter);
    connect(m_ui->auditEventType, &QComboBox::activated, this, &AuditPage::applyFilter);
    connect(m_ui->exportCsvButton, &QPushButton::clicked, this, &AuditPage::exportCsvWithDialog);
    connect(m_ui->verifyButton, &QPushButton::clicked, this, &AuditPage::verifyIntegrity);
    connect(m_ui->cancelJobButton, &QPushButton::clicked, this, &AuditPage::cancelJob);
    connect(m_ui->retryExportsButton, &QPushButton::clicked, this, [this] {
        if (m_outbox)
            m_outbox->wake();
        m_ui->outboxStatus->setText(m_ui->outboxStatus->text() + tr(" · retrying…"));
    });
    connect(m_ui->auditTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showSelected);
    connect(m_model, &AuditTableModel::pageLoaded, this, [this](int, const QString &error) {
        if (!error.isEmpty()) {
            m_ui->auditStatus->setText(tr("The audit store could not be read: %1").arg(error));
            return;
        }
        const int rows = m_model->rowCount();
        const QString shown = rows == 1 ? tr("1 entry shown") : tr("%1 entries shown").arg(rows);
        m_ui->auditStatus->setText(m_model->isExhausted() ? tr("%1, newest first: all that match").arg(shown)
                                                 : tr("%1, newest first; scroll down for older ones").arg(shown));
    });
    connect(m_model, &AuditTableModel::eventTypesRead, this, [this](const QStringList &types) {
        // The product's own types always, and any other type the store holds
        // (free text from another version or a script).
        const QString current = m_ui->auditEventType->currentText();
        QStringList all = events::knownTypes() + types;
        all.sort();
        all.removeDuplicates();
        while (m_ui->auditEventType->count() > 1)
            m_ui->auditEventType->removeItem(1);
        for (const QString &type : all)
            m_ui->auditEventType->addItem(type, type);
        m_ui->auditEventType->setCurrentText(current);
    });

    setAuditLog(nullptr);
}

QTableView *AuditPage::view() const
{
    return m_ui->auditTable;
}

AuditPage::~AuditPage()
{
    if (m_job)
        m_job->cancel();
}

void AuditPage::setAuditLog(AuditLog *log, const QString &tenant)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    if (m_sharedPoll != nullptr)
        m_sharedPoll->stop();
    m_log = log;
    m_tenant = tenant;
    const bool open = log != nullptr && log->isOpen();
    m_model->setStorePath(open ? log->path() : QString());
    if (open) {
        m_model->requestEventTypes();
        // New entries appear on top as they are committed.
        connect(log, &AuditLog::entriesCommitted, this, [this] { m_model->refreshNewer(); });
        // The shared trail also holds what others write (a monitor service,
        // other consoles): read what is new every few seconds.
        if (log->isShared()) {
            if (m_sharedPoll == nullptr) {
                m_sharedPoll = new QTimer(this);
                m_sharedPoll->setInterval(kSharedPollMs);
                connect(m_sharedPoll, &QTimer::timeout, this, [this] { m_model->refreshNewer(); });
            }
            m_sharedPoll->start();
        }
        m_ui->auditStatus->setText(tr("Reading the audit trail…"));
    } else {
        m_ui->auditStatus->setText(tr("No audit store is open: the console could not open it at start-up (see the message then)."));
    }
    updateButtons();
    updateOutbox();
}

void AuditPage::setOutbox(ExportOutbox *outbox)
{
    if (m_outbox)
        disconnect(m_outbox, nullptr, this, nullptr);
    m_outbox = outbox;
    if (outbox != nullptr) {
        connect(outbox, &ExportOutbox::backlogChanged, this, &AuditPage::updateOutbox);
        connect(outbox, &ExportOutbox::lastErrorChanged, this, &AuditPage::updateOutbox);
    }
    updateOutbox();
}

void AuditPage::updateOutbox()
{
    if (!m_outbox) {
        m_ui->outboxStatus->setText(tr("Export: this profile has no export URL, so nothing is sent to an export endpoint."));
        m_ui->retryExportsButton->setEnabled(false);
        return;
    }
    QString text = tr("Export backlog: %1 entries and %2 metric rows waiting")
                       .arg(m_outbox->pendingEntries()).arg(m_outbox->pendingMetricRows());
    if (m_outbox->lastError().isEmpty())
        text += tr(" · last export succeeded");
    else
        text += tr(" · last error: %1").arg(m_outbox->lastError());
    m_ui->outboxStatus->setText(text);
    m_ui->retryExportsButton->setEnabled(true);
}

AuditFilter AuditPage::currentFilter() const
{
    AuditFilter filter;
    if (m_ui->auditFromEnabled->isChecked())
        filter.from = m_ui->auditFrom->dateTime().toUTC();
    if (m_ui->auditToEnabled->isChecked())
        filter.to = m_ui->auditTo->dateTime().toUTC();
    filter.channelId = m_ui->auditChannel->text().trimmed();
    const int index = m_ui->auditEventType->findText(m_ui->auditEventType->currentText());
    filter.eventType = index == 0 ? QString() : m_ui->auditEventType->currentText().trimmed();
    return filter;
}

void AuditPage::applyFilter()
{
    m_ui->auditDetails->clear();
    m_ui->auditStatus->setText(tr("Reading the audit trail…"));
    m_model->setFilter(currentFilter());
}

void AuditPage::showSelected()
{
    const AuditEntry *entry = m_model->entryAt(m_ui->auditTable->currentIndex().row());
    if (entry == nullptr) {
        m_ui->auditDetails->clear();
        return;
    }
    const QString details = QString::fromUtf8(QJsonDocument(entry->details()).toJson(QJsonDocument::Indented));
    m_ui->auditDetails->setPlainText(tr("Entry #%1  %2\nTime: %3 (UTC %4)\nEvent: %5\nChannel: %6\nSource: %7   Actor: %8   Tenant: %9\n")
                                .arg(entry->sequence).arg(entry->id,
                                     QDateTime::fromMSecsSinceEpoch(entry->timestampMs, Qt::UTC).toLocalTime().toString(Qt::ISODate),
                                     entry->timestampIso(), entry->eventType,
                                     entry->channelId.isEmpty() ? tr("(none)") : entry->channelId,
                                     eventSourceName(entry->source), entry->actor, entry->tenant)
                            + tr("Details:\n%1\nHash: %2\nPrevious hash: %3").arg(details, entry->hash, entry->prevHash));
}

AuditJob *AuditPage::newJob()
{
    if (m_job || !m_log || !m_log->isOpen())
        return nullptr;
    auto *job = new AuditJob(this);
    m_job = job;
    connect(job, &AuditJob::progress, this, [this](qint64 done, qint64 total) {
        m_ui->auditProgress->setRange(0, total > 0 && total < INT_MAX ? int(total) : 0);
        m_ui->auditProgress->setValue(total > 0 && total < INT_MAX ? int(done) : 0);
    });
    connect(job, &AuditJob::finished, this, [this, job] {
        job->deleteLater();
        m_job = nullptr;
        m_ui->auditProgress->setVisible(false);
        m_ui->cancelJobButton->setVisible(false);
        updateButtons();
    });
    m_ui->auditProgress->setRange(0, 0);
    m_ui->auditProgress->setVisible(true);
    m_ui->cancelJobButton->setVisible(true);
    return job;
}

bool AuditPage::jobStarted(AuditJob *job, bool started, const QString &busyText)
{
    if (!started) {
        job->deleteLater();
        return false;
    }
    showResult(busyText, true);
    updateButtons();
    return true;
}

void AuditPage::exportCsvWithDialog()
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
        + QStringLiteral("/audit-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export audit CSV"), suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

bool AuditPage::exportCsv(const QString &path)
{
    AuditJob *job = newJob();
    if (job == nullptr)
        return false;
    connect(job, &AuditJob::exported, this, [this, path](const AuditCsvResult &result) {
        if (result.ok) {
            showResult(tr("Exported %1 %2 to %3").arg(result.rows).arg(result.rows == 1 ? tr("entry") : tr("entries"), path), true);
            if (m_log) {
                AuditEvent event;
                event.eventType = QString(events::kAuditExported);
                event.source = EventSource::Manual;
                event.tenant = m_tenant;
                event.details = QJsonObject{{QStringLiteral("rows"), result.rows}, {QStringLiteral("file"), path}};
                m_log->append(event);
            }
        } else if (result.cancelled) {
            showResult(tr("Export cancelled: no file was written"), false);
        } else {
            showResult(tr("Export to %1 failed: %2. Choose another folder or free some space, then export again.")
                           .arg(path, result.error), false);
        }
        emit exportFinished(result);
    });
    return jobStarted(job, job->startCsvExport(m_log->path(), path, currentFilter()), tr("Exporting…"));
}

bool AuditPage::verifyIntegrity()
{
    AuditJob *job = newJob();
    if (job == nullptr)
        return false;
    connect(job, &AuditJob::verified, this, [this](const AuditVerifyResult &result) {
        if (result.intact()) {
            showResult(tr("Intact: all %1 entries check out against their hash chain").arg(result.checked), true);
        } else if (result.problem == AuditVerifyResult::Problem::Cancelled) {
            showResult(tr("Verification cancelled after %1 entries: nothing is known about the rest").arg(result.checked), false);
        } else {
            showResult(tr("BROKEN at entry #%1%2: %3. Keep this file as evidence and restore the trail from a backup or "
                          "the export endpoint's copy.")
                           .arg(result.sequence)
                           .arg(result.id.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(result.id), result.message),
                       false);
        }
        emit verifyFinished(result);
    });
    return jobStarted(job, job->startVerify(m_log->path()), tr("Verifying the hash chain…"));
}

void AuditPage::cancelJob()
{
    if (m_job)
        m_job->cancel();
}

bool AuditPage::isJobRunning() const
{
    return !m_job.isNull();
}

QString AuditPage::resultText() const
{
    return m_ui->auditResult->text();
}

void AuditPage::showResult(const QString &text, bool good)
{
    m_ui->auditResult->setText(text);
    m_ui->auditResult->setStyleSheet(good ? QString() : QStringLiteral("color: #b00020; font-weight: bold;"));
}

void AuditPage::updateButtons()
{
    const bool open = m_log && m_log->isOpen();
    m_ui->exportCsvButton->setEnabled(open && !m_job);
    m_ui->verifyButton->setEnabled(open && !m_job);
    m_ui->applyFilterButton->setEnabled(open);
}

} // namespace cc::ui
