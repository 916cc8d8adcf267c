#include "audit/audit_rows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cc {

namespace {

// A null QString binds as SQL NULL; every text column is NOT NULL and empty is meant.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

QString auditContentColumns()
{
    return QStringLiteral("id, ts_ms, event_type, channel_id, actor, source, tenant, details, compliance_tag");
}

QString auditColumns()
{
    return QStringLiteral("seq, ") + auditContentColumns() + QStringLiteral(", prev_hash, hash");
}

void bindAuditContent(QSqlQuery *query, const AuditEntry &entry)
{
    query->addBindValue(text(entry.id));
    query->addBindValue(entry.timestampMs);
    query->addBindValue(text(entry.eventType));
    query->addBindValue(text(entry.channelId));
    query->addBindValue(text(entry.actor));
    query->addBindValue(eventSourceName(entry.source));
    query->addBindValue(text(entry.tenant));
    query->addBindValue(text(entry.detailsJson));
    query->addBindValue(text(entry.complianceTag));
}

bool readAuditContent(const QSqlQuery &query, int first, AuditEntry *entry)
{
    entry->id = query.value(first).toString();
    entry->timestampMs = query.value(first + 1).toLongLong();
    entry->eventType = query.value(first + 2).toString();
    entry->channelId = query.value(first + 3).toString();
    entry->actor = query.value(first + 4).toString();
    const bool sourceOk = parseEventSource(query.value(first + 5).toString(), &entry->source);
    entry->tenant = query.value(first + 6).toString();
    entry->detailsJson = query.value(first + 7).toString();
    entry->complianceTag = query.value(first + 8).toString();
    return sourceOk;
}

QString auditRawColumns(bool postgres)
{
    if (postgres) {
        return QStringLiteral(
            "seq, ts_ms, convert_to(id, 'UTF8'), convert_to(event_type, 'UTF8'), convert_to(channel_id, 'UTF8'),"
            " convert_to(actor, 'UTF8'), convert_to(source, 'UTF8'), convert_to(tenant, 'UTF8'), convert_to(details, 'UTF8'),"
            " convert_to(compliance_tag, 'UTF8'), convert_to(prev_hash, 'UTF8'), convert_to(hash, 'UTF8')");
    }
    return QStringLiteral(
        "seq, ts_ms, CAST(id AS BLOB), CAST(event_type AS BLOB), CAST(channel_id AS BLOB), CAST(actor AS BLOB),"
        " CAST(source AS BLOB), CAST(tenant AS BLOB), CAST(details AS BLOB), CAST(compliance_tag AS BLOB),"
        " CAST(prev_hash AS BLOB), CAST(hash AS BLOB)");
}

bool readAuditEntry(const QSqlQuery &query, AuditEntry *entry)
{
    entry->sequence = query.value(0).toLongLong();
    const bool sourceOk = readAuditContent(query, 1, entry);
    entry->prevHash = query.value(10).toString();
    entry->hash = query.value(11).toString();
    return sourceOk;
}

QList<AuditEntry> readAuditEntries(QSqlQuery *query)
{
    QList<AuditEntry> entries;
    while (query->next()) {
        AuditEntry entry;
        readAuditEntry(*query, &entry);
        entries.append(entry);
    }
    return entries;
}

void readAuditRawRow(const QSqlQuery &query, AuditRawRow *row)
{
    // Columns 2 on, in auditRawColumns()' order.
    static constexpr QByteArray AuditRawRow::*kTextColumns[] = {
        &AuditRawRow::id, &AuditRawRow::eventType, &AuditRawRow::channelId, &AuditRawRow::actor,
        &AuditRawRow::source, &AuditRawRow::tenant, &AuditRawRow::details, &AuditRawRow::complianceTag,
        &AuditRawRow::prevHash, &AuditRawRow::hash,
    };
    row->sequence = query.value(0).toLongLong();
    row->timestampMs = query.value(1).toLongLong();
    int column = 2;
    for (QByteArray AuditRawRow::*text : kTextColumns)
        row->*text = query.value(column++).toByteArray();
}

QStringList auditFilterConditions(const AuditFilter &filter)
{
    QStringList conditions;
    if (filter.from.isValid())
        conditions << QStringLiteral("ts_ms >= :from");
    if (filter.to.isValid())
        conditions << QStringLiteral("ts_ms < :to");
    if (!filter.channelId.isEmpty())
        conditions << QStringLiteral("channel_id = :channel");
    if (!filter.eventType.isEmpty())
        conditions << QStringLiteral("event_type = :event");
    return conditions;
}

QString sqlWhere(const QStringList &conditions)
{
    if (conditions.isEmpty())
        return QString();
    return QStringLiteral(" WHERE ") + conditions.join(QLatin1String(" AND "));
}

void bindAuditFilter(QSqlQuery *query, const AuditFilter &filter)
{
    if (filter.from.isValid())
        query->bindValue(QStringLiteral(":from"), filter.from.toMSecsSinceEpoch());
    if (filter.to.isValid())
        query->bindValue(QStringLiteral(":to"), filter.to.toMSecsSinceEpoch());
    if (!filter.channelId.isEmpty())
        query->bindValue(QStringLiteral(":channel"), filter.channelId);
    if (!filter.eventType.isEmpty())
        query->bindValue(QStringLiteral(":event"), filter.eventType);
}

QString auditSqlError(const QString &what, const QSqlError &error)
{
    return what + QStringLiteral(": ") + error.text();
}

} // namespace cc
