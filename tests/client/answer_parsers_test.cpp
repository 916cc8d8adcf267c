// The tenant's answers read into the model: a malformed answer is a
// BadResponse that names the field, never a crash or a silent default.

#include "client/answer_parsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace cc;

namespace {

Channel sampleChannel(const QString &id)
{
    Channel channel;
    channel.id = id;
    channel.name = QStringLiteral("trunk-") + id;
    channel.status = ChannelStatus::Healthy;
    channel.configuration.sipServer = QStringLiteral("sip.example.net");
    channel.configuration.username = QStringLiteral("user");
    channel.configuration.codecs = {{QStringLiteral("OPUS"), 1}};
    channel.version = 3;
    return channel;
}

QByteArray pageOf(const QJsonArray &channels, int total)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("channels"), channels},
                                     {QStringLiteral("page"), 2},
                                     {QStringLiteral("page_size"), 500},
                                     {QStringLiteral("total"), total}})
        .toJson();
}

} // namespace

TEST(AnswerParsers, ReadsAChannelPage)
{
    const ApiResult<ChannelPage> result = parseChannelPageAnswer(
        pageOf({channelToJson(sampleChannel(QStringLiteral("ch_1"))), channelToJson(sampleChannel(QStringLiteral("ch_2")))},
               502),
        QStringLiteral("list channels"));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value->channels.size(), 2);
    EXPECT_EQ(result.value->channels.at(1).id, QStringLiteral("ch_2"));
    EXPECT_EQ(result.value->total, 502);
    EXPECT_EQ(result.value->page, 2);
    EXPECT_EQ(result.value->pageSize, 500);
}

TEST(AnswerParsers, MalformedChannelInAPageNamesItsIndexAndField)
{
    QJsonObject broken = channelToJson(sampleChannel(QStringLiteral("ch_2")));
    broken.insert(QStringLiteral("status"), QStringLiteral("on_fire"));
    const ApiResult<ChannelPage> result = parseChannelPageAnswer(
        pageOf({channelToJson(sampleChannel(QStringLiteral("ch_1"))), broken}, 2), QStringLiteral("list channels"), 500);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::BadResponse);
    EXPECT_TRUE(result.error->message.startsWith(QStringLiteral("channels[501].status: "))) << result.error->message.toStdString();
    EXPECT_TRUE(result.error->text().contains(QStringLiteral("list channels")));
}

TEST(AnswerParsers, PageWithoutChannelsArrayIsABadResponse)
{
    const ApiResult<ChannelPage> missing = parseChannelPageAnswer(QByteArrayLiteral(R"({"page":1})"), QStringLiteral("list"));
    ASSERT_TRUE(missing.error);
    EXPECT_TRUE(missing.error->message.startsWith(QStringLiteral("channels:")));
    const ApiResult<ChannelPage> notJson = parseChannelPageAnswer(QByteArrayLiteral("<html>"), QStringLiteral("list"));
    ASSERT_TRUE(notJson.error);
    EXPECT_EQ(notJson.error->kind, ApiError::Kind::BadResponse);
    const ApiResult<ChannelPage> badTotal =
        parseChannelPageAnswer(QByteArrayLiteral(R"({"channels":[],"total":"many"})"), QStringLiteral("list"));
    ASSERT_TRUE(badTotal.error);
    EXPECT_TRUE(badTotal.error->message.startsWith(QStringLiteral("total:")));
}

TEST(AnswerParsers, ChannelMissingItsVersionNamesTheField)
{
    QJsonObject json = channelToJson(sampleChannel(QStringLiteral("ch_1")));
    json.remove(QStringLiteral("version"));
    const ApiResult<Channel> result = parseChannelAnswer(QJsonDocument(json).toJson(), QStringLiteral("get channel ch_1"));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::BadResponse);
    EXPECT_TRUE(result.error->message.contains(QStringLiteral("version"))) << result.error->message.toStdString();
    const ApiResult<Channel> fine =
        parseChannelAnswer(QJsonDocument(channelToJson(sampleChannel(QStringLiteral("ch_1")))).toJson(), QStringLiteral("get"));
    ASSERT_TRUE(fine.ok());
    EXPECT_EQ(*fine.value, sampleChannel(QStringLiteral("ch_1")));
}

TEST(AnswerParsers, MalformedTelemetryIsABadResponse)
{
    const ApiResult<TelemetryResult> result =
        parseTelemetryAnswer(QByteArrayLiteral(R"({"interval":"7m","metrics":[]})"), QStringLiteral("query telemetry"));
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->kind, ApiError::Kind::BadResponse);
    EXPECT_TRUE(result.error->message.contains(QStringLiteral("interval"))) << result.error->message.toStdString();
}
