#include "audit/audit_schema.h"

#include "audit/audit_entry.h"

namespace cc {

namespace {

// The tables both databases share, column for column; `integer` is the
// database's 64-bit integer type (SQLite INTEGER, PostgreSQL BIGINT).
QString entriesTable(const QString &integer)
{
    return QStringLiteral("CREATE TABLE audit_entries ("
                          " seq %1 PRIMARY KEY,")
               .arg(integer)
        + auditContentColumnsDdl(integer)
        + QStringLiteral(","
                         " prev_hash TEXT NOT NULL,"
                         " hash TEXT NOT NULL)");
}

QStringList entriesIndexes()
{
    return {
        QStringLiteral("CREATE INDEX audit_entries_ts ON audit_entries(ts_ms)"),
        QStringLiteral("CREATE INDEX audit_entries_channel ON audit_entries(channel_id, ts_ms)"),
        QStringLiteral("CREATE INDEX audit_entries_event ON audit_entries(event_type, ts_ms)"),
    };
}

QString exportCursorTable(const QString &integer)
{
    return QStringLiteral("CREATE TABLE export_cursor ("
                          " destination TEXT PRIMARY KEY,"
                          " last_sent_seq %1 NOT NULL,"
                          " updated_ms %1 NOT NULL)")
        .arg(integer);
}

// The alarms (core/alarms/alarm_store.h), beside the chain: what stands and
// what people did about it, while the chain keeps every raise, clear,
// acknowledgement and shelf as entries. One open alarm per tenant, kind and
// channel, whoever raises it. The counter hands out the ids people type and
// the revision keepers read changes by.
QStringList alarmsStep(const QString &integer)
{
    return {
        QStringLiteral("CREATE TABLE alarms ("
                       " number %1 PRIMARY KEY,"
                       " tenant_key TEXT NOT NULL,"
                       " tenant TEXT NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " channel_id TEXT NOT NULL,"
                       " channel_name TEXT NOT NULL,"
                       " summary TEXT NOT NULL,"
                       " first_seen_ms %1 NOT NULL,"
                       " last_seen_ms %1 NOT NULL,"
                       " cleared_ms %1,"
                       " ack_ms %1,"
                       " ack_by TEXT NOT NULL,"
                       " ack_comment TEXT NOT NULL,"
                       " shelved_until_ms %1,"
                       " shelved_ms %1,"
                       " shelved_by TEXT NOT NULL,"
                       " shelve_reason TEXT NOT NULL,"
                       " rev %1 NOT NULL)")
            .arg(integer),
        QStringLiteral("CREATE UNIQUE INDEX alarms_one_open ON alarms(tenant_key, kind, channel_id)"
                       " WHERE cleared_ms IS NULL"),
        QStringLiteral("CREATE INDEX alarms_rev ON alarms(tenant_key, rev)"),
        QStringLiteral("CREATE INDEX alarms_cleared ON alarms(tenant_key, cleared_ms)"),
        QStringLiteral("CREATE TABLE alarm_counter ("
                       " id INTEGER PRIMARY KEY CHECK (id = 1),"
                       " next_number %1 NOT NULL,"
                       " next_rev %1 NOT NULL)")
            .arg(integer),
        QStringLiteral("INSERT INTO alarm_counter (id, next_number, next_rev) VALUES (1, 1, 1)"),
    };
}

} // namespace

QString auditContentColumnsDdl(const QString &integer)
{
    return QStringLiteral(" id TEXT NOT NULL UNIQUE,"
                          " ts_ms %1 NOT NULL,"
                          " event_type TEXT NOT NULL,"
                          " channel_id TEXT NOT NULL,"
                          " actor TEXT NOT NULL,"
                          " source TEXT NOT NULL,"
                          " tenant TEXT NOT NULL,"
                          " details TEXT NOT NULL,"
                          " compliance_tag TEXT NOT NULL")
        .arg(integer);
}

const QList<QStringList> &sqliteAuditMigrations()
{
    const QString integer = QStringLiteral("INTEGER");
    static const QList<QStringList> steps = {
        QStringList{entriesTable(integer)} + entriesIndexes()
            + QStringList{
                QStringLiteral("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries"
                               " BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END"),
                QStringLiteral("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
                               " BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused'); END"),
            },
        {
            // The outbox keeps its own state: the entries table stays append-only.
            // One cursor per destination: every entry up to last_sent_seq was acknowledged.
            exportCursorTable(integer),
            QStringLiteral("CREATE TABLE metrics_outbox ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " created_ms INTEGER NOT NULL,"
                           " metrics TEXT NOT NULL)"),
        },
        alarmsStep(integer),
    };
    return steps;
}

const QList<QStringList> &postgresAuditMigrations()
{
    const QString integer = QStringLiteral("BIGINT");
    static const QList<QStringList> steps = {
        QStringList{entriesTable(integer)} + entriesIndexes()
            + QStringList{
                QStringLiteral("CREATE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                               " $$ BEGIN RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP; END $$"),
                QStringLiteral("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries"
                               " FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse()"),
                QStringLiteral("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries"
                               " FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse()"),
                // The chain's head: every append locks this one row (SELECT ... FOR
                // UPDATE) before it links to it, so writers in any number of
                // processes queue there and the chain never forks.
                QStringLiteral("CREATE TABLE audit_chain_head ("
                               " id INTEGER PRIMARY KEY CHECK (id = 1),"
                               " seq BIGINT NOT NULL,"
                               " hash TEXT NOT NULL)"),
                QStringLiteral("INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '%1')").arg(genesisPrevHash()),
            },
        {
            exportCursorTable(integer),
            QStringLiteral("CREATE TABLE metrics_outbox ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " created_ms BIGINT NOT NULL,"
                           " metrics TEXT NOT NULL)"),
        },
        alarmsStep(integer),
    };
    return steps;
}

} // namespace cc
