#pragma once
// Pages of the audit store for a browser: the matching entries just older than
// a sequence number (newest first), or just newer (to prepend what arrived).
// Each page is one small query walking the primary key from a known sequence
// number, so opening a store of a million entries reads only its first page.
// Blocking, like AuditStore: run it on a worker thread.

#include "audit/audit_entry.h"
#include "audit/audit_filter.h"

#include <QList>
#include <QStringList>

namespace cc {

class AuditStore;

class AuditPageQuery final
{
public:
    // Matching entries with sequence < beforeSequence (<= 0: no bound), newest first, at most `limit`.
    static QList<AuditEntry> olderThan(const AuditStore &store, const AuditFilter &filter, qint64 beforeSequence,
                                       int limit, QString *error);
    // Matching entries with sequence > afterSequence, newest first, at most `limit` (the newest ones).
    static QList<AuditEntry> newerThan(const AuditStore &store, const AuditFilter &filter, qint64 afterSequence,
                                       int limit, QString *error);
    // The event types present in the store, sorted (for a filter's choices).
    static QStringList eventTypes(const AuditStore &store, QString *error);
};

} // namespace cc
