#include "audit_page_worker.h"

#include "audit/audit_page_query.h"
#include "audit/audit_store.h"

namespace cc::ui {

AuditPageWorker::AuditPageWorker(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
}

AuditPageWorker::~AuditPageWorker() = default;

bool AuditPageWorker::ensureOpen(QString *error)
{
    if (m_store && m_store->isOpen())
        return true;
    m_store = std::make_unique<AuditStore>();
    if (!m_store->open(m_path, error, AuditStore::OpenMode::ExistingOnly)) {
        m_store.reset();
        return false;
    }
    return true;
}

void AuditPageWorker::readPage(quint64 generation, const AuditFilter &filter, bool older, qint64 pastSequence, int limit)
{
    QString error;
    QList<AuditEntry> entries;
    if (ensureOpen(&error)) {
        entries = older ? AuditPageQuery::olderThan(*m_store, filter, pastSequence, limit, &error)
                        : AuditPageQuery::newerThan(*m_store, filter, pastSequence, limit, &error);
    }
    emit pageRead(generation, older, entries, error);
}

void AuditPageWorker::readEventTypes()
{
    QString error;
    QStringList types;
    if (ensureOpen(&error))
        types = AuditPageQuery::eventTypes(*m_store, &error);
    emit eventTypesRead(types);
}

} // namespace cc::ui
