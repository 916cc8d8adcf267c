#include "audit/audit_page_query.h"

#include "audit/audit_rows.h"
#include "audit/audit_store.h"
#include "common/error_out.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cc {

namespace {

QList<AuditEntry> page(const AuditStore &store, const AuditFilter &filter, const QString &sequenceCondition,
                       qint64 sequence, int limit, QString *error)
{
    QStringList where = auditFilterConditions(filter);
    if (!sequenceCondition.isEmpty())
        where.prepend(sequenceCondition);
    // "+seq" in ORDER BY would stop SQLite from walking the primary key; plain
    // "seq DESC" lets it read from the newest end and stop after `limit` rows.
    const QString sql = QStringLiteral("SELECT ") + auditColumns() + QStringLiteral(" FROM audit_entries") + sqlWhere(where)
        + QStringLiteral(" ORDER BY seq DESC LIMIT :limit");
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        setError(error, QStringLiteral("reading audit entries: ") + query.lastError().text());
        return {};
    }
    if (!sequenceCondition.isEmpty())
        query.bindValue(QStringLiteral(":seq"), sequence);
    bindAuditFilter(&query, filter);
    query.bindValue(QStringLiteral(":limit"), limit);
    if (!query.exec()) {
        setError(error, QStringLiteral("reading audit entries: ") + query.lastError().text());
        return {};
    }
    return readAuditEntries(&query);
}

} // namespace

QList<AuditEntry> AuditPageQuery::olderThan(const AuditStore &store, const AuditFilter &filter, qint64 beforeSequence,
                                            int limit, QString *error)
{
    return page(store, filter, beforeSequence > 0 ? QStringLiteral("seq < :seq") : QString(), beforeSequence, limit,
                error);
}

QList<AuditEntry> AuditPageQuery::newerThan(const AuditStore &store, const AuditFilter &filter, qint64 afterSequence,
                                            int limit, QString *error)
{
    return page(store, filter, QStringLiteral("seq > :seq"), afterSequence, limit, error);
}

QStringList AuditPageQuery::eventTypes(const AuditStore &store, QString *error)
{
    QStringList types;
    QSqlQuery query(store.database());
    // Walks the event_type index; SQLite skips from one distinct value to the next.
    if (!query.exec(QStringLiteral("SELECT DISTINCT event_type FROM audit_entries ORDER BY event_type"))) {
        if (error)
            *error = QStringLiteral("reading audit event types: ") + query.lastError().text();
        return types;
    }
    while (query.next())
        types.append(query.value(0).toString());
    return types;
}

} // namespace cc
