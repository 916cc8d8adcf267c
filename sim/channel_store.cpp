#include "channel_store.h"

#include "api/contract.h"
#include "health_model.h"
#include "model/channel_validator.h"
#include "model/json_reader.h"
#include "model/merge_patch.h"
#include "sim_hash.h"
#include "sim_sip_names.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>

namespace cc::sim {

namespace {

constexpr int kMaxTransitions = 256;
// A clock jump (a suspended laptop, a test stepping a day) replays at most this
// many checks per channel; older ones could not change today's status anyway.
constexpr qint64 kMaxReplayedChecks = 100;

struct Region
{
    QLatin1String name;
    QLatin1String shortName;
};

constexpr Region kRegions[] = {
    {QLatin1String("us-east-1"), QLatin1String("east-1")},
    {QLatin1String("us-west-2"), QLatin1String("west-2")},
    {QLatin1String("eu-west-1"), QLatin1String("eu-west-1")},
    {QLatin1String("us-east-2"), QLatin1String("east-2")},
    {QLatin1String("eu-central-1"), QLatin1String("eu-central-1")},
    {QLatin1String("ap-southeast-2"), QLatin1String("apse-2")},
    {QLatin1String("ca-central-1"), QLatin1String("ca-central-1")},
};

constexpr QLatin1String kPrimaryPrefixes[] = {
    QLatin1String("prod-voice-trunk"), QLatin1String("inbound-tollfree"), QLatin1String("outbound-dialer"),
    QLatin1String("prod-voice-trunk"), QLatin1String("support-queue-trunk"), QLatin1String("sales-direct-trunk"),
};

constexpr QLatin1String kSipServers[] = {
    QLatin1String("sip.carrier-provider.net"), QLatin1String("sip.bandwidth-trunks.net"),
    QLatin1String("trunk.lumen-voice.net"), QLatin1String("sbc.voxnet-carrier.com"),
    QLatin1String("edge.sipstation-trunks.net"), QLatin1String("sip.tata-voice.net"),
};

QList<Codec> seededCodecs(int index)
{
    switch (index % 4) {
    case 0:
        return {{QStringLiteral("OPUS"), 1}, {QStringLiteral("G729"), 2}, {QStringLiteral("PCMU"), 3}};
    case 1:
        return {{QStringLiteral("PCMU"), 1}, {QStringLiteral("PCMA"), 2}};
    case 2:
        return {{QStringLiteral("G722"), 1}, {QStringLiteral("PCMU"), 2}, {QStringLiteral("G729"), 3}};
    default:
        return {{QStringLiteral("OPUS"), 1}, {QStringLiteral("PCMU"), 2}};
    }
}

} // namespace

ChannelStore::ChannelStore(quint32 seed)
    : m_seed(seed)
{
}

QString ChannelStore::newId()
{
    for (;;) {
        const quint64 hash = simHash(m_seed, QString(), m_idCounter++, SimSalt::ChannelId);
        const QString id = QStringLiteral("ch_") + QString::number(hash & 0xffffff, 16).rightJustified(6, QLatin1Char('0'));
        if (!m_records.contains(id))
            return id;
    }
}

QByteArray ChannelStore::hashPassword(const QString &id, const QString &password) const
{
    QByteArray material = id.toUtf8();
    material.append('\0');
    material.append(password.toUtf8());
    return QCryptographicHash::hash(material, QCryptographicHash::Sha256);
}

void ChannelStore::seed(int count, const QDateTime &now)
{
    // newId() only knows stored channels; these are not stored yet, so a
    // 24-bit id drawn twice in one batch must be caught here (at 5,000
    // channels a repeat is more likely than not).
    QStringList ids;
    QSet<QString> drawn;
    ids.reserve(count);
    while (ids.size() < count) {
        const QString id = newId();
        if (!drawn.contains(id)) {
            drawn.insert(id);
            ids.append(id);
        }
    }

    QSet<QString> usedNames;
    const auto uniqueName = [&usedNames](const QString &base) {
        QString name = base;
        for (int n = 2; usedNames.contains(name); ++n)
            name = base + QLatin1Char('-') + QString::number(n).rightJustified(2, QLatin1Char('0'));
        usedNames.insert(name);
        return name;
    };

    constexpr int kRegionCount = static_cast<int>(std::size(kRegions));
    int primaryIndex = 0;
    int backupIndex = 0;
    for (int i = 0; i < count; ++i) {
        const QString &id = ids.at(i);
        const int group = i / 4;
        const bool backup = i % 4 == 3;

        Channel channel;
        channel.id = id;
        if (backup) {
            channel.name = uniqueName(QStringLiteral("backup-") + kRegions[backupIndex % kRegionCount].shortName);
            channel.healthCheck = {120, 20};
            ++backupIndex;
        } else {
            const QLatin1String prefix = kPrimaryPrefixes[primaryIndex % std::size(kPrimaryPrefixes)];
            channel.name = uniqueName(prefix + QLatin1Char('-') + kRegions[primaryIndex % kRegionCount].name);
            channel.healthCheck = (primaryIndex % 3 == 2) ? HealthCheck{30, 10} : HealthCheck{60, 15};
            const int ownBackup = group * 4 + 3;
            if (ownBackup < count)
                channel.routing.failoverChannels.append(ids.at(ownBackup));
            const int nextBackup = ownBackup + 4;
            if (primaryIndex % 2 == 0 && nextBackup < count)
                channel.routing.failoverChannels.append(ids.at(nextBackup));
            ++primaryIndex;
        }
        channel.configuration.sipServer = seededSipServer(QString(kSipServers[i % std::size(kSipServers)]), i);
        channel.configuration.sipPort = (i % 5 == 4) ? 5061 : 5060;
        channel.configuration.username = QStringLiteral("trunk_user_") + QString::number(i + 1).rightJustified(2, QLatin1Char('0'));
        channel.configuration.codecs = seededCodecs(i);
        channel.configuration.dtmfMode = QString(api::kDtmfRfc2833);
        channel.configuration.rtpPayloadType = QString(api::kRtpPayloadDynamic);

        const qint64 ageSeconds = 86400 * 7 + static_cast<qint64>(simUnit(m_seed, id, 0, SimSalt::SeedAge) * 86400 * 180);
        channel.createdAt = now.addSecs(-ageSeconds);
        channel.updatedAt = channel.createdAt.addSecs(ageSeconds / 3);
        channel.version = 1 + static_cast<qint64>(simHash(m_seed, id, 0, SimSalt::Version) % 9);
        channel.status = HealthModel::initialStatus(m_seed, id);

        Record record;
        record.channel = channel;
        record.passwordHash = hashPassword(id, QStringLiteral("seeded-") + id);
        // Stagger the first checks over one interval, as a real scheduler would.
        const qint64 firstCheckMs = static_cast<qint64>(simUnit(m_seed, id, 0, SimSalt::FirstCheck)
                                                        * channel.healthCheck.intervalSeconds * 1000);
        record.nextCheckAt = now.addMSecs(firstCheckMs + 1);
        record.transitions.append({now, channel.status});
        noteNextCheck(record.nextCheckAt);
        m_order.append(id);
        m_records.insert(id, record);
    }
}

void ChannelStore::setStatus(Record &record, ChannelStatus status, const QDateTime &at)
{
    if (record.channel.status == status)
        return;
    record.channel.status = status;
    record.transitions.append({at, status});
    if (record.transitions.size() > kMaxTransitions)
        record.transitions.removeFirst();
}

void ChannelStore::runChecks(Record &record, const QDateTime &now)
{
    if (record.nextCheckAt > now)
        return;
    const qint64 intervalMs = qint64(std::max(1, record.channel.healthCheck.intervalSeconds)) * 1000;
    const qint64 behind = record.nextCheckAt.msecsTo(now) / intervalMs;
    if (behind > kMaxReplayedChecks) {
        const qint64 skip = behind - kMaxReplayedChecks;
        record.checkIndex += skip;
        record.nextCheckAt = record.nextCheckAt.addMSecs(skip * intervalMs);
    }
    while (record.nextCheckAt <= now) {
        const ChannelStatus next = record.heldStatus
            ? *record.heldStatus
            : HealthModel::nextStatus(m_seed, record.channel.id, record.checkIndex, record.channel.status);
        setStatus(record, next, record.nextCheckAt);
        ++record.checkIndex;
        record.nextCheckAt = record.nextCheckAt.addMSecs(intervalMs);
    }
}

void ChannelStore::noteNextCheck(const QDateTime &at)
{
    if (!m_earliestCheck.isValid() || at < m_earliestCheck)
        m_earliestCheck = at;
}

void ChannelStore::advanceHealth(const QDateTime &now)
{
    if (!m_earliestCheck.isValid() || now < m_earliestCheck)
        return;
    m_earliestCheck = QDateTime();
    for (Record &record : m_records) {
        runChecks(record, now);
        noteNextCheck(record.nextCheckAt);
    }
}

const Channel *ChannelStore::find(const QString &id) const
{
    const auto it = m_records.constFind(id);
    return it == m_records.cend() ? nullptr : &it->channel;
}

QList<Channel> ChannelStore::page(int page, int pageSize) const
{
    QList<Channel> result;
    if (page < 1 || pageSize < 1)
        return result;
    const qint64 first = qint64(page - 1) * pageSize;
    for (qint64 i = first; i < m_order.size() && i < first + pageSize; ++i)
        result.append(m_records.value(m_order.at(i)).channel);
    return result;
}

QSet<QString> ChannelStore::ids() const
{
    return QSet<QString>(m_order.cbegin(), m_order.cend());
}

bool ChannelStore::hasPassword(const QString &id) const
{
    const auto it = m_records.constFind(id);
    return it != m_records.cend() && !it->passwordHash.isEmpty();
}

ChannelStore::CreateResult ChannelStore::create(const ChannelDraft &draft, const QDateTime &now)
{
    CreateResult result;
    ValidationContext context;
    context.mode = ValidationContext::Mode::Create;
    context.existingIds = ids();
    result.errors = validateChannelDraft(draft, context);
    if (!result.errors.isEmpty())
        return result;

    Channel channel;
    channel.id = newId();
    channel.name = draft.name;
    channel.type = draft.type;
    channel.configuration = draft.configuration;
    channel.configuration.password.reset();
    channel.routing.failoverChannels = draft.failoverChannels;
    channel.healthCheck = draft.healthCheck;
    channel.status = ChannelStatus::Provisioning;
    channel.version = 1;
    channel.createdAt = now;
    channel.updatedAt = now;

    Record record;
    record.channel = channel;
    if (draft.configuration.password)
        record.passwordHash = hashPassword(channel.id, *draft.configuration.password);
    record.nextCheckAt = now.addSecs(channel.healthCheck.intervalSeconds);
    record.transitions.append({now, channel.status});
    noteNextCheck(record.nextCheckAt);
    m_order.append(channel.id);
    m_records.insert(channel.id, record);
    result.channel = channel;
    return result;
}

ChannelStore::PatchResult ChannelStore::patch(const QString &id, const QJsonObject &mergePatch,
                                              std::optional<qint64> ifMatch, const QDateTime &now)
{
    PatchResult result;
    const auto it = m_records.find(id);
    if (it == m_records.end()) {
        result.outcome = PatchOutcome::NotFound;
        return result;
    }
    Record &record = *it;
    result.channel = record.channel;
    if (ifMatch && *ifMatch != record.channel.version) {
        result.outcome = PatchOutcome::VersionMismatch;
        return result;
    }

    // The password is write-only: it never appears in the stored JSON, so it is
    // taken from the patch itself.
    std::optional<QString> newPassword;
    const QJsonValue authPatch = mergePatch.value(api::kKeyConfiguration).toObject().value(api::kKeyAuthentication);
    const QJsonValue passwordPatch = authPatch.toObject().value(api::kKeyPassword);
    if (passwordPatch.isString())
        newPassword = passwordPatch.toString();
    else if (!passwordPatch.isUndefined() && !passwordPatch.isNull())
        result.errors.append({QStringLiteral("configuration.authentication.password"), QStringLiteral("must be a string")});

    const QJsonObject current = channelToJson(record.channel);
    QJsonObject merged = applyMergePatch(current, mergePatch);
    // Read-only fields stay what the tenant says they are.
    for (const QLatin1String key : {api::kKeyId, api::kKeyVersion, api::kKeyCreatedAt, api::kKeyUpdatedAt})
        merged.insert(key, current.value(key));

    const Parsed<ChannelDraft> parsed = draftFromJson(merged);
    result.errors.append(parsed.errors);
    if (parsed.ok()) {
        ValidationContext context;
        context.mode = ValidationContext::Mode::Update;
        context.selfId = id;
        context.existingIds = ids();
        result.errors.append(validateChannelDraft(parsed.value, context));
    }

    ChannelStatus status = record.channel.status;
    const QJsonValue statusValue = merged.value(api::kKeyStatus);
    if (const std::optional<ChannelStatus> named = channelStatusFromName(statusValue.toString()); statusValue.isString() && named)
        status = *named;
    else
        result.errors.append({QString(api::kKeyStatus), QStringLiteral("must be one of ") + channelStatusNames().join(QStringLiteral(", "))});

    QString primary;
    const QString primaryPath = fieldPath(QString(api::kKeyRouting), api::kKeyPrimaryChannelId);
    const QJsonValue routingValue = merged.value(api::kKeyRouting);
    if (!routingValue.isUndefined() && !routingValue.isNull() && !routingValue.isObject()) {
        result.errors.append({QString(api::kKeyRouting), QStringLiteral("must be an object")});
    } else {
        const QJsonValue primaryValue = routingValue.toObject().value(api::kKeyPrimaryChannelId);
        if (primaryValue.isString()) {
            primary = primaryValue.toString();
            if (primary == id)
                result.errors.append({primaryPath, QStringLiteral("must be another channel, or null for the channel itself")});
            else if (!m_records.contains(primary))
                result.errors.append({primaryPath, QStringLiteral("names no channel of this tenant: ") + primary});
        } else if (!primaryValue.isUndefined() && !primaryValue.isNull()) {
            result.errors.append({primaryPath, QStringLiteral("must be a channel id or null")});
        }
    }

    if (!result.errors.isEmpty()) {
        result.outcome = PatchOutcome::Invalid;
        return result;
    }

    Channel updated = record.channel;
    updated.name = parsed.value.name;
    updated.type = parsed.value.type;
    updated.configuration = parsed.value.configuration;
    updated.configuration.password.reset();
    updated.routing.failoverChannels = parsed.value.failoverChannels;
    updated.routing.primaryChannelId = primary;
    updated.healthCheck = parsed.value.healthCheck;
    updated.status = record.channel.status;

    const bool statusChanged = status != record.channel.status;
    if (updated == record.channel && !statusChanged && !newPassword) {
        result.outcome = PatchOutcome::Updated; // nothing changed: no new version
        return result;
    }
    if (updated.healthCheck.intervalSeconds != record.channel.healthCheck.intervalSeconds) {
        record.nextCheckAt = now.addSecs(updated.healthCheck.intervalSeconds);
        noteNextCheck(record.nextCheckAt);
    }
    updated.version = record.channel.version + 1;
    updated.updatedAt = now;
    record.channel = updated;
    setStatus(record, status, now);
    if (newPassword)
        record.passwordHash = hashPassword(id, *newPassword);
    result.channel = record.channel;
    result.outcome = PatchOutcome::Updated;
    return result;
}

ChannelStore::RemoveOutcome ChannelStore::remove(const QString &id, QStringList *referencedBy)
{
    if (!m_records.contains(id))
        return RemoveOutcome::NotFound;
    QStringList users;
    for (const QString &other : std::as_const(m_order)) {
        if (other == id)
            continue;
        const Channel &channel = m_records.value(other).channel;
        if (channel.routing.failoverChannels.contains(id) || channel.routing.primaryChannelId == id)
            users.append(other);
    }
    if (!users.isEmpty()) {
        if (referencedBy)
            *referencedBy = users;
        return RemoveOutcome::InUse;
    }
    m_records.remove(id);
    m_order.removeOne(id);
    return RemoveOutcome::Removed;
}

bool ChannelStore::holdStatus(const QString &id, std::optional<ChannelStatus> status, const QDateTime &now)
{
    const auto it = m_records.find(id);
    if (it == m_records.end())
        return false;
    runChecks(*it, now);
    noteNextCheck(it->nextCheckAt);
    it->heldStatus = status;
    if (status)
        setStatus(*it, *status, now);
    return true;
}

std::optional<ChannelStatus> ChannelStore::recordedStatusAt(const QString &id, const QDateTime &time) const
{
    const auto it = m_records.constFind(id);
    if (it == m_records.cend() || it->transitions.isEmpty() || time < it->transitions.first().first)
        return std::nullopt;
    for (auto t = it->transitions.crbegin(); t != it->transitions.crend(); ++t) {
        if (t->first <= time)
            return t->second;
    }
    return std::nullopt;
}

} // namespace cc::sim
