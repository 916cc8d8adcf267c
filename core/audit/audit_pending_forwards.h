#pragma once
// What waits on an entry that sits in the local spool: the ticket of the
// append that made it (AuditLog::committed names it once the entry is in the
// shared trail) and, for appendAndWait, the blocked caller. The log's writer
// adds a wait before it spools the entry; the forwarder resolves it once the
// entry is in the shared trail, or tells the caller that it stays in the spool.
// Thread-safe.

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace cc {

struct AuditWaiter;

class AuditPendingForwards final
{
public:
    struct Wait
    {
        quint64 ticket = 0;
        std::shared_ptr<AuditWaiter> waiter;   // null for an asynchronous append
    };

    AuditPendingForwards() = default;
    Q_DISABLE_COPY_MOVE(AuditPendingForwards)

    void add(const QString &id, const Wait &wait);
    // Removes and returns the wait on `id`, if any.
    std::optional<Wait> take(const QString &id);
    QStringList ids() const;
    bool isEmpty() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, Wait> m_waits;
};

} // namespace cc
