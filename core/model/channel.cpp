#include "model/channel.h"

#include "api/contract.h"
#include "common/enum_names.h"
#include "model/json_reader.h"

#include <QJsonArray>

#include <limits>

namespace cc {

namespace {

constexpr EnumName<ChannelStatus> kStatusNames[] = {
    {ChannelStatus::Provisioning, QLatin1String("provisioning")},
    {ChannelStatus::Healthy, QLatin1String("healthy")},
    {ChannelStatus::Degraded, QLatin1String("degraded")},
    {ChannelStatus::Unhealthy, QLatin1String("unhealthy")},
    {ChannelStatus::Active, QLatin1String("active")},
    {ChannelStatus::Disabled, QLatin1String("disabled")},
};

// Numbers beyond int are kept as the nearest int so that the validator reports
// them as out of range, instead of wrapping into a valid-looking value.
int clampToInt(qint64 value)
{
    if (value > std::numeric_limits<int>::max())
        return std::numeric_limits<int>::max();
    if (value < std::numeric_limits<int>::min())
        return std::numeric_limits<int>::min();
    return static_cast<int>(value);
}

QList<Codec> readCodecs(JsonReader &reader, const QJsonArray &array, const QString &path)
{
    QList<Codec> codecs;
    codecs.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = indexPath(path, i);
        if (!array.at(i).isObject()) {
            reader.fail(itemPath, QStringLiteral("must be an object with name and priority"));
            continue;
        }
        const QJsonObject object = array.at(i).toObject();
        const std::optional<QString> name = reader.required<QString>(object, api::kKeyName, fieldPath(itemPath, api::kKeyName));
        const std::optional<qint64> priority = reader.required<qint64>(object, api::kKeyPriority, fieldPath(itemPath, api::kKeyPriority));
        codecs.append({name.value_or(QString()), clampToInt(priority.value_or(0))});
    }
    return codecs;
}

// Reads `configuration` for both shapes; `requireAll` is false for nothing yet,
// kept for symmetry with future partial reads.
TrunkConfiguration readConfiguration(JsonReader &reader, const QJsonObject &object, bool passwordAllowed)
{
    const QString path = QString(api::kKeyConfiguration);
    TrunkConfiguration config;
    config.sipServer = reader.required<QString>(object, api::kKeySipServer, fieldPath(path, api::kKeySipServer)).value_or(QString());
    config.sipPort = clampToInt(reader.required<qint64>(object, api::kKeySipPort, fieldPath(path, api::kKeySipPort)).value_or(0));

    const QString authPath = fieldPath(path, api::kKeyAuthentication);
    if (const std::optional<QJsonObject> auth = reader.required<QJsonObject>(object, api::kKeyAuthentication, authPath)) {
        config.username = reader.required<QString>(*auth, api::kKeyUsername, fieldPath(authPath, api::kKeyUsername)).value_or(QString());
        if (passwordAllowed)
            config.password = reader.optional<QString>(*auth, api::kKeyPassword, fieldPath(authPath, api::kKeyPassword));
    }

    const QString codecsPath = fieldPath(path, api::kKeyCodecs);
    if (const std::optional<QJsonArray> codecs = reader.required<QJsonArray>(object, api::kKeyCodecs, codecsPath))
        config.codecs = readCodecs(reader, *codecs, codecsPath);

    config.dtmfMode = reader.optional<QString>(object, api::kKeyDtmfMode, fieldPath(path, api::kKeyDtmfMode));
    config.rtpPayloadType = reader.optional<QString>(object, api::kKeyRtpPayloadType, fieldPath(path, api::kKeyRtpPayloadType));
    return config;
}

HealthCheck readHealthCheck(JsonReader &reader, const QJsonObject &object)
{
    const QString path = QString(api::kKeyHealthCheck);
    HealthCheck check;
    check.intervalSeconds = clampToInt(reader.required<qint64>(object, api::kKeyIntervalSeconds, fieldPath(path, api::kKeyIntervalSeconds)).value_or(0));
    check.timeoutSeconds = clampToInt(reader.required<qint64>(object, api::kKeyTimeoutSeconds, fieldPath(path, api::kKeyTimeoutSeconds)).value_or(0));
    return check;
}

QJsonObject configurationToJson(const TrunkConfiguration &config, bool withPassword)
{
    QJsonObject auth{{api::kKeyUsername, config.username}};
    if (withPassword && config.password)
        auth.insert(api::kKeyPassword, *config.password);
    QJsonObject json{
        {api::kKeySipServer, config.sipServer},
        {api::kKeySipPort, config.sipPort},
        {api::kKeyAuthentication, auth},
        {api::kKeyCodecs, codecsToJson(config.codecs)},
    };
    insertIfSet(&json, api::kKeyDtmfMode, config.dtmfMode);
    insertIfSet(&json, api::kKeyRtpPayloadType, config.rtpPayloadType);
    return json;
}

QJsonObject healthCheckToJson(const HealthCheck &check)
{
    return QJsonObject{{api::kKeyIntervalSeconds, check.intervalSeconds},
                       {api::kKeyTimeoutSeconds, check.timeoutSeconds}};
}

} // namespace

QString channelStatusName(ChannelStatus status)
{
    const EnumName<ChannelStatus> *entry = enumRow(kStatusNames, status);
    return entry ? QString(entry->name) : QStringLiteral("unknown");
}

std::optional<ChannelStatus> channelStatusFromName(const QString &name)
{
    return enumFromName(kStatusNames, name);
}

const QStringList &channelStatusNames()
{
    static const QStringList names = [] {
        QStringList list;
        for (const EnumName<ChannelStatus> &entry : kStatusNames)
            list.append(QString(entry.name));
        return list;
    }();
    return names;
}

const QStringList &knownCodecNames()
{
    static const QStringList names{QStringLiteral("PCMU"), QStringLiteral("PCMA"), QStringLiteral("G729"),
                                   QStringLiteral("G722"), QStringLiteral("OPUS")};
    return names;
}

bool TrunkConfiguration::operator==(const TrunkConfiguration &other) const
{
    return sipServer == other.sipServer && sipPort == other.sipPort && username == other.username
        && password == other.password && codecs == other.codecs && dtmfMode == other.dtmfMode
        && rtpPayloadType == other.rtpPayloadType;
}

bool ChannelDraft::operator==(const ChannelDraft &other) const
{
    return name == other.name && type == other.type && configuration == other.configuration
        && failoverChannels == other.failoverChannels && healthCheck == other.healthCheck;
}

bool Channel::operator==(const Channel &other) const
{
    return id == other.id && name == other.name && type == other.type && status == other.status
        && configuration == other.configuration && routing == other.routing
        && healthCheck == other.healthCheck && version == other.version
        && createdAt == other.createdAt && updatedAt == other.updatedAt;
}

ChannelDraft Channel::toDraft() const
{
    ChannelDraft draft;
    draft.name = name;
    draft.type = type;
    draft.configuration = configuration;
    draft.configuration.password.reset();
    draft.failoverChannels = routing.failoverChannels;
    draft.healthCheck = healthCheck;
    return draft;
}

QJsonArray codecsToJson(const QList<Codec> &codecs)
{
    QJsonArray array;
    for (const Codec &codec : codecs)
        array.append(QJsonObject{{api::kKeyName, codec.name}, {api::kKeyPriority, codec.priority}});
    return array;
}

Parsed<Channel> channelFromJson(const QJsonObject &json)
{
    Parsed<Channel> result;
    JsonReader reader(&result.errors);
    Channel &channel = result.value;
    channel.id = reader.required<QString>(json, api::kKeyId, QString(api::kKeyId)).value_or(QString());
    channel.name = reader.required<QString>(json, api::kKeyName, QString(api::kKeyName)).value_or(QString());
    channel.type = reader.required<QString>(json, api::kKeyType, QString(api::kKeyType)).value_or(QString());

    if (const std::optional<QString> status = reader.required<QString>(json, api::kKeyStatus, QString(api::kKeyStatus))) {
        if (const std::optional<ChannelStatus> parsed = channelStatusFromName(*status))
            channel.status = *parsed;
        else
            reader.fail(QString(api::kKeyStatus), QStringLiteral("must be one of ") + channelStatusNames().join(QStringLiteral(", ")));
    }

    if (const std::optional<QJsonObject> config = reader.required<QJsonObject>(json, api::kKeyConfiguration, QString(api::kKeyConfiguration)))
        channel.configuration = readConfiguration(reader, *config, false);

    const QString routingPath = QString(api::kKeyRouting);
    if (const std::optional<QJsonObject> routing = reader.optional<QJsonObject>(json, api::kKeyRouting, routingPath)) {
        channel.routing.failoverChannels = reader.optionalStringList(*routing, api::kKeyFailoverChannels,
                                                                     fieldPath(routingPath, api::kKeyFailoverChannels)).value_or(QStringList());
        channel.routing.primaryChannelId = reader.optional<QString>(*routing, api::kKeyPrimaryChannelId,
                                                                 fieldPath(routingPath, api::kKeyPrimaryChannelId)).value_or(QString());
    }

    if (const std::optional<QJsonObject> check = reader.required<QJsonObject>(json, api::kKeyHealthCheck, QString(api::kKeyHealthCheck)))
        channel.healthCheck = readHealthCheck(reader, *check);

    channel.version = reader.required<qint64>(json, api::kKeyVersion, QString(api::kKeyVersion)).value_or(0);
    channel.createdAt = reader.optionalTimestamp(json, api::kKeyCreatedAt, QString(api::kKeyCreatedAt)).value_or(QDateTime());
    channel.updatedAt = reader.optionalTimestamp(json, api::kKeyUpdatedAt, QString(api::kKeyUpdatedAt)).value_or(QDateTime());
    return result;
}

QJsonObject channelToJson(const Channel &channel)
{
    QJsonObject json{
        {api::kKeyId, channel.id},
        {api::kKeyName, channel.name},
        {api::kKeyType, channel.type},
        {api::kKeyStatus, channelStatusName(channel.status)},
        {api::kKeyConfiguration, configurationToJson(channel.configuration, false)},
        {api::kKeyRouting, QJsonObject{
             {api::kKeyFailoverChannels, QJsonArray::fromStringList(channel.routing.failoverChannels)},
             {api::kKeyPrimaryChannelId, channel.routing.primaryChannelId.isEmpty()
                                             ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(channel.routing.primaryChannelId)}}},
        {api::kKeyHealthCheck, healthCheckToJson(channel.healthCheck)},
        {api::kKeyVersion, channel.version},
    };
    if (channel.createdAt.isValid())
        json.insert(api::kKeyCreatedAt, toIsoUtc(channel.createdAt));
    if (channel.updatedAt.isValid())
        json.insert(api::kKeyUpdatedAt, toIsoUtc(channel.updatedAt));
    return json;
}

Parsed<ChannelDraft> draftFromJson(const QJsonObject &json)
{
    Parsed<ChannelDraft> result;
    JsonReader reader(&result.errors);
    ChannelDraft &draft = result.value;
    draft.name = reader.required<QString>(json, api::kKeyName, QString(api::kKeyName)).value_or(QString());
    draft.type = reader.required<QString>(json, api::kKeyType, QString(api::kKeyType)).value_or(QString());
    if (const std::optional<QJsonObject> config = reader.required<QJsonObject>(json, api::kKeyConfiguration, QString(api::kKeyConfiguration)))
        draft.configuration = readConfiguration(reader, *config, true);

    const QString routingPath = QString(api::kKeyRouting);
    if (const std::optional<QJsonObject> routing = reader.optional<QJsonObject>(json, api::kKeyRouting, routingPath))
        draft.failoverChannels = reader.optionalStringList(*routing, api::kKeyFailoverChannels,
                                                           fieldPath(routingPath, api::kKeyFailoverChannels)).value_or(QStringList());

    if (const std::optional<QJsonObject> check = reader.required<QJsonObject>(json, api::kKeyHealthCheck, QString(api::kKeyHealthCheck)))
        draft.healthCheck = readHealthCheck(reader, *check);
    return result;
}

QJsonObject draftToCreateJson(const ChannelDraft &draft)
{
    return QJsonObject{
        {api::kKeyName, draft.name},
        {api::kKeyType, draft.type},
        {api::kKeyConfiguration, configurationToJson(draft.configuration, true)},
        {api::kKeyRouting, QJsonObject{{api::kKeyFailoverChannels, QJsonArray::fromStringList(draft.failoverChannels)}}},
        {api::kKeyHealthCheck, healthCheckToJson(draft.healthCheck)},
    };
}

QJsonObject draftToUpdatePatch(const ChannelDraft &draft)
{
    // Same fields as a create: a merge patch replaces arrays whole, which is what
    // an edit of the codec order or the failover list means.
    return draftToCreateJson(draft);
}

QJsonObject failoverPatch(const QString &backupId)
{
    return QJsonObject{{api::kKeyStatus, channelStatusName(ChannelStatus::Active)},
                       {api::kKeyRouting, QJsonObject{{api::kKeyPrimaryChannelId, backupId}}}};
}

QJsonObject failbackPatch()
{
    return QJsonObject{{api::kKeyRouting, QJsonObject{{api::kKeyPrimaryChannelId, QJsonValue(QJsonValue::Null)}}}};
}

QJsonObject codecOrderPatch(const QList<Codec> &codecs)
{
    return QJsonObject{{api::kKeyConfiguration, QJsonObject{
                            {api::kKeyCodecs, codecsToJson(codecs)},
                            {api::kKeyDtmfMode, QString(api::kDtmfRfc2833)},
                            {api::kKeyRtpPayloadType, QString(api::kRtpPayloadDynamic)}}}};
}

} // namespace cc
