#pragma once
// The audit store's versioned migrations, per database: step i brings the
// schema from version i to i + 1, and both databases have the same versions
// (1: entries, indexes, append-only triggers, and in PostgreSQL the chain's
// head row that appends lock; 2: the export outbox's tables; 3: the alarms
// and their counter).

#include <QList>
#include <QStringList>

namespace cc {

const QList<QStringList> &sqliteAuditMigrations();
const QList<QStringList> &postgresAuditMigrations();

} // namespace cc
