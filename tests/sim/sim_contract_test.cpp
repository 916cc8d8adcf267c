// The contract's sign-in (section 1 and 6), authorisation, errors for garbage
// input, the control API's counters and the export receiver (section 5), over
// real HTTP against an in-process SimServer on 127.0.0.1 port 0.

#include "sim_http_test_util.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <gtest/gtest.h>

using namespace cc::test;

namespace {

const SimFixture::Headers kForm{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}};

SimFixture::Reply tokenRequest(SimFixture &sim, const QByteArray &form)
{
    return sim.request("POST", QStringLiteral("/api/v2/oauth/token"), form, kForm);
}

} // namespace

TEST(SimToken, ClientCredentialsGiveABearerTokenWithTheFourScopes)
{
    SimFixture sim(simOptions());
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const SimFixture::Reply reply = tokenRequest(
        sim, "grant_type=client_credentials&client_id=demo&client_secret=demo-secret"
             "&scope=channel%3Aread%20channel%3Awrite%20telemetry%3Aread%20analytics%3Aread");
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    EXPECT_FALSE(reply.json.value(QStringLiteral("access_token")).toString().isEmpty());
    EXPECT_EQ(reply.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    EXPECT_EQ(reply.json.value(QStringLiteral("expires_in")).toInt(), 1800);
    EXPECT_EQ(reply.json.value(QStringLiteral("scope")).toString(),
              QStringLiteral("channel:read channel:write telemetry:read analytics:read"));
    EXPECT_EQ(sim.stats().value(QStringLiteral("tokens_issued")).toInt(), 1);
}

TEST(SimToken, PlusEncodedScopesAndHttpBasicClientAuthAreAccepted)
{
    SimFixture sim(simOptions());
    const QByteArray basic = "Basic " + QByteArrayLiteral("demo:demo-secret").toBase64();
    const SimFixture::Reply reply = sim.request("POST", QStringLiteral("/api/v2/oauth/token"),
                                                "grant_type=client_credentials&scope=channel:read+telemetry:read",
                                                {kForm.first(), {QByteArrayLiteral("Authorization"), basic}});
    ASSERT_EQ(reply.status, 200) << reply.body.constData();
    EXPECT_EQ(reply.json.value(QStringLiteral("scope")).toString(), QStringLiteral("channel:read telemetry:read"));
}

TEST(SimToken, WrongGrantTypeIs400UnsupportedGrantType)
{
    SimFixture sim(simOptions());
    expectErrorBody(tokenRequest(sim, "grant_type=authorization_code&client_id=demo&client_secret=demo-secret"), 400,
                    QStringLiteral("unsupported_grant_type"));
}

TEST(SimToken, UnknownScopeIs400InvalidScope)
{
    SimFixture sim(simOptions());
    const SimFixture::Reply reply = tokenRequest(sim, "grant_type=client_credentials&client_id=demo&client_secret=demo-secret&scope=admin");
    expectErrorBody(reply, 400, QStringLiteral("invalid_scope"));
    EXPECT_TRUE(reply.json.value(QStringLiteral("message")).toString().contains(QLatin1String("admin")));
}

TEST(SimToken, WrongSecretOrUnknownClientIs401InvalidClient)
{
    SimFixture sim(simOptions());
    expectErrorBody(tokenRequest(sim, "grant_type=client_credentials&client_id=demo&client_secret=nope"), 401,
                    QStringLiteral("invalid_client"));
    expectErrorBody(tokenRequest(sim, "grant_type=client_credentials&client_id=other&client_secret=demo-secret"), 401,
                    QStringLiteral("invalid_client"));
    expectErrorBody(tokenRequest(sim, "grant_type=client_credentials"), 401, QStringLiteral("invalid_client"));
}

TEST(SimToken, ConfiguredSecretReplacesTheDemoSecret)
{
    cc::sim::SimOptions options = simOptions();
    options.clientSecret = QStringLiteral("per-test-secret");
    SimFixture sim(options);
    EXPECT_FALSE(sim.fetchToken().isEmpty());
    expectErrorBody(tokenRequest(sim, "grant_type=client_credentials&client_id=demo&client_secret=demo-secret"), 401,
                    QStringLiteral("invalid_client"));
}

TEST(SimAuth, MissingUnknownAndExpiredTokensAre401)
{
    auto clock = std::make_shared<cc::ManualClock>();
    cc::sim::SimOptions options = simOptions(clock);
    options.tokenTtlSeconds = 60;
    SimFixture sim(options);
    const QString path = QStringLiteral("/api/v2/channels");
    expectErrorBody(sim.api("GET", path, QString()), 401, QStringLiteral("invalid_token"));
    expectErrorBody(sim.api("GET", path, QStringLiteral("sim_not_issued_here")), 401, QStringLiteral("invalid_token"));

    const QString token = sim.fetchToken();
    EXPECT_EQ(sim.api("GET", path, token).status, 200);
    clock->advanceSeconds(61);
    expectErrorBody(sim.api("GET", path, token), 401, QStringLiteral("invalid_token"));
    EXPECT_EQ(sim.api("GET", path, sim.fetchToken()).status, 200);
}

TEST(SimAuth, EachCallNeedsItsScopeAndSays403WithTheRequiredScope)
{
    SimFixture sim(simOptions());
    const QString readOnly = sim.fetchToken(QStringLiteral("channel:read"));
    const QString id = sim.channelId(0);
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels/") + id, readOnly).status, 200);

    const auto expectScope = [](const SimFixture::Reply &reply, const QString &scope) {
        expectErrorBody(reply, 403, QStringLiteral("insufficient_scope"));
        EXPECT_EQ(reply.json.value(QStringLiteral("required_scope")).toString(), scope);
    };
    expectScope(sim.api("POST", QStringLiteral("/api/v2/channels"), readOnly, createBody(QStringLiteral("scoped"))),
                QStringLiteral("channel:write"));
    expectScope(sim.api("PATCH", QStringLiteral("/api/v2/channels/") + id, readOnly, QJsonObject{{QStringLiteral("name"), QStringLiteral("abc")}}),
                QStringLiteral("channel:write"));
    expectScope(sim.api("DELETE", QStringLiteral("/api/v2/channels/") + id, readOnly), QStringLiteral("channel:write"));
    expectScope(sim.api("POST", QStringLiteral("/api/v2/telemetry/metrics"), readOnly,
                        telemetryQuery(QStringLiteral("5m"), {id}, QDateTime::currentDateTimeUtc().addSecs(-3600),
                                       QDateTime::currentDateTimeUtc())),
                QStringLiteral("telemetry:read"));
    const QString writeOnly = sim.fetchToken(QStringLiteral("channel:write"));
    expectScope(sim.api("GET", QStringLiteral("/api/v2/channels"), writeOnly), QStringLiteral("channel:read"));
}

TEST(SimAuth, RevokedScopeAnswers403UntilGrantedAgain)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("revoke_scope")}, {QStringLiteral("scope"), QStringLiteral("channel:read")}});
    const SimFixture::Reply denied = sim.api("GET", QStringLiteral("/api/v2/channels"), token);
    expectErrorBody(denied, 403, QStringLiteral("insufficient_scope"));
    EXPECT_EQ(denied.json.value(QStringLiteral("required_scope")).toString(), QStringLiteral("channel:read"));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("grant_scope")}, {QStringLiteral("scope"), QStringLiteral("channel:read")}});
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels"), token).status, 200);
}

TEST(SimAuth, ExpireTokensFaultRevokesEveryTokenIssuedSoFar)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("expire_tokens")}});
    expectErrorBody(sim.api("GET", QStringLiteral("/api/v2/channels"), token), 401, QStringLiteral("invalid_token"));
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels"), sim.fetchToken()).status, 200);
}

TEST(SimAuth, RejectCredentialsFaultAnswers401InvalidClient)
{
    SimFixture sim(simOptions());
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("reject_credentials")}, {QStringLiteral("value"), true}});
    expectErrorBody(tokenRequest(sim, "grant_type=client_credentials&client_id=demo&client_secret=demo-secret"), 401,
                    QStringLiteral("invalid_client"));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("reject_credentials")}, {QStringLiteral("value"), false}});
    EXPECT_FALSE(sim.fetchToken().isEmpty());
}

TEST(SimSignIn, AccessKeyWithDiscoveryGivesATokenAndTheTenantsApiEndpoint)
{
    SimFixture sim(simOptions());
    const SimFixture::Reply openId = sim.request("GET", QStringLiteral("/.well-known/openid-configuration"));
    ASSERT_EQ(openId.status, 200);
    const QUrl tokenEndpoint(openId.json.value(QStringLiteral("token_endpoint")).toString());
    EXPECT_EQ(tokenEndpoint, sim.url(QStringLiteral("/auth/token")));
    EXPECT_EQ(openId.json.value(QStringLiteral("issuer")).toString(), sim.baseUrl().toString());

    const QByteArray basic = "Basic " + QByteArrayLiteral("demo:demo-secret").toBase64();
    const SimFixture::Reply token = sim.request("POST", tokenEndpoint.path(),
                                                "grant_type=password&username=demo-key&password=demo-key-secret",
                                                {kForm.first(), {QByteArrayLiteral("Authorization"), basic}});
    ASSERT_EQ(token.status, 200) << token.body.constData();
    EXPECT_EQ(token.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    EXPECT_EQ(token.json.value(QStringLiteral("expires_in")).toInt(), 1800);
    const QList<QByteArray> jwt = token.json.value(QStringLiteral("id_token")).toString().toLatin1().split('.');
    ASSERT_EQ(jwt.size(), 3);
    const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(jwt.at(1), QByteArray::Base64UrlEncoding)).object();
    const QString tenantId = claims.value(QStringLiteral("tenantId")).toString();
    EXPECT_EQ(tenantId, QStringLiteral("tenant-demo"));

    const SimFixture::Reply area = sim.request("GET", QStringLiteral("/.well-known/cxone-configuration?tenantId=") + tenantId);
    ASSERT_EQ(area.status, 200);
    EXPECT_EQ(area.json.value(QStringLiteral("area")).toString(), QStringLiteral("sim1"));
    EXPECT_EQ(QUrl(area.json.value(QStringLiteral("api_endpoint")).toString()), sim.baseUrl());

    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels"), token.json.value(QStringLiteral("access_token")).toString()).status, 200);
}

TEST(SimSignIn, WrongAccessKeyIs400InvalidGrantAndMissingBasicAuthIs401)
{
    SimFixture sim(simOptions());
    const QByteArray basic = "Basic " + QByteArrayLiteral("demo:demo-secret").toBase64();
    expectErrorBody(sim.request("POST", QStringLiteral("/auth/token"), "grant_type=password&username=demo-key&password=wrong",
                                {kForm.first(), {QByteArrayLiteral("Authorization"), basic}}),
                    400, QStringLiteral("invalid_grant"));
    expectErrorBody(sim.request("POST", QStringLiteral("/auth/token"), "grant_type=password&username=demo-key&password=demo-key-secret", kForm),
                    401, QStringLiteral("invalid_client"));
    expectErrorBody(sim.request("GET", QStringLiteral("/.well-known/cxone-configuration?tenantId=someone-else")), 404,
                    QStringLiteral("not_found"));
}

TEST(SimGarbage, MalformedJsonWrongTypesAndNonObjectsAre400AndTheSimKeepsServing)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString channels = QStringLiteral("/api/v2/channels");
    expectErrorBody(sim.apiRaw("POST", channels, token, "{\"name\": "), 400, QStringLiteral("malformed_json"));
    expectErrorBody(sim.apiRaw("POST", channels, token, "[1, 2, 3]"), 400, QStringLiteral("malformed_json"));
    expectErrorBody(sim.apiRaw("POST", channels, token, "\xff\xfe garbage"), 400, QStringLiteral("malformed_json"));

    QJsonObject wrongTypes = createBody(QStringLiteral("typed"));
    QJsonObject config = wrongTypes.value(QStringLiteral("configuration")).toObject();
    config.insert(QStringLiteral("sip_port"), QStringLiteral("5060"));
    config.insert(QStringLiteral("codecs"), QStringLiteral("OPUS"));
    wrongTypes.insert(QStringLiteral("configuration"), config);
    const SimFixture::Reply typed = sim.api("POST", channels, token, wrongTypes);
    expectErrorBody(typed, 400, QStringLiteral("validation_failed"));
    const QJsonArray details = typed.json.value(QStringLiteral("details")).toArray();
    QStringList fields;
    for (const QJsonValue &detail : details)
        fields.append(detail.toObject().value(QStringLiteral("field")).toString());
    EXPECT_TRUE(fields.contains(QStringLiteral("configuration.sip_port"))) << fields.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(fields.contains(QStringLiteral("configuration.codecs"))) << fields.join(QLatin1Char(',')).toStdString();

    expectErrorBody(sim.apiRaw("PATCH", channels + QLatin1Char('/') + sim.channelId(0), token, "{oops}"), 400,
                    QStringLiteral("malformed_json"));
    expectErrorBody(sim.apiRaw("POST", QStringLiteral("/api/v2/telemetry/metrics"), token, "nope"), 400,
                    QStringLiteral("malformed_json"));
    EXPECT_EQ(sim.api("GET", channels, token).status, 200);
}

TEST(SimGarbage, UnknownPathsAre404AndWrongMethods405WithTheErrorBody)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    expectErrorBody(sim.api("GET", QStringLiteral("/api/v2/trunks"), token), 404, QStringLiteral("not_found"));
    expectErrorBody(sim.api("GET", QStringLiteral("/"), token), 404, QStringLiteral("not_found"));
    expectErrorBody(sim.api("GET", QStringLiteral("/api/v2/channels/a/b"), token), 404, QStringLiteral("not_found"));
    expectErrorBody(sim.api("GET", QStringLiteral("/_sim/nothing"), QString()), 404, QStringLiteral("not_found"));
    const SimFixture::Reply put = sim.api("PUT", QStringLiteral("/api/v2/channels"), token, QJsonObject{});
    expectErrorBody(put, 405, QStringLiteral("method_not_allowed"));
    EXPECT_EQ(put.header("Allow"), QByteArrayLiteral("GET, POST"));
    expectErrorBody(sim.api("GET", QStringLiteral("/api/v2/oauth/token"), QString()), 405, QStringLiteral("method_not_allowed"));
    expectErrorBody(sim.api("POST", QStringLiteral("/api/v2/channels/") + sim.channelId(0), token, QJsonObject{}), 405,
                    QStringLiteral("method_not_allowed"));
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels"), token).status, 200);
}

TEST(SimGarbage, BodyOverOneMebibyteIs413AndTheSimKeepsServing)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QByteArray huge = "{\"name\": \"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}";
    expectErrorBody(sim.apiRaw("POST", QStringLiteral("/api/v2/channels"), token, huge), 413, QStringLiteral("payload_too_large"));
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels/") + sim.channelId(1), token).status, 200);
    const QJsonArray log = sim.requests();
    ASSERT_FALSE(log.isEmpty());
    EXPECT_TRUE(log.at(log.size() - 2).toObject().value(QStringLiteral("body")).isNull());
}

TEST(SimGarbage, BytesThatAreNotHttpDoNotStopTheSim)
{
    SimFixture sim(simOptions());
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, sim.server().port());
        ASSERT_TRUE(socket.waitForConnected(5000));
        socket.write("\x16\x03\x01 this is not HTTP at all\r\n\r\n\r\n");
        // The sim may answer 400 or close the connection; it must do one of them.
        QEventLoop loop;
        QTimer guard;
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(10000);
        loop.exec();
        EXPECT_TRUE(guard.isActive()) << "neither an answer nor a close within 10 s";
    }
    EXPECT_EQ(sim.api("GET", QStringLiteral("/api/v2/channels"), sim.fetchToken()).status, 200);
}

TEST(SimRequests, EveryAnswerCarriesARequestId)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    QSet<QByteArray> ids;
    for (const SimFixture::Reply &reply : {sim.api("GET", QStringLiteral("/api/v2/channels"), token),
                                           sim.api("GET", QStringLiteral("/api/v2/channels/") + sim.channelId(2), token),
                                           sim.api("GET", QStringLiteral("/missing"), token),
                                           sim.request("GET", QStringLiteral("/_sim/stats"))}) {
        EXPECT_FALSE(reply.header("X-Request-Id").isEmpty());
        ids.insert(reply.header("X-Request-Id"));
    }
    EXPECT_EQ(ids.size(), 4);
}

TEST(SimRequests, LogAndCountersNameRoutesByTemplateAndClearOnDelete)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    sim.api("GET", QStringLiteral("/api/v2/channels?page=1&page_size=5"), token);
    sim.api("GET", QStringLiteral("/api/v2/channels/") + sim.channelId(0), token);
    sim.api("GET", QStringLiteral("/api/v2/channels/") + sim.channelId(1), token);
    sim.api("GET", QStringLiteral("/api/v2/channels/ch_missing"), token);

    const QJsonObject stats = sim.stats();
    EXPECT_EQ(stats.value(QStringLiteral("requests_total")).toInt(), 5);
    const QJsonObject byRoute = stats.value(QStringLiteral("by_route")).toObject();
    EXPECT_EQ(byRoute.value(QStringLiteral("POST /api/v2/oauth/token")).toInt(), 1);
    EXPECT_EQ(byRoute.value(QStringLiteral("GET /api/v2/channels")).toInt(), 1);
    EXPECT_EQ(byRoute.value(QStringLiteral("GET /api/v2/channels/{id}")).toInt(), 3);
    const QJsonObject byStatus = stats.value(QStringLiteral("by_status")).toObject();
    EXPECT_EQ(byStatus.value(QStringLiteral("200")).toInt(), 4);
    EXPECT_EQ(byStatus.value(QStringLiteral("404")).toInt(), 1);
    EXPECT_EQ(stats.value(QStringLiteral("tokens_issued")).toInt(), 1);

    const QJsonArray log = sim.requests();
    ASSERT_EQ(log.size(), 5);
    const QJsonObject list = log.at(1).toObject();
    EXPECT_EQ(list.value(QStringLiteral("seq")).toInt(), 2);
    EXPECT_EQ(list.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    EXPECT_EQ(list.value(QStringLiteral("path")).toString(), QStringLiteral("/api/v2/channels"));
    EXPECT_EQ(list.value(QStringLiteral("query")).toString(), QStringLiteral("page=1&page_size=5"));
    EXPECT_EQ(list.value(QStringLiteral("status")).toInt(), 200);
    EXPECT_EQ(list.value(QStringLiteral("token")).toString().size(), 8);
    EXPECT_GE(list.value(QStringLiteral("t_ms")).toInteger(), log.at(0).toObject().value(QStringLiteral("t_ms")).toInteger());
    EXPECT_TRUE(log.at(0).toObject().value(QStringLiteral("token")).isNull());

    sim.clearRequests();
    EXPECT_EQ(sim.stats().value(QStringLiteral("requests_total")).toInt(), 0);
    EXPECT_TRUE(sim.requests().isEmpty());
}

TEST(SimRequests, SecretsNeverAppearInTheRequestLog)
{
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString id = sim.api("POST", QStringLiteral("/api/v2/channels"), token, createBody(QStringLiteral("secret-trunk")))
                           .json.value(QStringLiteral("id")).toString();
    ASSERT_FALSE(id.isEmpty());
    sim.api("PATCH", QStringLiteral("/api/v2/channels/") + id, token,
            QJsonObject{{QStringLiteral("configuration"), QJsonObject{{QStringLiteral("authentication"),
                                                                       QJsonObject{{QStringLiteral("password"), QStringLiteral("An0ther-Trunk-PW")}}}}}});
    const QByteArray basic = "Basic " + QByteArrayLiteral("demo:demo-secret").toBase64();
    sim.request("POST", QStringLiteral("/auth/token"), "grant_type=password&username=demo-key&password=demo-key-secret",
                {kForm.first(), {QByteArrayLiteral("Authorization"), basic}});

    const QByteArray log = sim.request("GET", QStringLiteral("/_sim/requests")).body;
    EXPECT_FALSE(log.contains("Sup3r-Secret-Trunk-PW"));
    EXPECT_FALSE(log.contains("An0ther-Trunk-PW"));
    EXPECT_FALSE(log.contains("demo-secret"));
    EXPECT_FALSE(log.contains("demo-key-secret"));
    EXPECT_FALSE(log.contains(token.toLatin1()));
    EXPECT_TRUE(log.contains("[redacted]"));
    EXPECT_FALSE(sim.request("GET", QStringLiteral("/_sim/stats")).body.contains(token.toLatin1()));
}

TEST(SimRequests, SecretLookingQueryParametersAreRedactedInTheLog)
{
    SimFixture sim(simOptions());
    sim.request("GET", QStringLiteral("/api/v2/channels?page=2&client_secret=leaked-in-url&access_token=abc123"));
    const QJsonArray log = sim.requests();
    ASSERT_EQ(log.size(), 1);
    const QString query = log.at(0).toObject().value(QStringLiteral("query")).toString();
    EXPECT_TRUE(query.startsWith(QLatin1String("page=2&"))) << query.toStdString();
    EXPECT_FALSE(query.contains(QLatin1String("leaked-in-url"))) << query.toStdString();
    EXPECT_FALSE(query.contains(QLatin1String("abc123"))) << query.toStdString();
}

TEST(SimExport, ReceiverDeduplicatesEntriesByIdAndKeepsMetricBatches)
{
    SimFixture sim(simOptions());
    const auto entry = [](const QString &id) {
        return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("timestamp"), QStringLiteral("2026-11-23T10:15:00Z")},
                           {QStringLiteral("event_type"), QStringLiteral("failover")}, {QStringLiteral("channel_id"), QStringLiteral("ch_1")},
                           {QStringLiteral("details"), QJsonObject{}}, {QStringLiteral("compliance_tag"), QStringLiteral("telephony_channel_audit")}};
    };
    EXPECT_EQ(sim.api("POST", QStringLiteral("/export"), QString(), entry(QStringLiteral("a1"))).status, 202);
    EXPECT_EQ(sim.api("POST", QStringLiteral("/export"), QString(), entry(QStringLiteral("a2"))).status, 202);
    EXPECT_EQ(sim.api("POST", QStringLiteral("/export"), QString(), entry(QStringLiteral("a1"))).status, 200);
    EXPECT_EQ(sim.api("POST", QStringLiteral("/export/metrics/bulk"), QString(),
                      QJsonObject{{QStringLiteral("export_type"), QStringLiteral("channel_quality_metrics")},
                                  {QStringLiteral("generated_at"), QStringLiteral("2026-11-23T10:15:00Z")},
                                  {QStringLiteral("metrics"), QJsonArray{QJsonObject{{QStringLiteral("channel_id"), QStringLiteral("ch_1")}}}}})
                  .status,
              202);
    expectErrorBody(sim.api("POST", QStringLiteral("/export"), QString(), QJsonObject{{QStringLiteral("event_type"), QStringLiteral("x")}}),
                    400, QStringLiteral("validation_failed"));

    const QJsonObject exports = sim.exports();
    const QJsonArray entries = exports.value(QStringLiteral("entries")).toArray();
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries.at(0).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("a1"));
    EXPECT_EQ(entries.at(1).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("a2"));
    EXPECT_EQ(exports.value(QStringLiteral("received_total")).toInt(), 3);
    EXPECT_EQ(exports.value(QStringLiteral("metrics_batches")).toArray().size(), 1);
    EXPECT_EQ(sim.stats().value(QStringLiteral("requests_total")).toInt(), 0) << "the receiver is not the tenant's API";
}

TEST(SimExport, ReceiverWantsItsOwnTokenAndRefusesACxoneToken)
{
    cc::sim::SimOptions options = simOptions();
    options.exportToken = QStringLiteral("export-token-123");
    SimFixture sim(options);
    const QJsonObject entry{{QStringLiteral("id"), QStringLiteral("e1")}, {QStringLiteral("event_type"), QStringLiteral("edit")}};
    expectErrorBody(sim.api("POST", QStringLiteral("/export"), QString(), entry), 401, QStringLiteral("invalid_token"));
    expectErrorBody(sim.api("POST", QStringLiteral("/export"), sim.fetchToken(), entry), 401, QStringLiteral("invalid_token"));
    EXPECT_EQ(sim.api("POST", QStringLiteral("/export"), QStringLiteral("export-token-123"), entry).status, 202);
    const QJsonObject exports = sim.exports();
    EXPECT_EQ(exports.value(QStringLiteral("bad_auth")).toInt(), 2);
    EXPECT_EQ(exports.value(QStringLiteral("entries")).toArray().size(), 1);

    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("export_receiver")}, {QStringLiteral("up"), false}});
    expectErrorBody(sim.api("POST", QStringLiteral("/export"), QStringLiteral("export-token-123"), entry), 503,
                    QStringLiteral("receiver_unavailable"));
    sim.fault(QJsonObject{{QStringLiteral("action"), QStringLiteral("export_receiver")}, {QStringLiteral("up"), true}});
    EXPECT_EQ(sim.api("POST", QStringLiteral("/export"), QStringLiteral("export-token-123"), entry).status, 200);
}

TEST(SimExport, ACxoneTokenIsRefusedEvenWhenNoExportTokenIsConfigured)
{
    SimFixture sim(simOptions());
    const QJsonObject entry{{QStringLiteral("id"), QStringLiteral("e1")}};
    expectErrorBody(sim.api("POST", QStringLiteral("/export"), sim.fetchToken(), entry), 401, QStringLiteral("invalid_token"));
    EXPECT_EQ(sim.exports().value(QStringLiteral("bad_auth")).toInt(), 1);
}
