#include "audit/audit_store_rows.h"

#include <QSqlQuery>
#include <QVariant>

namespace cc {

const QString &auditColumns()
{
    static const QString columns = QStringLiteral(
        "seq, id, ts_ms, event_type, channel_id, actor, source, tenant, details, compliance_tag, prev_hash, hash");
    return columns;
}

const QString &auditRawColumns(bool postgres)
{
    // QSQLITE hands BLOBs over as UTF-8 bytes, without the UTF-16 round trip a
    // TEXT value takes; QPSQL does the same for bytea.
    static const QString sqlite = QStringLiteral(
        "seq, ts_ms, CAST(id AS BLOB), CAST(event_type AS BLOB), CAST(channel_id AS BLOB), CAST(actor AS BLOB),"
        " CAST(source AS BLOB), CAST(tenant AS BLOB), CAST(details AS BLOB), CAST(compliance_tag AS BLOB),"
        " CAST(prev_hash AS BLOB), CAST(hash AS BLOB)");
    static const QString postgresColumns = QStringLiteral(
        "seq, ts_ms, convert_to(id, 'UTF8'), convert_to(event_type, 'UTF8'), convert_to(channel_id, 'UTF8'),"
        " convert_to(actor, 'UTF8'), convert_to(source, 'UTF8'), convert_to(tenant, 'UTF8'), convert_to(details, 'UTF8'),"
        " convert_to(compliance_tag, 'UTF8'), convert_to(prev_hash, 'UTF8'), convert_to(hash, 'UTF8')");
    return postgres ? postgresColumns : sqlite;
}

bool readAuditEntry(const QSqlQuery &query, AuditEntry *entry)
{
    entry->sequence = query.value(0).toLongLong();
    entry->id = query.value(1).toString();
    entry->timestampMs = query.value(2).toLongLong();
    entry->eventType = query.value(3).toString();
    entry->channelId = query.value(4).toString();
    entry->actor = query.value(5).toString();
    const bool sourceOk = parseAuditSource(query.value(6).toString(), &entry->source);
    entry->tenant = query.value(7).toString();
    entry->detailsJson = query.value(8).toString();
    entry->complianceTag = query.value(9).toString();
    entry->prevHash = query.value(10).toString();
    entry->hash = query.value(11).toString();
    return sourceOk;
}

void readAuditRawRow(const QSqlQuery &query, AuditRawRow *row)
{
    row->sequence = query.value(0).toLongLong();
    row->timestampMs = query.value(1).toLongLong();
    row->id = query.value(2).toByteArray();
    row->eventType = query.value(3).toByteArray();
    row->channelId = query.value(4).toByteArray();
    row->actor = query.value(5).toByteArray();
    row->source = query.value(6).toByteArray();
    row->tenant = query.value(7).toByteArray();
    row->details = query.value(8).toByteArray();
    row->complianceTag = query.value(9).toByteArray();
    row->prevHash = query.value(10).toByteArray();
    row->hash = query.value(11).toByteArray();
}

} // namespace cc
