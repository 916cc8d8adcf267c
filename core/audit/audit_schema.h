#pragma once
// The audit store's versioned migrations, per database: step i brings the
// schema from version i to i + 1, and both databases have the same versions
// (1: entries, indexes, append-only triggers, and in PostgreSQL the chain's
// head row that appends lock; 2: the export outbox's tables; 3: the alarms
// and their counter).

#include <QList>
#include <QString>
#include <QStringList>

namespace cc {

// " id TEXT NOT NULL UNIQUE, ts_ms <integer> NOT NULL, ..., compliance_tag TEXT
// NOT NULL": the declarations of auditContentColumns() (audit_rows.h), as the
// trail's entries table and the local spool's table both declare them.
QString auditContentColumnsDdl(const QString &integer);

const QList<QStringList> &sqliteAuditMigrations();
const QList<QStringList> &postgresAuditMigrations();

} // namespace cc
