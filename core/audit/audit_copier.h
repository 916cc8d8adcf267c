#pragma once
// Moves a trail into another store (a desktop's SQLite file into the shared
// PostgreSQL store): the source's chain is verified first, then every entry is
// appended to the destination's chain with its original id, time, event,
// channel, actor, source, tenant, details and tag (sequence numbers and hashes
// are the destination's: one chain there). An entry whose id the destination
// already holds is skipped, so an interrupted copy is simply run again. The
// copy itself is recorded as one more entry ("audit_copied"). Blocks: a CLI or
// a worker thread.

#include <QString>

#include <functional>

namespace cc {

class AuditStore;

struct AuditCopyResult
{
    bool ok = false;
    qint64 copied = 0;
    qint64 skipped = 0;       // already in the destination (same id)
    QString message;          // what failed and what to do, or what was done
};

AuditCopyResult copyAuditTrail(const AuditStore &from, AuditStore &to, const QString &tenant,
                               const std::function<void(qint64 done)> &progress = {});

} // namespace cc
