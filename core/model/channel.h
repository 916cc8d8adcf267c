#pragma once
// A voice channel (SIP trunk) of a CXone tenant and its parts, exactly as the
// contract's section 2 shapes them, with JSON both ways. A `Channel` is what the
// tenant returns (never a password); a `ChannelDraft` is what a person or a file
// wants created or changed (the password is write-only and lives only here).

#include "model/field_error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cc {

enum class ChannelStatus { Provisioning, Healthy, Degraded, Unhealthy, Active, Disabled };

QString channelStatusName(ChannelStatus status);
std::optional<ChannelStatus> channelStatusFromName(const QString &name);
const QStringList &channelStatusNames();

// The codec names the contract accepts, in the contract's order.
const QStringList &knownCodecNames();

struct Codec
{
    QString name;
    int priority = 0;

    bool operator==(const Codec &other) const { return name == other.name && priority == other.priority; }
};

struct TrunkConfiguration
{
    QString sipServer;
    int sipPort = 5060;
    QString username;
    // Write-only on the wire: set in a draft to send one, never read from the tenant.
    std::optional<QString> password;
    QList<Codec> codecs;
    std::optional<QString> dtmfMode;
    std::optional<QString> rtpPayloadType;

    bool operator==(const TrunkConfiguration &other) const;
};

struct Routing
{
    QStringList failoverChannels;
    // Where traffic goes now: empty means the channel itself (the contract's null).
    QString primaryChannelId;

    bool operator==(const Routing &other) const
    {
        return failoverChannels == other.failoverChannels && primaryChannelId == other.primaryChannelId;
    }
};

struct HealthCheck
{
    int intervalSeconds = 60;
    int timeoutSeconds = 15;

    bool operator==(const HealthCheck &other) const
    {
        return intervalSeconds == other.intervalSeconds && timeoutSeconds == other.timeoutSeconds;
    }
};

// What a create (POST body) or an edit is made from.
struct ChannelDraft
{
    QString name;
    QString type = QStringLiteral("sip");
    TrunkConfiguration configuration;
    QStringList failoverChannels;
    HealthCheck healthCheck;

    bool operator==(const ChannelDraft &other) const;
};

struct Channel
{
    QString id;
    QString name;
    QString type = QStringLiteral("sip");
    ChannelStatus status = ChannelStatus::Provisioning;
    TrunkConfiguration configuration;
    Routing routing;
    HealthCheck healthCheck;
    qint64 version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool isFailedOver() const { return !routing.primaryChannelId.isEmpty(); }
    // A draft with this channel's writable fields, for an edit or a duplicate.
    ChannelDraft toDraft() const;

    bool operator==(const Channel &other) const;
};

// A parse result: the value is meaningful only when `errors` is empty.
template <typename T>
struct Parsed
{
    T value{};
    FieldErrors errors;

    bool ok() const { return errors.isEmpty(); }
};

// The tenant's channel. A missing field or a wrong type is an error naming it.
Parsed<Channel> channelFromJson(const QJsonObject &json);
// The tenant's shape; a password, if one is set, is never written.
QJsonObject channelToJson(const Channel &channel);

// The create body (the tutorial's build_channel_request), both ways. Missing
// required fields and wrong types are errors; range rules are the validator's.
Parsed<ChannelDraft> draftFromJson(const QJsonObject &json);
QJsonObject draftToCreateJson(const ChannelDraft &draft);

// A JSON merge patch (RFC 7396) that makes a channel's writable fields equal to
// the draft's: every writable field, the password only when the draft has one.
QJsonObject draftToUpdatePatch(const ChannelDraft &draft);

// The contract's failover and failback patches, and media path optimisation.
QJsonObject failoverPatch(const QString &backupId);
QJsonObject failbackPatch();
QJsonObject codecOrderPatch(const QList<Codec> &codecs);

QJsonArray codecsToJson(const QList<Codec> &codecs);

} // namespace cc
