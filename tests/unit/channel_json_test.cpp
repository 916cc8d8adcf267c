// The contract's JSON examples parse into the model and serialise back to the
// same JSON; a wrong type or a missing field is an error naming the field.

#include "model/channel.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace cc;

namespace {

QJsonObject parseObject(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    return document.object();
}

// The channel of the contract's section 2, verbatim.
constexpr char kContractChannel[] = R"({
  "id": "ch_7f3a2c",
  "name": "prod-voice-trunk-us-east-1",
  "type": "sip",
  "status": "healthy",
  "configuration": {
    "sip_server": "sip.carrier-provider.net",
    "sip_port": 5060,
    "authentication": {"username": "trunk_user_01"},
    "codecs": [{"name": "OPUS", "priority": 1}, {"name": "G729", "priority": 2}],
    "dtmf_mode": "RFC2833",
    "rtp_payload_type": "dynamic"
  },
  "routing": {"failover_channels": ["ch_backup_001"], "primary_channel_id": null},
  "health_check": {"interval_seconds": 60, "timeout_seconds": 15},
  "version": 7,
  "created_at": "2026-11-23T10:00:00Z",
  "updated_at": "2026-11-23T10:15:00Z"
})";

// The create body of the contract's section 2, verbatim (password as written there).
constexpr char kContractCreateBody[] = R"({
  "name": "prod-voice-trunk-us-east-1",
  "type": "sip",
  "configuration": {
    "sip_server": "sip.carrier-provider.net",
    "sip_port": 5060,
    "authentication": {"username": "trunk_user_01", "password": "..."},
    "codecs": [{"name": "OPUS", "priority": 1}, {"name": "G729", "priority": 2}, {"name": "PCMU", "priority": 3}]
  },
  "routing": {"failover_channels": ["ch_backup_001", "ch_backup_002"]},
  "health_check": {"interval_seconds": 60, "timeout_seconds": 15}
})";

} // namespace

TEST(ChannelJson, ContractChannelRoundTripsToTheSameJson)
{
    const QJsonObject json = parseObject(kContractChannel);
    const Parsed<Channel> parsed = channelFromJson(json);
    ASSERT_TRUE(parsed.ok()) << formatFieldErrors(parsed.errors).toStdString();
    EXPECT_EQ(parsed.value.id, QStringLiteral("ch_7f3a2c"));
    EXPECT_EQ(parsed.value.status, ChannelStatus::Healthy);
    EXPECT_EQ(parsed.value.configuration.codecs.size(), 2);
    EXPECT_EQ(parsed.value.configuration.codecs.at(1), (Codec{QStringLiteral("G729"), 2}));
    EXPECT_TRUE(parsed.value.routing.primaryChannelId.isEmpty());
    EXPECT_FALSE(parsed.value.isFailedOver());
    EXPECT_EQ(parsed.value.version, 7);
    EXPECT_EQ(channelToJson(parsed.value), json);
}

TEST(ChannelJson, ContractCreateBodyRoundTripsToTheSameJson)
{
    const QJsonObject json = parseObject(kContractCreateBody);
    const Parsed<ChannelDraft> parsed = draftFromJson(json);
    ASSERT_TRUE(parsed.ok()) << formatFieldErrors(parsed.errors).toStdString();
    EXPECT_EQ(parsed.value.configuration.password, std::optional<QString>(QStringLiteral("...")));
    EXPECT_EQ(parsed.value.failoverChannels, (QStringList{QStringLiteral("ch_backup_001"), QStringLiteral("ch_backup_002")}));
    EXPECT_EQ(draftToCreateJson(parsed.value), json);
}

TEST(ChannelJson, TenantPasswordIsNeverReadNorWritten)
{
    QJsonObject json = parseObject(kContractChannel);
    QJsonObject config = json.value(QStringLiteral("configuration")).toObject();
    config.insert(QStringLiteral("authentication"),
                  QJsonObject{{QStringLiteral("username"), QStringLiteral("u")}, {QStringLiteral("password"), QStringLiteral("leaked")}});
    json.insert(QStringLiteral("configuration"), config);
    Parsed<Channel> parsed = channelFromJson(json);
    ASSERT_TRUE(parsed.ok());
    EXPECT_FALSE(parsed.value.configuration.password.has_value());
    parsed.value.configuration.password = QStringLiteral("set-by-mistake");
    const QByteArray bytes = QJsonDocument(channelToJson(parsed.value)).toJson();
    EXPECT_FALSE(bytes.contains("set-by-mistake"));
    EXPECT_FALSE(bytes.contains("leaked"));
}

TEST(ChannelJson, FailedOverChannelKnowsWhereItIsRouted)
{
    QJsonObject json = parseObject(kContractChannel);
    json.insert(QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray{QStringLiteral("b")}},
                                                       {QStringLiteral("primary_channel_id"), QStringLiteral("b")}});
    const Parsed<Channel> parsed = channelFromJson(json);
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(parsed.value.isFailedOver());
    EXPECT_EQ(parsed.value.routing.primaryChannelId, QStringLiteral("b"));
}

TEST(ChannelJson, WrongTypeIsAnErrorNamingTheField)
{
    QJsonObject json = parseObject(kContractChannel);
    QJsonObject config = json.value(QStringLiteral("configuration")).toObject();
    config.insert(QStringLiteral("sip_port"), QStringLiteral("5060"));
    QJsonArray codecs = config.value(QStringLiteral("codecs")).toArray();
    codecs.replace(1, QJsonObject{{QStringLiteral("name"), QStringLiteral("G729")}, {QStringLiteral("priority"), 2.5}});
    config.insert(QStringLiteral("codecs"), codecs);
    json.insert(QStringLiteral("configuration"), config);
    json.insert(QStringLiteral("version"), QStringLiteral("seven"));

    const Parsed<Channel> parsed = channelFromJson(json);
    ASSERT_FALSE(parsed.ok());
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("configuration.sip_port")));
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("configuration.codecs[1].priority")));
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("version")));
    EXPECT_EQ(parsed.errors.size(), 3) << formatFieldErrors(parsed.errors).toStdString();
}

TEST(ChannelJson, MissingFieldsAndUnknownStatusAreNamed)
{
    QJsonObject json = parseObject(kContractChannel);
    json.remove(QStringLiteral("id"));
    json.insert(QStringLiteral("status"), QStringLiteral("exploded"));
    json.insert(QStringLiteral("health_check"), QJsonArray{});
    const Parsed<Channel> parsed = channelFromJson(json);
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("id")));
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("status")));
    EXPECT_TRUE(hasErrorAt(parsed.errors, QStringLiteral("health_check")));
}

TEST(ChannelJson, DraftCodecThatIsNotAnObjectIsNamed)
{
    QJsonObject json = parseObject(kContractCreateBody);
    QJsonObject config = json.value(QStringLiteral("configuration")).toObject();
    config.insert(QStringLiteral("codecs"), QJsonArray{QStringLiteral("OPUS")});
    json.insert(QStringLiteral("configuration"), config);
    const Parsed<ChannelDraft> parsed = draftFromJson(json);
    ASSERT_EQ(parsed.errors.size(), 1);
    EXPECT_EQ(parsed.errors.at(0).field, QStringLiteral("configuration.codecs[0]"));
}

TEST(ChannelJson, FailoverAndFailbackPatchesAreTheContractsShapes)
{
    EXPECT_EQ(QJsonDocument(failoverPatch(QStringLiteral("ch_b"))).toJson(QJsonDocument::Compact),
              QByteArray(R"({"routing":{"primary_channel_id":"ch_b"},"status":"active"})"));
    EXPECT_EQ(QJsonDocument(failbackPatch()).toJson(QJsonDocument::Compact),
              QByteArray(R"({"routing":{"primary_channel_id":null}})"));
    const QJsonObject optimise = codecOrderPatch({{QStringLiteral("G729"), 1}, {QStringLiteral("PCMU"), 2}});
    EXPECT_EQ(QJsonDocument(optimise).toJson(QJsonDocument::Compact),
              QByteArray(R"({"configuration":{"codecs":[{"name":"G729","priority":1},{"name":"PCMU","priority":2}],"dtmf_mode":"RFC2833","rtp_payload_type":"dynamic"}})"));
}

TEST(ChannelJson, ToDraftDropsIdentityAndPassword)
{
    const Parsed<Channel> parsed = channelFromJson(parseObject(kContractChannel));
    ASSERT_TRUE(parsed.ok());
    const ChannelDraft draft = parsed.value.toDraft();
    EXPECT_EQ(draft.name, parsed.value.name);
    EXPECT_EQ(draft.failoverChannels, parsed.value.routing.failoverChannels);
    EXPECT_FALSE(draft.configuration.password.has_value());
}
