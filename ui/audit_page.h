#pragma once
// The Audit page: the audit trail in a lazily fetched table (AuditTableModel)
// with filters by time, channel and event type and the selected entry shown in
// full; "Export CSV…" and "Verify integrity" as background AuditJobs with
// progress and cancel; the export outbox's backlog and last error with
// "Retry now".

#include "audit/audit_csv_writer.h"
#include "audit/audit_verify_result.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QTableView;
class QTimer;

namespace cc {
class AuditJob;
class AuditLog;
class ExportOutbox;
struct AuditFilter;
}

namespace cc::ui {

class AuditTableModel;

namespace Ui {
class AuditPage;
}

class AuditPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPage)

public:
    explicit AuditPage(QWidget *parent = nullptr);
    ~AuditPage() override;

    // The trail to browse (not owned; null: the store could not be opened).
    // Exports are recorded in it under `tenant`.
    // A shared trail (postgresql://) is read again every kSharedPollMs for what
    // others wrote there.
    void setAuditLog(AuditLog *log, const QString &tenant = {});
    static constexpr int kSharedPollMs = 3000;
    void setTenant(const QString &tenant) { m_tenant = tenant; }
    // The connected profile's outbox (not owned; null when the profile exports nothing).
    void setOutbox(ExportOutbox *outbox);

    // The filter the controls describe, and applying it to the table.
    AuditFilter currentFilter() const;
    void applyFilter();

    // Asks for a file, then exports the filtered entries to it.
    void exportCsvWithDialog();
    // Exports the filtered entries to `path` (false when a job is running or there is no store).
    bool exportCsv(const QString &path);
    bool verifyIntegrity();
    void cancelJob();
    bool isJobRunning() const;

    AuditTableModel *model() const { return m_model; }
    QTableView *view() const;
    QString resultText() const;

signals:
    void exportFinished(const cc::AuditCsvResult &result);
    void verifyFinished(const cc::AuditVerifyResult &result);

private:
    AuditJob *newJob();
    // After `job` was asked to start: says it is `busyText`, or drops it when it did not start.
    bool jobStarted(AuditJob *job, bool started, const QString &busyText);
    void showSelected();
    void updateOutbox();
    void updateButtons();
    void showResult(const QString &text, bool good);

    QPointer<AuditLog> m_log;
    QPointer<ExportOutbox> m_outbox;
    QPointer<AuditJob> m_job;
    QString m_tenant;
    AuditTableModel *m_model;
    std::unique_ptr<Ui::AuditPage> m_ui;
    QTimer *m_sharedPoll = nullptr;
};

} // namespace cc::ui
