// The contract's channel rows (section 2) over real HTTP: list and pagination,
// create with Location and Idempotency-Key, get with ETag, merge-patch with
// If-Match, delete with in_use, validation details, the write-only password.

#include "sim_http_test_util.h"

#include "model/channel_validator.h"

#include <QJsonArray>
#include <QSet>

#include <gtest/gtest.h>

using namespace cc::test;

namespace {

const QString kChannels = QStringLiteral("/api/v2/channels");

QString channelPath(const QString &id)
{
    return kChannels + QLatin1Char('/') + id;
}

QStringList detailFields(const SimFixture::Reply &reply)
{
    QStringList fields;
    for (const QJsonValue &detail : reply.json.value(QStringLiteral("details")).toArray())
        fields.append(detail.toObject().value(QStringLiteral("field")).toString());
    return fields;
}

} // namespace

TEST(SimChannels, ListAnswersTheSeededChannelsWithPageFieldsAndTotal)
{
    SimFixture sim(simOptions());
    const SimFixture::Reply reply = sim.api("GET", kChannels, sim.fetchToken());
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.json.value(QStringLiteral("page")).toInt(), 1);
    EXPECT_EQ(reply.json.value(QStringLiteral("page_size")).toInt(), 100);
    EXPECT_EQ(reply.json.value(QStringLiteral("total")).toInt(), 12);
    const QJsonArray channels = reply.json.value(QStringLiteral("channels")).toArray();
    ASSERT_EQ(channels.size(), 12);

    int backups = 0;
    QSet<QString> failoverTargets;
    for (const QJsonValue &value : channels) {
        const cc::Parsed<cc::Channel> parsed = cc::channelFromJson(value.toObject());
        ASSERT_TRUE(parsed.ok()) << cc::formatFieldErrors(parsed.errors).toStdString();
        const cc::Channel &channel = parsed.value;
        EXPECT_TRUE(cc::validateChannelDraft(channel.toDraft(), {cc::ValidationContext::Mode::Update, channel.id, std::nullopt}).isEmpty())
            << channel.name.toStdString();
        EXPECT_FALSE(value.toObject().value(QStringLiteral("configuration")).toObject()
                         .value(QStringLiteral("authentication")).toObject().contains(QStringLiteral("password")));
        if (channel.name.startsWith(QLatin1String("backup-")))
            ++backups;
        for (const QString &target : channel.routing.failoverChannels)
            failoverTargets.insert(target);
    }
    EXPECT_EQ(backups, 3);
    EXPECT_EQ(failoverTargets.size(), 3) << "every backup is some primary's failover target";
    EXPECT_EQ(channels.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("prod-voice-trunk-us-east-1"));
}

TEST(SimChannels, PaginatesTwelveHundredChannelsWithoutGapsOrRepeats)
{
    SimFixture sim(simOptions({}, 1200));
    const QString token = sim.fetchToken();
    QSet<QString> ids;
    QSet<QString> names;
    const int sizes[] = {500, 500, 200, 0};
    for (int page = 1; page <= 4; ++page) {
        const SimFixture::Reply reply = sim.api("GET", kChannels + QStringLiteral("?page=%1&page_size=500").arg(page), token);
        ASSERT_EQ(reply.status, 200);
        EXPECT_EQ(reply.json.value(QStringLiteral("total")).toInt(), 1200);
        EXPECT_EQ(reply.json.value(QStringLiteral("page")).toInt(), page);
        const QJsonArray channels = reply.json.value(QStringLiteral("channels")).toArray();
        EXPECT_EQ(channels.size(), sizes[page - 1]);
        for (const QJsonValue &channel : channels) {
            ids.insert(channel.toObject().value(QStringLiteral("id")).toString());
            names.insert(channel.toObject().value(QStringLiteral("name")).toString());
        }
    }
    EXPECT_EQ(ids.size(), 1200);
    EXPECT_EQ(names.size(), 1200);

    const SimFixture::Reply small = sim.api("GET", kChannels + QStringLiteral("?page=7&page_size=7"), token);
    EXPECT_EQ(small.json.value(QStringLiteral("channels")).toArray().first().toObject().value(QStringLiteral("id")).toString(),
              sim.channelId(42));
}

TEST(SimChannels, PageSizeAbove500AndPagesBelowOneAre400WithDetails)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const SimFixture::Reply tooBig = sim.api("GET", kChannels + QStringLiteral("?page_size=501"), token);
    expectErrorBody(tooBig, 400, QStringLiteral("validation_failed"));
    EXPECT_EQ(detailFields(tooBig), QStringList{QStringLiteral("page_size")});
    const SimFixture::Reply zero = sim.api("GET", kChannels + QStringLiteral("?page=0&page_size=abc"), token);
    expectErrorBody(zero, 400, QStringLiteral("validation_failed"));
    EXPECT_EQ(detailFields(zero), (QStringList{QStringLiteral("page"), QStringLiteral("page_size")}));
    EXPECT_EQ(sim.api("GET", kChannels + QStringLiteral("?page_size=500"), token).status, 200);
}

TEST(SimChannels, CreateAnswers201WithLocationETagAndAProvisioningChannel)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const SimFixture::Reply created = sim.api("POST", kChannels, token, createBody(QStringLiteral("new-trunk-eu"), {sim.channelId(3)}));
    ASSERT_EQ(created.status, 201) << created.body.constData();
    const QString id = created.json.value(QStringLiteral("id")).toString();
    EXPECT_TRUE(id.startsWith(QLatin1String("ch_")));
    EXPECT_EQ(QUrl(QString::fromLatin1(created.header("Location"))), sim.url(channelPath(id)));
    EXPECT_EQ(created.header("ETag"), QByteArrayLiteral("\"1\""));
    EXPECT_EQ(created.json.value(QStringLiteral("status")).toString(), QStringLiteral("provisioning"));
    EXPECT_EQ(created.json.value(QStringLiteral("version")).toInt(), 1);
    EXPECT_FALSE(created.body.contains("password"));
    EXPECT_FALSE(created.body.contains("Sup3r-Secret-Trunk-PW"));

    const SimFixture::Reply fetched = sim.api("GET", QUrl(QString::fromLatin1(created.header("Location"))).path(), token);
    EXPECT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json, created.json);
    EXPECT_EQ(sim.api("GET", kChannels, token).json.value(QStringLiteral("total")).toInt(), 13);
}

TEST(SimChannels, CreateBreakingTheRulesIs400WithTheContractsFieldPaths)
{
    SimFixture sim(simOptions());
    QJsonObject body = createBody(QStringLiteral("ab"), {QStringLiteral("ch_nope")});
    QJsonObject config = body.value(QStringLiteral("configuration")).toObject();
    config.insert(QStringLiteral("sip_port"), 5000);
    config.insert(QStringLiteral("codecs"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("OPUS")}, {QStringLiteral("priority"), 1}},
                                                       QJsonObject{{QStringLiteral("name"), QStringLiteral("G729")}, {QStringLiteral("priority"), 11}}});
    body.insert(QStringLiteral("configuration"), config);
    const SimFixture::Reply reply = sim.api("POST", kChannels, sim.fetchToken(), body);
    expectErrorBody(reply, 400, QStringLiteral("validation_failed"));
    const QStringList fields = detailFields(reply);
    EXPECT_TRUE(fields.contains(QStringLiteral("name")));
    EXPECT_TRUE(fields.contains(QStringLiteral("configuration.sip_port")));
    EXPECT_TRUE(fields.contains(QStringLiteral("configuration.codecs[1].priority")));
    EXPECT_TRUE(fields.contains(QStringLiteral("routing.failover_channels[0]")));
    EXPECT_EQ(reply.json.value(QStringLiteral("message")).toString(), QStringLiteral("%1 fields are invalid").arg(fields.size()));
}

TEST(SimChannels, SameIdempotencyKeyCreatesOneChannelAndAnswersTheSameAgain)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const SimFixture::Headers key{{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("create-7f3a")}};
    const SimFixture::Reply first = sim.api("POST", kChannels, token, createBody(QStringLiteral("idem-trunk")), key);
    const SimFixture::Reply again = sim.api("POST", kChannels, token, createBody(QStringLiteral("idem-trunk")), key);
    ASSERT_EQ(first.status, 201);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.header("Location"), first.header("Location"));
    EXPECT_EQ(sim.api("GET", kChannels, token).json.value(QStringLiteral("total")).toInt(), 13);

    const SimFixture::Reply other = sim.api("POST", kChannels, token, createBody(QStringLiteral("idem-trunk-2")),
                                            {{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("create-other")}});
    EXPECT_EQ(other.status, 201);
    EXPECT_NE(other.json.value(QStringLiteral("id")), first.json.value(QStringLiteral("id")));
    EXPECT_EQ(sim.api("GET", kChannels, token).json.value(QStringLiteral("total")).toInt(), 14);

    const QJsonArray log = sim.requests();
    EXPECT_EQ(log.at(2).toObject().value(QStringLiteral("idempotency_key")).toString(), QStringLiteral("create-7f3a"));
}

TEST(SimChannels, GetAnswersTheChannelWithItsVersionAsETagOr404)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const SimFixture::Reply reply = sim.api("GET", channelPath(sim.channelId(0)), token);
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("ETag"), '"' + QByteArray::number(reply.json.value(QStringLiteral("version")).toInt()) + '"');
    expectErrorBody(sim.api("GET", channelPath(QStringLiteral("ch_nothere")), token), 404, QStringLiteral("not_found"));
}

TEST(SimChannels, PatchMergesBumpsTheVersionAndRefusesAStaleIfMatchWith412)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString id = sim.channelId(1);
    const SimFixture::Reply before = sim.api("GET", channelPath(id), token);
    const int version = before.json.value(QStringLiteral("version")).toInt();
    const QByteArray etag = before.header("ETag");

    const QJsonObject patch{{QStringLiteral("configuration"), QJsonObject{
                                 {QStringLiteral("codecs"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("G722")}, {QStringLiteral("priority"), 1}}}},
                                 {QStringLiteral("dtmf_mode"), QStringLiteral("RFC2833")}}}};
    const SimFixture::Reply patched = sim.api("PATCH", channelPath(id), token, patch, {{QByteArrayLiteral("If-Match"), etag}});
    ASSERT_EQ(patched.status, 200) << patched.body.constData();
    EXPECT_EQ(patched.json.value(QStringLiteral("version")).toInt(), version + 1);
    EXPECT_EQ(patched.header("ETag"), '"' + QByteArray::number(version + 1) + '"');
    const QJsonObject config = patched.json.value(QStringLiteral("configuration")).toObject();
    EXPECT_EQ(config.value(QStringLiteral("codecs")).toArray().size(), 1);
    EXPECT_EQ(config.value(QStringLiteral("sip_server")), before.json.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("sip_server")));
    EXPECT_EQ(patched.json.value(QStringLiteral("name")), before.json.value(QStringLiteral("name")));

    const SimFixture::Reply stale = sim.api("PATCH", channelPath(id), token, QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")}},
                                            {{QByteArrayLiteral("If-Match"), etag}});
    expectErrorBody(stale, 412, QStringLiteral("precondition_failed"));
    EXPECT_EQ(sim.api("GET", channelPath(id), token).json.value(QStringLiteral("name")), before.json.value(QStringLiteral("name")));

    const SimFixture::Reply unconditional = sim.api("PATCH", channelPath(id), token, QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")}});
    EXPECT_EQ(unconditional.status, 200);
    EXPECT_EQ(unconditional.json.value(QStringLiteral("version")).toInt(), version + 2);
    expectErrorBody(sim.api("PATCH", channelPath(QStringLiteral("ch_nothere")), token, QJsonObject{{QStringLiteral("name"), QStringLiteral("abc")}}),
                    404, QStringLiteral("not_found"));
}

TEST(SimChannels, PatchBreakingTheRulesIs400WithDetails)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString id = sim.channelId(0);
    const SimFixture::Reply reply = sim.api("PATCH", channelPath(id), token, QJsonObject{
        {QStringLiteral("health_check"), QJsonObject{{QStringLiteral("interval_seconds"), 20}}},
        {QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray{id}}}},
        {QStringLiteral("status"), QStringLiteral("on-fire")}});
    expectErrorBody(reply, 400, QStringLiteral("validation_failed"));
    const QStringList fields = detailFields(reply);
    EXPECT_TRUE(fields.contains(QStringLiteral("health_check.interval_seconds"))) << fields.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(fields.contains(QStringLiteral("routing.failover_channels[0]"))) << fields.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(fields.contains(QStringLiteral("status")));
}

TEST(SimChannels, FailoverAndFailbackPatchesAsTheTutorialSendsThem)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString primary = sim.channelId(0);
    const QString backup = sim.channelId(3);
    const SimFixture::Reply failover = sim.api("PATCH", channelPath(primary), token, cc::failoverPatch(backup));
    ASSERT_EQ(failover.status, 200) << failover.body.constData();
    EXPECT_EQ(failover.json.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    EXPECT_EQ(failover.json.value(QStringLiteral("routing")).toObject().value(QStringLiteral("primary_channel_id")).toString(), backup);

    // Traffic routed to the backup: it may not be deleted now.
    const SimFixture::Reply inUse = sim.api("DELETE", channelPath(backup), token);
    expectErrorBody(inUse, 409, QStringLiteral("in_use"));

    const SimFixture::Reply failback = sim.api("PATCH", channelPath(primary), token, cc::failbackPatch());
    ASSERT_EQ(failback.status, 200);
    EXPECT_TRUE(failback.json.value(QStringLiteral("routing")).toObject().value(QStringLiteral("primary_channel_id")).isNull());
    expectErrorBody(sim.api("PATCH", channelPath(primary), token, cc::failoverPatch(QStringLiteral("ch_nothere"))), 400,
                    QStringLiteral("validation_failed"));
}

TEST(SimChannels, PasswordIsWriteOnly)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString id = sim.channelId(2);
    const int version = sim.api("GET", channelPath(id), token).json.value(QStringLiteral("version")).toInt();
    const SimFixture::Reply patched = sim.api("PATCH", channelPath(id), token, QJsonObject{
        {QStringLiteral("configuration"), QJsonObject{{QStringLiteral("authentication"), QJsonObject{{QStringLiteral("password"), QStringLiteral("N3w-PW")}}}}}});
    ASSERT_EQ(patched.status, 200);
    EXPECT_EQ(patched.json.value(QStringLiteral("version")).toInt(), version + 1) << "a new password is a change";
    EXPECT_FALSE(patched.body.contains("N3w-PW"));
    EXPECT_FALSE(patched.body.contains("password"));
    EXPECT_FALSE(sim.api("GET", kChannels, token).body.contains("password"));
    EXPECT_TRUE(sim.tenant().channels().hasPassword(id));
}

TEST(SimChannels, DeleteAnswers204Then404And409WhileAFailoverTarget)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString backup = sim.channelId(3);
    const SimFixture::Reply inUse = sim.api("DELETE", channelPath(backup), token);
    expectErrorBody(inUse, 409, QStringLiteral("in_use"));
    QStringList users;
    for (const QJsonValue &value : inUse.json.value(QStringLiteral("referenced_by")).toArray())
        users.append(value.toString());
    EXPECT_EQ(users, (QStringList{sim.channelId(0), sim.channelId(1), sim.channelId(2)}));

    const QString unused = sim.channelId(10); // a primary: nobody fails over to it
    const SimFixture::Reply deleted = sim.api("DELETE", channelPath(unused), token);
    EXPECT_EQ(deleted.status, 204);
    EXPECT_TRUE(deleted.body.isEmpty());
    expectErrorBody(sim.api("GET", channelPath(unused), token), 404, QStringLiteral("not_found"));
    expectErrorBody(sim.api("DELETE", channelPath(unused), token), 404, QStringLiteral("not_found"));
}

TEST(SimChannels, NewChannelTurnsHealthyAtItsFirstCheck)
{
    auto clock = std::make_shared<cc::ManualClock>();
    SimFixture sim(simOptions(clock));
    const QString token = sim.fetchToken();
    const QString id = sim.api("POST", kChannels, token, createBody(QStringLiteral("fresh-trunk"))).json.value(QStringLiteral("id")).toString();
    clock->advanceSeconds(30);
    EXPECT_EQ(sim.api("GET", channelPath(id), token).json.value(QStringLiteral("status")).toString(), QStringLiteral("provisioning"));
    clock->advanceSeconds(31);
    EXPECT_EQ(sim.api("GET", channelPath(id), token).json.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
}
