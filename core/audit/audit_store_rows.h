#pragma once
// How AuditStore selects and reads its entries' columns, shared by its reads
// (audit_store.cpp) and its chain walk (audit_store_verify.cpp).

#include "audit/audit_entry.h"

#include <QString>

class QSqlQuery;

namespace cc {

// seq, id, ts_ms, event_type, channel_id, actor, source, tenant, details,
// compliance_tag, prev_hash, hash.
const QString &auditColumns();
// seq, ts_ms and the same text columns as UTF-8 bytes (SQLite BLOB, PostgreSQL
// bytea), so a million rows are read without a UTF-16 round trip each.
const QString &auditRawColumns(bool postgres);

// Fills `entry` from a row selected with auditColumns(); false when the source
// column holds no known value (the entry is still filled, source left Manual).
bool readAuditEntry(const QSqlQuery &query, AuditEntry *entry);
// Fills `row` from a row selected with auditRawColumns().
void readAuditRawRow(const QSqlQuery &query, AuditRawRow *row);

} // namespace cc
