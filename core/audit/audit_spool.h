#pragma once
// The local spool in front of the shared audit store: a small SQLite file on
// this host's disk (created 0600, WAL, synchronous=FULL, so a pushed batch is
// fsynced before push() returns) that holds entries, oldest first, until they
// are in the shared PostgreSQL trail. Each entry already has its id and time
// when it is spooled, so it reaches the shared chain with its original time,
// and an entry whose id the trail already holds is skipped there: a crash
// between the shared commit and the spool's delete never doubles it.
//
// Bounded: past maxEntries a push is refused whole with a message saying the
// spool is full and what to do (the shared trail has been away for long).
// Several processes of one user may share a spool (one file per store): each
// push is one write transaction, and whoever forwards first wins.
// Blocks on disk: a worker thread or cxonectl, never the UI thread.

#include "audit/audit_entry.h"

#include <QList>
#include <QString>

namespace cc {

struct SpooledEntry
{
    qint64 row = 0;            // the spool's own order
    AuditEntry entry;          // id, time and content as they go to the shared trail
};

class AuditSpool final
{
public:
    static constexpr qint64 kDefaultMaxEntries = 100000;

    AuditSpool();
    ~AuditSpool();
    AuditSpool(const AuditSpool &) = delete;
    AuditSpool &operator=(const AuditSpool &) = delete;

    // Where a store's spool lives by default: one file per shared store,
    // <GenericDataLocation>/channel-console/spool/<the store's URL, hashed>.sqlite.
    static QString defaultPathFor(const QString &storeUrl);

    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    void setMaxEntries(qint64 maxEntries) { m_maxEntries = maxEntries; }
    qint64 maxEntries() const { return m_maxEntries; }

    // Writes all of them in one transaction, fsynced, or none (full, or a disk
    // error: false with the reason). Entries need their id and time already.
    bool push(const QList<AuditEntry> &entries, QString *error);
    // The oldest `limit` entries, in spool order.
    QList<SpooledEntry> peek(int limit, QString *error) const;
    // Drops every entry up to and including `row` (they are in the shared trail).
    bool removeThrough(qint64 row, QString *error);
    // -1 on error.
    qint64 count(QString *error = nullptr) const;
    bool contains(const QString &id) const;

private:
    bool exec(const QString &sql, QString *error);

    QString m_connectionName;
    QString m_path;
    qint64 m_maxEntries = kDefaultMaxEntries;
};

} // namespace cc
