#include "sim_http_test_util.h"

#include <QJsonArray>

#include <gtest/gtest.h>

namespace cc::test {

cc::sim::SimOptions simOptions(const std::shared_ptr<cc::ManualClock> &clock, int channels)
{
    cc::sim::SimOptions options;
    options.rateLimitPerMinute = 0;
    options.channels = channels;
    options.clock = clock;
    return options;
}

QJsonObject createBody(const QString &name, const QStringList &failover)
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), QStringLiteral("sip")},
        {QStringLiteral("configuration"), QJsonObject{
             {QStringLiteral("sip_server"), QStringLiteral("sip.carrier-provider.net")},
             {QStringLiteral("sip_port"), 5060},
             {QStringLiteral("authentication"), QJsonObject{{QStringLiteral("username"), QStringLiteral("trunk_user_01")},
                                                            {QStringLiteral("password"), QStringLiteral("Sup3r-Secret-Trunk-PW")}}},
             {QStringLiteral("codecs"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("OPUS")}, {QStringLiteral("priority"), 1}},
                                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("G729")}, {QStringLiteral("priority"), 2}}}}}},
        {QStringLiteral("routing"), QJsonObject{{QStringLiteral("failover_channels"), QJsonArray::fromStringList(failover)}}},
        {QStringLiteral("health_check"), QJsonObject{{QStringLiteral("interval_seconds"), 60}, {QStringLiteral("timeout_seconds"), 15}}},
    };
}

QJsonObject telemetryQuery(const QString &interval, const QStringList &ids, const QDateTime &from, const QDateTime &to)
{
    return QJsonObject{
        {QStringLiteral("interval"), interval},
        {QStringLiteral("metrics"), QJsonArray{QStringLiteral("latency_ms"), QStringLiteral("jitter_ms"), QStringLiteral("packet_loss_pct")}},
        {QStringLiteral("dimension"), QStringLiteral("channelId")},
        {QStringLiteral("filter"), QJsonObject{
             {QStringLiteral("type"), QStringLiteral("and")},
             {QStringLiteral("clauses"), QJsonArray{
                  QJsonObject{{QStringLiteral("dimension"), QStringLiteral("channelId")},
                              {QStringLiteral("selector"), ids.size() == 1 ? QStringLiteral("eq") : QStringLiteral("in")},
                              {QStringLiteral("values"), QJsonArray::fromStringList(ids)}},
                  QJsonObject{{QStringLiteral("dimension"), QStringLiteral("conversationType")},
                              {QStringLiteral("selector"), QStringLiteral("eq")},
                              {QStringLiteral("values"), QJsonArray{QStringLiteral("voice")}}}}}}},
        {QStringLiteral("from"), from.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("to"), to.toUTC().toString(Qt::ISODate)},
    };
}

void expectErrorBody(const SimFixture::Reply &reply, int status, const QString &error)
{
    EXPECT_EQ(reply.status, status) << reply.body.constData();
    EXPECT_EQ(reply.json.value(QStringLiteral("error")).toString(), error) << reply.body.constData();
    EXPECT_FALSE(reply.json.value(QStringLiteral("message")).toString().isEmpty()) << reply.body.constData();
    const QString requestId = reply.json.value(QStringLiteral("request_id")).toString();
    EXPECT_FALSE(requestId.isEmpty()) << reply.body.constData();
    EXPECT_EQ(reply.header("X-Request-Id"), requestId.toLatin1());
}

} // namespace cc::test
