#pragma once
// How audit entries map to SQL rows, for the store, the local spool and the
// audit page's paged query alike: the column lists, an entry's content bound
// for an insert, a selected row read back into an entry, and a filter as WHERE
// conditions with their bindings.

#include "audit/audit_entry.h"
#include "audit/audit_filter.h"

#include <QString>
#include <QStringList>

class QSqlError;
class QSqlQuery;

namespace cc {

// "id, ts_ms, event_type, ..., compliance_tag": what an entry says before the
// chain links it (no seq, prev_hash, hash); the local spool keeps just these.
QString auditContentColumns();
// "seq, id, ts_ms, event_type, ...": the columns readAuditEntry() reads, in its order.
QString auditColumns();

// Binds (addBindValue) the auditContentColumns() of `entry`, in their order;
// empty text as '' (every text column is NOT NULL), never as NULL.
void bindAuditContent(QSqlQuery *query, const AuditEntry &entry);
// Fills the auditContentColumns() part of `entry` from a row that selected
// them starting at column `first`; false when the source holds no known value.
bool readAuditContent(const QSqlQuery &query, int first, AuditEntry *entry);
// The same columns as bytes (SQLite BLOB, PostgreSQL bytea), which the drivers
// hand over without a UTF-16 round trip: readAuditRawRow()'s order.
QString auditRawColumns(bool postgres);

// Fills `entry` from a row selected with auditColumns(); false when the source
// column holds no known value (the entry is still filled, source left Manual).
bool readAuditEntry(const QSqlQuery &query, AuditEntry *entry);
// Every row `query` has left, each read as readAuditEntry() does.
QList<AuditEntry> readAuditEntries(QSqlQuery *query);
// Fills `row` from a row selected with auditRawColumns().
void readAuditRawRow(const QSqlQuery &query, AuditRawRow *row);

// "ts_ms >= :from", "channel_id = :channel", ...: what `filter` asks for.
QStringList auditFilterConditions(const AuditFilter &filter);
// " WHERE a AND b", or nothing for no conditions.
QString sqlWhere(const QStringList &conditions);
void bindAuditFilter(QSqlQuery *query, const AuditFilter &filter);

// "what: the driver's text".
QString auditSqlError(const QString &what, const QSqlError &error);

} // namespace cc
