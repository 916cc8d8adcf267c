#include "audit/audit_job.h"

#include "audit/audit_store.h"

namespace cc {

AuditJob::AuditJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<cc::AuditVerifyResult>();
    qRegisterMetaType<cc::AuditCsvResult>();
    qRegisterMetaType<cc::AuditEntry>();
}

AuditJob::~AuditJob()
{
    cancel();
    m_thread.reset();
}

void AuditJob::cancel()
{
    m_cancel.store(true);
}

bool AuditJob::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void AuditJob::reportProgress(qint64 done, qint64 total)
{
    QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
}

bool AuditJob::start(std::function<void()> work)
{
    if (isRunning())
        return false;
    m_thread.reset();
    m_cancel.store(false);
    m_thread.reset(QThread::create(std::move(work)));
    m_thread->setObjectName(QStringLiteral("cc-audit-job"));
    connect(m_thread.get(), &QThread::finished, this, &AuditJob::finished);
    m_thread->start(QThread::LowPriority);
    return true;
}

bool AuditJob::startVerify(const QString &dbPath)
{
    return start([this, dbPath] {
        AuditStore store;
        AuditVerifyResult result;
        QString error;
        if (!store.open(dbPath, &error, AuditStore::OpenMode::ExistingOnly)) {
            result.problem = AuditVerifyResult::Problem::StoreError;
            result.message = error;
        } else {
            const qint64 total = store.lastSequence();
            result = store.verify([this, total](qint64 checked) {
                reportProgress(checked, total);
                return !m_cancel.load();
            });
        }
        QMetaObject::invokeMethod(this, [this, result] { emit verified(result); }, Qt::QueuedConnection);
    });
}

bool AuditJob::startCsvExport(const QString &dbPath, const QString &csvPath, const AuditFilter &filter,
                              const AuditCsvOptions &options)
{
    return start([this, dbPath, csvPath, filter, options] {
        AuditStore store;
        AuditCsvResult result;
        if (store.open(dbPath, &result.error, AuditStore::OpenMode::ExistingOnly)) {
            result = AuditCsvWriter::writeFile(store, csvPath, filter, options,
                                               [this](qint64 written, qint64 total) {
                                                   reportProgress(written, total);
                                                   return !m_cancel.load();
                                               });
        }
        QMetaObject::invokeMethod(this, [this, result] { emit exported(result); }, Qt::QueuedConnection);
    });
}

bool AuditJob::startTail(const QString &dbPath, int count)
{
    return start([this, dbPath, count] {
        AuditStore store;
        QString error;
        QList<AuditEntry> entries;
        if (store.open(dbPath, &error, AuditStore::OpenMode::ExistingOnly))
            entries = store.tail(count, &error);
        QMetaObject::invokeMethod(this, [this, entries, error] { emit tailRead(entries, error); },
                                  Qt::QueuedConnection);
    });
}

} // namespace cc
