#include "audit/audit_schema.h"

#include "audit/audit_entry.h"

namespace cc {

const QList<QStringList> &sqliteAuditMigrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE audit_entries ("
                           " seq INTEGER PRIMARY KEY,"
                           " id TEXT NOT NULL UNIQUE,"
                           " ts_ms INTEGER NOT NULL,"
                           " event_type TEXT NOT NULL,"
                           " channel_id TEXT NOT NULL,"
                           " actor TEXT NOT NULL,"
                           " source TEXT NOT NULL,"
                           " tenant TEXT NOT NULL,"
                           " details TEXT NOT NULL,"
                           " compliance_tag TEXT NOT NULL,"
                           " prev_hash TEXT NOT NULL,"
                           " hash TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX audit_entries_ts ON audit_entries(ts_ms)"),
            QStringLiteral("CREATE INDEX audit_entries_channel ON audit_entries(channel_id, ts_ms)"),
            QStringLiteral("CREATE INDEX audit_entries_event ON audit_entries(event_type, ts_ms)"),
            QStringLiteral("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries"
                           " BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END"),
            QStringLiteral("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries"
                           " BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused'); END"),
        },
        {
            // The outbox keeps its own state: the entries table stays append-only.
            // One cursor per destination: every entry up to last_sent_seq was acknowledged.
            QStringLiteral("CREATE TABLE export_cursor ("
                           " destination TEXT PRIMARY KEY,"
                           " last_sent_seq INTEGER NOT NULL,"
                           " updated_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE metrics_outbox ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " created_ms INTEGER NOT NULL,"
                           " metrics TEXT NOT NULL)"),
        },
    };
    return steps;
}

const QList<QStringList> &postgresAuditMigrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE audit_entries ("
                           " seq BIGINT PRIMARY KEY,"
                           " id TEXT NOT NULL UNIQUE,"
                           " ts_ms BIGINT NOT NULL,"
                           " event_type TEXT NOT NULL,"
                           " channel_id TEXT NOT NULL,"
                           " actor TEXT NOT NULL,"
                           " source TEXT NOT NULL,"
                           " tenant TEXT NOT NULL,"
                           " details TEXT NOT NULL,"
                           " compliance_tag TEXT NOT NULL,"
                           " prev_hash TEXT NOT NULL,"
                           " hash TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX audit_entries_ts ON audit_entries(ts_ms)"),
            QStringLiteral("CREATE INDEX audit_entries_channel ON audit_entries(channel_id, ts_ms)"),
            QStringLiteral("CREATE INDEX audit_entries_event ON audit_entries(event_type, ts_ms)"),
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
            QStringLiteral("CREATE TABLE export_cursor ("
                           " destination TEXT PRIMARY KEY,"
                           " last_sent_seq BIGINT NOT NULL,"
                           " updated_ms BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE metrics_outbox ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " created_ms BIGINT NOT NULL,"
                           " metrics TEXT NOT NULL)"),
        },
    };
    return steps;
}

} // namespace cc
