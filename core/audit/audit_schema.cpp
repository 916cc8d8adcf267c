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
        {
            // The alarms (core/alarms/alarm_store.h), beside the chain: what
            // stands and what people did about it, while the chain keeps every
            // raise, clear, acknowledgement and shelf as entries. One open alarm
            // per tenant, kind and channel, whoever raises it. The counter hands
            // out the ids people type and the revision keepers read changes by.
            QStringLiteral("CREATE TABLE alarms ("
                           " number INTEGER PRIMARY KEY,"
                           " tenant_key TEXT NOT NULL,"
                           " tenant TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " channel_id TEXT NOT NULL,"
                           " channel_name TEXT NOT NULL,"
                           " summary TEXT NOT NULL,"
                           " first_seen_ms INTEGER NOT NULL,"
                           " last_seen_ms INTEGER NOT NULL,"
                           " cleared_ms INTEGER,"
                           " ack_ms INTEGER,"
                           " ack_by TEXT NOT NULL,"
                           " ack_comment TEXT NOT NULL,"
                           " shelved_until_ms INTEGER,"
                           " shelved_ms INTEGER,"
                           " shelved_by TEXT NOT NULL,"
                           " shelve_reason TEXT NOT NULL,"
                           " rev INTEGER NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX alarms_one_open ON alarms(tenant_key, kind, channel_id)"
                           " WHERE cleared_ms IS NULL"),
            QStringLiteral("CREATE INDEX alarms_rev ON alarms(tenant_key, rev)"),
            QStringLiteral("CREATE INDEX alarms_cleared ON alarms(tenant_key, cleared_ms)"),
            QStringLiteral("CREATE TABLE alarm_counter ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " next_number INTEGER NOT NULL,"
                           " next_rev INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO alarm_counter (id, next_number, next_rev) VALUES (1, 1, 1)"),
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
        {
            QStringLiteral("CREATE TABLE alarms ("
                           " number BIGINT PRIMARY KEY,"
                           " tenant_key TEXT NOT NULL,"
                           " tenant TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " channel_id TEXT NOT NULL,"
                           " channel_name TEXT NOT NULL,"
                           " summary TEXT NOT NULL,"
                           " first_seen_ms BIGINT NOT NULL,"
                           " last_seen_ms BIGINT NOT NULL,"
                           " cleared_ms BIGINT,"
                           " ack_ms BIGINT,"
                           " ack_by TEXT NOT NULL,"
                           " ack_comment TEXT NOT NULL,"
                           " shelved_until_ms BIGINT,"
                           " shelved_ms BIGINT,"
                           " shelved_by TEXT NOT NULL,"
                           " shelve_reason TEXT NOT NULL,"
                           " rev BIGINT NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX alarms_one_open ON alarms(tenant_key, kind, channel_id)"
                           " WHERE cleared_ms IS NULL"),
            QStringLiteral("CREATE INDEX alarms_rev ON alarms(tenant_key, rev)"),
            QStringLiteral("CREATE INDEX alarms_cleared ON alarms(tenant_key, cleared_ms)"),
            QStringLiteral("CREATE TABLE alarm_counter ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " next_number BIGINT NOT NULL,"
                           " next_rev BIGINT NOT NULL)"),
            QStringLiteral("INSERT INTO alarm_counter (id, next_number, next_rev) VALUES (1, 1, 1)"),
        },
    };
    return steps;
}

} // namespace cc
