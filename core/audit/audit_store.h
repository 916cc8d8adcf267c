#pragma once
// The audit trail's SQLite file, or the shared store in PostgreSQL (a
// postgresql://user@host:port/db "path", audit_database_url.h), through one Qt SQL connection owned by the
// thread that opened it (Qt SQL connections must not cross threads). Appends are
// the only write to the entries, and the file's triggers refuse UPDATE and DELETE.
// This class blocks: use it on a worker thread (AuditLog, AuditJob, the outbox) or
// in cxonectl, never on the UI thread.
//
// Durability: WAL journal with synchronous=FULL, so a committed batch survives a
// process kill (and a power cut); a batch is one transaction, so a kill leaves no
// half entry. In PostgreSQL an append locks the chain's head row, so writers in
// several processes and hosts keep one chain; the entries are the same, hashed
// the same, and verified and exported by the same code.

#include "audit/audit_entry.h"
#include "audit/audit_filter.h"
#include "audit/audit_verify_result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace cc {

class AuditStore final
{
public:
    // 1: entries, indexes, append-only triggers. 2: export outbox tables.
    // 3: the alarms beside the chain (core/alarms/alarm_store.h).
    static constexpr int kSchemaVersion = 3;

    enum class OpenMode { CreateIfMissing, ExistingOnly };

    AuditStore();
    ~AuditStore();
    AuditStore(const AuditStore &) = delete;
    AuditStore &operator=(const AuditStore &) = delete;

    // The default file, shared by cxone-console and cxonectl:
    // <GenericDataLocation>/channel-console/audit.sqlite.
    static QString defaultPath();

    // Opens (an empty path: defaultPath()), creates the folder, applies the
    // migrations. False with a readable error otherwise.
    bool open(const QString &path, QString *error, OpenMode mode = OpenMode::CreateIfMissing);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QSqlDatabase database() const;

    // What appendBatch does with an entry whose id the store already holds.
    enum class KnownIds {
        Refuse,   // the batch fails (ids are unique): nothing is written
        Skip,     // it is left out and filled with what is stored (sequence, hashes):
                  // forwarding the local spool again after a crash never doubles an entry
    };

    // Assigns id (when empty), sequence, timestamp (when 0), prev_hash and hash to
    // each entry and writes all of them in one transaction: all or none.
    // details must already be canonical (canonicalDetailsJson). entries are
    // updated in place with what was committed. `skipped` counts the entries
    // KnownIds::Skip left out.
    bool appendBatch(QList<AuditEntry> *entries, QString *error, KnownIds known = KnownIds::Refuse,
                     qint64 *skipped = nullptr);
    // Runs `work` and then appends `entries` (which `work` may fill) in one
    // transaction: a table beside the chain (the alarms) changes together with
    // the entries that record the change, or neither does. `work` returning
    // false (with its error) rolls everything back.
    bool transact(QList<AuditEntry> *entries, const std::function<bool(QString *error)> &work, QString *error);
    bool isPostgres() const { return m_postgres; }

    // Takes the write lock an append takes (in PostgreSQL the chain head's row
    // lock, which a read-only or standby server refuses) and lets it go: true
    // when an append could be made now.
    bool probeWritable(QString *error);
    // The entry with this id: 1 found (filled), 0 not there, -1 error.
    int findById(const QString &id, AuditEntry *entry, QString *error) const;

    qint64 lastSequence(QString *error = nullptr) const;
    qint64 count(const AuditFilter &filter, QString *error = nullptr) const;

    // Streams the matching entries in sequence order with a forward-only query
    // (constant memory); `visit` returns false to stop early.
    bool forEach(const AuditFilter &filter, const std::function<bool(const AuditEntry &)> &visit,
                 QString *error) const;
    // The same stream as raw UTF-8 columns (see AuditRawRow).
    bool forEachRaw(const AuditFilter &filter, const std::function<bool(const AuditRawRow &)> &visit,
                    QString *error) const;
    // Entries with sequence > afterSequence, oldest first, at most `limit`.
    QList<AuditEntry> entriesAfter(qint64 afterSequence, int limit, QString *error) const;
    // The newest `n` entries, oldest first.
    QList<AuditEntry> tail(int n, QString *error) const;

    // Walks the whole chain in constant memory. `progress` is called every few
    // thousand entries with the count checked so far; returning false cancels.
    AuditVerifyResult verify(const std::function<bool(qint64 checked)> &progress = {}) const;

private:
    // 0600 on the store and its -wal and -shm files (issue 12).
    bool openPostgres(const QString &url, QString *error, OpenMode mode);
    bool migrate(QString *error);
    bool exec(const QString &sql, QString *error);
    // BEGIN (taking the write lock), `steps`, COMMIT; ROLLBACK when a step fails.
    bool inTransaction(const std::function<bool(QString *error)> &steps, QString *error);
    // The chain's part of a transaction already begun (audit_store_transaction.cpp).
    bool appendRows(QList<AuditEntry> *entries, QString *error, KnownIds known, qint64 *skipped);

    QString m_connectionName;
    QString m_path;          // for PostgreSQL the URL without any password
    bool m_postgres = false;
};

} // namespace cc
