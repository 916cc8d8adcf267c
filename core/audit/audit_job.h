#pragma once
// One long read of the audit store (verify the chain, export CSV, read the newest
// entries) on its own thread with its own connection, so the UI never waits on
// it: progress and the result arrive as signals on the owner's thread, and
// cancel() stops it within a few thousand entries. One job per object; destroying
// the object cancels the job and waits for its thread.

#include "audit/audit_csv_writer.h"
#include "audit/audit_entry.h"
#include "audit/audit_filter.h"
#include "audit/audit_verify_result.h"
#include "common/owned_thread.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace cc {

class AuditJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditJob)

public:
    explicit AuditJob(QObject *parent = nullptr);
    ~AuditJob() override;

    // Each starts the job; false when one is already running.
    bool startVerify(const QString &dbPath);
    bool startCsvExport(const QString &dbPath, const QString &csvPath, const AuditFilter &filter,
                        const AuditCsvOptions &options = {});
    bool startTail(const QString &dbPath, int count);

    void cancel();
    bool isRunning() const;

signals:
    void progress(qint64 done, qint64 total);
    void verified(const cc::AuditVerifyResult &result);
    void exported(const cc::AuditCsvResult &result);
    void tailRead(const QList<cc::AuditEntry> &entries, const QString &error);
    void finished();

private:
    bool start(std::function<void()> work);
    void reportProgress(qint64 done, qint64 total);

    std::atomic<bool> m_cancel{false};
    OwnedThread m_thread;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::AuditCsvResult)
