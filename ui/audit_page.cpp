#include "audit_page.h"

#include "audit_table_model.h"

#include "audit/audit_job.h"
#include "audit/audit_log.h"
#include "audit/export_outbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace cc::ui {

AuditPage::AuditPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AuditTableModel(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_fromBox(new QCheckBox(tr("From"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toBox(new QCheckBox(tr("to"), this))
    , m_to(new QDateTimeEdit(this))
    , m_channel(new QLineEdit(this))
    , m_eventType(new QComboBox(this))
    , m_apply(new QPushButton(tr("Apply filter"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_verify(new QPushButton(tr("Verify integrity"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_result(new QLabel(this))
    , m_status(new QLabel(this))
    , m_outboxLabel(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry now"), this))
{
    setObjectName(QStringLiteral("auditPage"));
    const QDateTime now = QDateTime::currentDateTime();
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setEnabled(false);
    }
    m_from->setDateTime(now.addDays(-1));
    m_to->setDateTime(now);
    m_fromBox->setObjectName(QStringLiteral("auditFromEnabled"));
    m_toBox->setObjectName(QStringLiteral("auditToEnabled"));
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_channel->setObjectName(QStringLiteral("auditChannel"));
    m_channel->setPlaceholderText(tr("Channel id (all)"));
    m_channel->setClearButtonEnabled(true);
    m_channel->setAccessibleName(tr("Channel"));
    m_eventType->setObjectName(QStringLiteral("auditEventType"));
    m_eventType->setEditable(true);
    m_eventType->setAccessibleName(tr("Event type"));
    m_eventType->setToolTip(tr("Show only entries of this event type"));
    m_eventType->addItem(tr("All events"), QString());
    for (const QString &type : events::knownTypes())
        m_eventType->addItem(type, type);
    m_eventType->setMinimumContentsLength(18);
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_retry->setObjectName(QStringLiteral("retryExportsButton"));
    m_result->setObjectName(QStringLiteral("auditResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_outboxLabel->setObjectName(QStringLiteral("outboxStatus"));
    m_outboxLabel->setWordWrap(true);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);

    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    m_view->setColumnWidth(int(AuditTableModel::Column::Sequence), em * 5);
    m_view->setColumnWidth(int(AuditTableModel::Column::Time), em * 12);
    m_view->setColumnWidth(int(AuditTableModel::Column::Event), em * 13);
    m_view->setColumnWidth(int(AuditTableModel::Column::Channel), em * 7);
    m_view->setColumnWidth(int(AuditTableModel::Column::Source), em * 6);
    m_view->setColumnWidth(int(AuditTableModel::Column::Actor), em * 9);

    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select an entry to see all of it here."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_fromBox);
    filters->addWidget(m_from);
    filters->addWidget(m_toBox);
    filters->addWidget(m_to);
    filters->addWidget(m_channel, 1);
    filters->addWidget(m_eventType, 1);
    filters->addWidget(m_apply);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_export);
    actions->addWidget(m_verify);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_cancel);
    actions->addWidget(m_result, 2);

    auto *outbox = new QHBoxLayout;
    outbox->addWidget(m_outboxLabel, 1);
    outbox->addWidget(m_retry);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    layout->addLayout(actions);
    layout->addLayout(outbox);

    connect(m_fromBox, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toBox, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_apply, &QPushButton::clicked, this, &AuditPage::applyFilter);
    connect(m_channel, &QLineEdit::returnPressed, this, &AuditPage::applyFilter);
    connect(m_eventType, &QComboBox::activated, this, &AuditPage::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::exportCsvWithDialog);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyIntegrity);
    connect(m_cancel, &QPushButton::clicked, this, &AuditPage::cancelJob);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_outbox)
            m_outbox->wake();
        m_outboxLabel->setText(m_outboxLabel->text() + tr(" · retrying…"));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showSelected);
    connect(m_model, &AuditTableModel::pageLoaded, this, [this](int, const QString &error) {
        if (!error.isEmpty()) {
            m_status->setText(tr("The audit store could not be read: %1").arg(error));
            return;
        }
        const int rows = m_model->rowCount();
        const QString shown = rows == 1 ? tr("1 entry shown") : tr("%1 entries shown").arg(rows);
        m_status->setText(m_model->isExhausted() ? tr("%1, newest first: all that match").arg(shown)
                                                 : tr("%1, newest first; scroll down for older ones").arg(shown));
    });
    connect(m_model, &AuditTableModel::eventTypesRead, this, [this](const QStringList &types) {
        // The product's own types always, and any other type the store holds
        // (free text from another version or a script).
        const QString current = m_eventType->currentText();
        QStringList all = events::knownTypes() + types;
        all.sort();
        all.removeDuplicates();
        while (m_eventType->count() > 1)
            m_eventType->removeItem(1);
        for (const QString &type : all)
            m_eventType->addItem(type, type);
        m_eventType->setCurrentText(current);
    });

    setAuditLog(nullptr);
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
        m_status->setText(tr("Reading the audit trail…"));
    } else {
        m_status->setText(tr("No audit store is open: the console could not open it at start-up (see the message then)."));
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
        m_outboxLabel->setText(tr("Export: this profile has no export URL, so nothing is sent to an export endpoint."));
        m_retry->setEnabled(false);
        return;
    }
    QString text = tr("Export backlog: %1 entries and %2 metric rows waiting")
                       .arg(m_outbox->pendingEntries()).arg(m_outbox->pendingMetricRows());
    if (m_outbox->lastError().isEmpty())
        text += tr(" · last export succeeded");
    else
        text += tr(" · last error: %1").arg(m_outbox->lastError());
    m_outboxLabel->setText(text);
    m_retry->setEnabled(true);
}

AuditFilter AuditPage::currentFilter() const
{
    AuditFilter filter;
    if (m_fromBox->isChecked())
        filter.from = m_from->dateTime().toUTC();
    if (m_toBox->isChecked())
        filter.to = m_to->dateTime().toUTC();
    filter.channelId = m_channel->text().trimmed();
    const int index = m_eventType->findText(m_eventType->currentText());
    filter.eventType = index == 0 ? QString() : m_eventType->currentText().trimmed();
    return filter;
}

void AuditPage::applyFilter()
{
    m_details->clear();
    m_status->setText(tr("Reading the audit trail…"));
    m_model->setFilter(currentFilter());
}

void AuditPage::showSelected()
{
    const AuditEntry *entry = m_model->entryAt(m_view->currentIndex().row());
    if (entry == nullptr) {
        m_details->clear();
        return;
    }
    const QString details = QString::fromUtf8(QJsonDocument(entry->details()).toJson(QJsonDocument::Indented));
    m_details->setPlainText(tr("Entry #%1  %2\nTime: %3 (UTC %4)\nEvent: %5\nChannel: %6\nSource: %7   Actor: %8   Tenant: %9\n")
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
        m_progress->setRange(0, total > 0 && total < INT_MAX ? int(total) : 0);
        m_progress->setValue(total > 0 && total < INT_MAX ? int(done) : 0);
    });
    connect(job, &AuditJob::finished, this, [this, job] {
        job->deleteLater();
        m_job = nullptr;
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
        updateButtons();
    });
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    return job;
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
    if (!job->startCsvExport(m_log->path(), path, currentFilter())) {
        job->deleteLater();
        return false;
    }
    showResult(tr("Exporting…"), true);
    updateButtons();
    return true;
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
    if (!job->startVerify(m_log->path())) {
        job->deleteLater();
        return false;
    }
    showResult(tr("Verifying the hash chain…"), true);
    updateButtons();
    return true;
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
    return m_result->text();
}

void AuditPage::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    m_result->setStyleSheet(good ? QString() : QStringLiteral("color: #b00020; font-weight: bold;"));
}

void AuditPage::updateButtons()
{
    const bool open = m_log && m_log->isOpen();
    m_export->setEnabled(open && !m_job);
    m_verify->setEnabled(open && !m_job);
    m_apply->setEnabled(open);
}

} // namespace cc::ui
