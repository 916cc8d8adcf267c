#include "audit/audit_page_query.h"

#include "audit/audit_store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cc {

namespace {

QList<AuditEntry> page(const AuditStore &store, const AuditFilter &filter, const QString &sequenceCondition,
                       qint64 sequence, int limit, QString *error)
{
    QStringList where;
    if (!sequenceCondition.isEmpty())
        where << sequenceCondition;
    if (filter.from.isValid())
        where << QStringLiteral("ts_ms >= :from");
    if (filter.to.isValid())
        where << QStringLiteral("ts_ms < :to");
    if (!filter.channelId.isEmpty())
        where << QStringLiteral("channel_id = :channel");
    if (!filter.eventType.isEmpty())
        where << QStringLiteral("event_type = :event");
    // "+seq" in ORDER BY would stop SQLite from walking the primary key; plain
    // "seq DESC" lets it read from the newest end and stop after `limit` rows.
    const QString sql = QStringLiteral("SELECT seq, id, ts_ms, event_type, channel_id, actor, source, tenant, details,"
                                       " compliance_tag, prev_hash, hash FROM audit_entries")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND ")))
        + QStringLiteral(" ORDER BY seq DESC LIMIT :limit");
    QList<AuditEntry> entries;
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        if (error)
            *error = QStringLiteral("reading audit entries: ") + query.lastError().text();
        return entries;
    }
    if (!sequenceCondition.isEmpty())
        query.bindValue(QStringLiteral(":seq"), sequence);
    if (filter.from.isValid())
        query.bindValue(QStringLiteral(":from"), filter.from.toMSecsSinceEpoch());
    if (filter.to.isValid())
        query.bindValue(QStringLiteral(":to"), filter.to.toMSecsSinceEpoch());
    if (!filter.channelId.isEmpty())
        query.bindValue(QStringLiteral(":channel"), filter.channelId);
    if (!filter.eventType.isEmpty())
        query.bindValue(QStringLiteral(":event"), filter.eventType);
    query.bindValue(QStringLiteral(":limit"), limit);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("reading audit entries: ") + query.lastError().text();
        return entries;
    }
    while (query.next()) {
        AuditEntry entry;
        entry.sequence = query.value(0).toLongLong();
        entry.id = query.value(1).toString();
        entry.timestampMs = query.value(2).toLongLong();
        entry.eventType = query.value(3).toString();
        entry.channelId = query.value(4).toString();
        entry.actor = query.value(5).toString();
        parseEventSource(query.value(6).toString(), &entry.source);
        entry.tenant = query.value(7).toString();
        entry.detailsJson = query.value(8).toString();
        entry.complianceTag = query.value(9).toString();
        entry.prevHash = query.value(10).toString();
        entry.hash = query.value(11).toString();
        entries.append(entry);
    }
    return entries;
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
