#pragma once
// The simulated tenant's channels: seeding, create, read, merge-patch and delete
// with the contract's rules (validation through cc::validateChannelDraft), the
// write-only password kept only as a salted hash, and each channel's health
// evolving from its own checks every interval_seconds. No HTTP in here.

#include "model/channel.h"
#include "model/field_error.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QStringList>

#include <optional>

namespace cc::sim {

class ChannelStore final
{
public:
    explicit ChannelStore(quint32 seed);

    // Adds `count` realistic channels (trunks per region, backups listed in the
    // primaries' failover_channels), created before `now`, checks starting at `now`.
    void seed(int count, const QDateTime &now);

    // Runs every health check due up to `now`.
    void advanceHealth(const QDateTime &now);

    int count() const { return static_cast<int>(m_order.size()); }
    const Channel *find(const QString &id) const;
    // 1-based page of the channels in creation order; empty beyond the last page.
    QList<Channel> page(int page, int pageSize) const;
    QSet<QString> ids() const;
    QStringList orderedIds() const { return m_order; }
    bool hasPassword(const QString &id) const;

    struct CreateResult
    {
        Channel channel;
        FieldErrors errors;
    };
    CreateResult create(const ChannelDraft &draft, const QDateTime &now);

    enum class PatchOutcome { Updated, NotFound, VersionMismatch, Invalid };
    struct PatchResult
    {
        PatchOutcome outcome = PatchOutcome::NotFound;
        Channel channel;
        FieldErrors errors;
    };
    // `ifMatch`: the version the client last saw, when it sent If-Match.
    PatchResult patch(const QString &id, const QJsonObject &mergePatch, std::optional<qint64> ifMatch,
                      const QDateTime &now);

    enum class RemoveOutcome { Removed, NotFound, InUse };
    RemoveOutcome remove(const QString &id, QStringList *referencedBy);

    // A fault: hold a status until released with std::nullopt ("auto").
    bool holdStatus(const QString &id, std::optional<ChannelStatus> status, const QDateTime &now);

    // The status the channel had at `time`, from its recorded transitions; nullopt
    // for a time before the tenant started watching it.
    std::optional<ChannelStatus> recordedStatusAt(const QString &id, const QDateTime &time) const;

private:
    struct Record
    {
        Channel channel;
        QByteArray passwordHash; // salted SHA-256; empty when none was ever set
        // A set_status fault: every check reports this until released. A client's
        // PATCH of the status shows until the next check, as on a real tenant.
        std::optional<ChannelStatus> heldStatus;
        qint64 checkIndex = 0;
        QDateTime nextCheckAt;
        QList<QPair<QDateTime, ChannelStatus>> transitions; // oldest first, bounded
    };

    QString newId();
    QByteArray hashPassword(const QString &id, const QString &password) const;
    void setStatus(Record &record, ChannelStatus status, const QDateTime &at);
    void runChecks(Record &record, const QDateTime &now);
    void noteNextCheck(const QDateTime &at);

    quint32 m_seed;
    qint64 m_idCounter = 0;
    QStringList m_order;
    QHash<QString, Record> m_records;
    // The soonest check due of any channel: requests come thousands of times a
    // second, checks every 30 s at most, so most calls return at once.
    QDateTime m_earliestCheck;
};

} // namespace cc::sim
