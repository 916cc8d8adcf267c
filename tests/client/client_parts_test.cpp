// The client's pure parts, without a server: backoff, the loopback rule, the
// shared rate budget, the mapping of error answers and the error texts.

#include "client/access_key_sign_in.h"
#include "client/api_error.h"
#include "client/channel_walk.h"
#include "client/connection_profile.h"
#include "client/rate_budget.h"
#include "client/request_spec.h"
#include "client/retry_policy.h"
#include "client/transport_security.h"

#include <QJsonDocument>

#include <atomic>
#include <limits>
#include <thread>
#include <vector>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace cc;

namespace {

HttpAnswer answerOf(int status, const QByteArray &body)
{
    HttpAnswer answer;
    answer.status = status;
    answer.body = body;
    return answer;
}

RequestSpec specOf(const QByteArray &method, const QString &operation)
{
    RequestSpec spec;
    spec.method = method;
    spec.operation = operation;
    return spec;
}

} // namespace

TEST(RetryPolicy, BackoffDoublesWithJitterAndStopsAtTheCap)
{
    RetryPolicy policy;
    policy.unitMs = 1000;
    policy.capMs = 30000;
    EXPECT_EQ(policy.backoffMs(0, 0.0), 1000);
    EXPECT_EQ(policy.backoffMs(1, 0.0), 2000);
    EXPECT_EQ(policy.backoffMs(1, 0.5), 2500);
    EXPECT_EQ(policy.backoffMs(3, 0.999), 8999);
    EXPECT_EQ(policy.backoffMs(5, 0.0), 30000);     // 32 s capped
    EXPECT_EQ(policy.backoffMs(1000, 0.3), 30000);  // no overflow on a huge attempt
}

TEST(RetryPolicy, UnitShrinksEveryWaitForTests)
{
    RetryPolicy policy;
    policy.unitMs = 10;
    policy.capMs = 1000;
    EXPECT_EQ(policy.backoffMs(2, 0.5), 45);
}

TEST(TransportSecurity, PlainHttpIsAllowedOnlyForLoopback)
{
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("127.0.0.1")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("127.8.9.10")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("::1")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("[::1]")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("LocalHost")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("10.0.0.1")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("localhost.example.com")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("api.example.com")));

    EXPECT_TRUE(transportSecurityProblem(QUrl(QStringLiteral("http://127.0.0.1:8080"))).isEmpty());
    EXPECT_TRUE(transportSecurityProblem(QUrl(QStringLiteral("http://[::1]:8080"))).isEmpty());
    EXPECT_TRUE(transportSecurityProblem(QUrl(QStringLiteral("https://api.example.com"))).isEmpty());
    const QString refused = transportSecurityProblem(QUrl(QStringLiteral("http://api.example.com")));
    EXPECT_TRUE(refused.contains(QStringLiteral("api.example.com"))) << refused.toStdString();
    EXPECT_TRUE(refused.contains(QStringLiteral("https"))) << refused.toStdString();
    EXPECT_FALSE(transportSecurityProblem(QUrl(QStringLiteral("ftp://127.0.0.1"))).isEmpty());
}

TEST(ConnectionProfile, ValidationNamesEachMissingValueWithoutTheSecret)
{
    ConnectionProfile profile;
    profile.baseUrl = QUrl(QStringLiteral("http://tenant.example.com"));
    profile.clientSecret = QStringLiteral("s3cr3t-value");
    const FieldErrors errors = profile.validate();
    EXPECT_TRUE(hasErrorAt(errors, QStringLiteral("base_url")));
    EXPECT_TRUE(hasErrorAt(errors, QStringLiteral("client_id")));
    EXPECT_FALSE(hasErrorAt(errors, QStringLiteral("client_secret")));
    EXPECT_FALSE(formatFieldErrors(errors).contains(QStringLiteral("s3cr3t-value")));

    ConnectionProfile accessKey;
    accessKey.signInMethod = SignInMethod::AccessKey;
    accessKey.clientId = QStringLiteral("id");
    accessKey.clientSecret = QStringLiteral("secret");
    accessKey.accessKeyId = QStringLiteral("key");
    const FieldErrors keyErrors = accessKey.validate();
    EXPECT_TRUE(hasErrorAt(keyErrors, QStringLiteral("access_key_secret")));
    EXPECT_FALSE(hasErrorAt(keyErrors, QStringLiteral("base_url")));  // discovery names it
}

TEST(ConnectionProfile, BudgetKeyIsPerTenantAndClient)
{
    ConnectionProfile a;
    a.baseUrl = QUrl(QStringLiteral("https://API.example.com/some/path"));
    a.clientId = QStringLiteral("one");
    ConnectionProfile b = a;
    b.baseUrl = QUrl(QStringLiteral("https://api.example.com"));
    EXPECT_EQ(a.budgetKey(), b.budgetKey());
    b.clientId = QStringLiteral("two");
    EXPECT_NE(a.budgetKey(), b.budgetKey());
}

TEST(RateBudget, SpendsTheMinuteThenSaysHowLongToWait)
{
    RateBudget budget(3);
    EXPECT_EQ(budget.tryAcquire(1000), 0);
    EXPECT_EQ(budget.tryAcquire(1000), 0);
    EXPECT_EQ(budget.tryAcquire(2000), 0);
    EXPECT_EQ(budget.remaining(2000), 0);
    EXPECT_EQ(budget.tryAcquire(2000), 59000);  // the window opened at 1000
    EXPECT_EQ(budget.tryAcquire(61000), 0);     // a new window
    EXPECT_EQ(budget.remaining(61000), 2);
}

TEST(RateBudget, FollowsTheTenantsHeaders)
{
    RateBudget budget;
    EXPECT_EQ(budget.tryAcquire(0), 0);
    budget.updateFromHeaders(0, 10, 2, 30);
    EXPECT_EQ(budget.limit(), 10);
    EXPECT_EQ(budget.remaining(0), 2);
    EXPECT_EQ(budget.tryAcquire(100), 0);
    EXPECT_EQ(budget.tryAcquire(100), 0);
    EXPECT_EQ(budget.tryAcquire(100), 29900);   // the tenant's reset, not a whole minute
    // A higher count in the same window does not undo what was spent since.
    budget.updateFromHeaders(200, 10, 5, 30);
    EXPECT_EQ(budget.remaining(200), 0);
    // A new window on the tenant's side is taken as it is.
    budget.updateFromHeaders(31000, 10, 9, 60);
    EXPECT_EQ(budget.remaining(31000), 9);
}

TEST(RateBudget, ALimitOfZeroMeansTheTenantDeclaresNone)
{
    RateBudget budget(1);
    EXPECT_EQ(budget.tryAcquire(0), 0);
    budget.updateFromHeaders(0, 0, 0, 60);
    EXPECT_EQ(budget.limit(), 0);
    for (int i = 0; i < 1000; ++i)
        ASSERT_EQ(budget.tryAcquire(10), 0);
    // A Retry-After still holds everybody back.
    budget.pauseFor(10, 500);
    EXPECT_EQ(budget.tryAcquire(10), 500);
    // A real limit announced later applies again.
    budget.updateFromHeaders(1000, 2, 0, 30);
    EXPECT_EQ(budget.tryAcquire(1000), 30000);
}

TEST(RateBudget, ThreadsSharingABudgetNeverSpendMoreThanTheLimit)
{
    RateBudget budget(100);
    std::atomic<int> granted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&budget, &granted] {
            for (int i = 0; i < 50; ++i)
                granted += budget.tryAcquire(1000) == 0 ? 1 : 0;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    EXPECT_EQ(granted.load(), 100);
    EXPECT_EQ(budget.remaining(1000), 0);
}

TEST(RateBudget, RetryAfterPausesEveryCaller)
{
    RateBudget budget;
    budget.pauseFor(1000, 2000);
    EXPECT_EQ(budget.tryAcquire(1500), 1500);
    EXPECT_EQ(budget.tryAcquire(3000), 0);
}

TEST(RequestSpec, PostIsRepeatedOnlyWithAnIdempotencyKeyOrWhenSafe)
{
    EXPECT_TRUE(specOf("GET", QString()).retryableAfterTransientFailure());
    EXPECT_TRUE(specOf("PATCH", QString()).retryableAfterTransientFailure());
    EXPECT_TRUE(specOf("DELETE", QString()).retryableAfterTransientFailure());
    RequestSpec post = specOf("POST", QString());
    EXPECT_FALSE(post.retryableAfterTransientFailure());
    post.headers.append({QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("k")});
    EXPECT_TRUE(post.retryableAfterTransientFailure());
    RequestSpec query = specOf("POST", QString());
    query.safeToRepeat = true;
    EXPECT_TRUE(query.retryableAfterTransientFailure());
}

TEST(HttpAnswer, ReadsRetryAfterInSecondsOrAsADate)
{
    HttpAnswer answer;
    EXPECT_FALSE(answer.retryAfterMs(0).has_value());
    answer.headers.insert("retry-after", "2");
    EXPECT_EQ(answer.retryAfterMs(0).value_or(-1), 2000);
    answer.headers.insert("retry-after", "Wed, 21 Oct 2015 07:28:05 GMT");
    const qint64 now = QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC).toMSecsSinceEpoch();
    EXPECT_EQ(answer.retryAfterMs(now).value_or(-1), 5000);
}

TEST(ApiErrorMapping, ValidationDetailsBecomeFieldErrors)
{
    const ApiError error = apiErrorFromAnswer(
        answerOf(400, R"({"error":"validation_failed","message":"1 field is invalid","request_id":"r-1",
                          "details":[{"field":"configuration.sip_port","message":"must be between 5060 and 5080"}]})"),
        specOf("POST", QStringLiteral("create channel 'x'")));
    EXPECT_EQ(error.kind, ApiError::Kind::Validation);
    ASSERT_EQ(error.details.size(), 1);
    EXPECT_EQ(error.details.first().field, QStringLiteral("configuration.sip_port"));
    EXPECT_EQ(error.requestId, QStringLiteral("r-1"));
    EXPECT_TRUE(error.text().contains(QStringLiteral("configuration.sip_port: must be between 5060 and 5080")));
    EXPECT_TRUE(error.text().contains(QStringLiteral("r-1")));
}

TEST(ApiErrorMapping, ForbiddenNamesTheMissingScope)
{
    const ApiError error = apiErrorFromAnswer(
        answerOf(403, R"({"error":"insufficient_scope","required_scope":"channel:write"})"),
        specOf("PATCH", QStringLiteral("update channel ch_1")));
    EXPECT_EQ(error.kind, ApiError::Kind::Forbidden);
    EXPECT_EQ(error.requiredScope, QStringLiteral("channel:write"));
    EXPECT_TRUE(error.text().contains(QStringLiteral("'channel:write'"))) << error.text().toStdString();
}

TEST(ApiErrorMapping, ConflictsCarryTheReferencingChannels)
{
    const ApiError inUse = apiErrorFromAnswer(answerOf(409, R"({"error":"in_use","referenced_by":["ch_a","ch_b"]})"),
                                              specOf("DELETE", QStringLiteral("delete channel ch_1")));
    EXPECT_EQ(inUse.kind, ApiError::Kind::Conflict);
    EXPECT_EQ(inUse.referencedBy, (QStringList{QStringLiteral("ch_a"), QStringLiteral("ch_b")}));
    EXPECT_TRUE(inUse.text().contains(QStringLiteral("ch_a, ch_b")));

    const ApiError stale = apiErrorFromAnswer(answerOf(412, R"({"error":"precondition_failed"})"),
                                              specOf("PATCH", QStringLiteral("update channel ch_1")));
    EXPECT_EQ(stale.kind, ApiError::Kind::Conflict);
    EXPECT_TRUE(stale.text().contains(QStringLiteral("changed since it was read")));
}

TEST(ApiErrorMapping, StatusesMapToKinds)
{
    const RequestSpec spec = specOf("GET", QStringLiteral("get channel ch_1"));
    EXPECT_EQ(apiErrorFromAnswer(answerOf(404, "{}"), spec).kind, ApiError::Kind::NotFound);
    EXPECT_EQ(apiErrorFromAnswer(answerOf(401, "{}"), spec).kind, ApiError::Kind::Auth);
    EXPECT_EQ(apiErrorFromAnswer(answerOf(429, "{}"), spec).kind, ApiError::Kind::RateLimited);
    EXPECT_EQ(apiErrorFromAnswer(answerOf(503, "not json"), spec).kind, ApiError::Kind::Server);
    EXPECT_EQ(apiErrorFromAnswer(answerOf(418, ""), spec).kind, ApiError::Kind::Server);
}

TEST(ApiErrorText, SignInRefusalTellsWhichProfileToCheck)
{
    RequestSpec spec = specOf("POST", QStringLiteral("sign in"));
    spec.signIn = true;
    ApiError error = apiErrorFromAnswer(answerOf(401, R"({"error":"invalid_client"})"), spec);
    error.profileName = QStringLiteral("Production");
    EXPECT_EQ(error.kind, ApiError::Kind::Auth);
    const QString text = error.text();
    EXPECT_TRUE(text.contains(QStringLiteral("401 invalid_client"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("profile 'Production'"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("client id and secret"))) << text.toStdString();
}

TEST(ApiErrorText, EveryKindSaysWhatToDo)
{
    for (int k = 0; k <= static_cast<int>(ApiError::Kind::Configuration); ++k) {
        ApiError error = ApiError::make(static_cast<ApiError::Kind>(k), QStringLiteral("list channels"),
                                        QStringLiteral("something"));
        const QString text = error.text();
        EXPECT_FALSE(text.isEmpty());
        EXPECT_FALSE(apiErrorKindName(error.kind).isEmpty());
        // Naming the failed operation, so a person knows what did not happen.
        EXPECT_TRUE(text.contains(QStringLiteral("list channels"), Qt::CaseInsensitive)) << text.toStdString();
    }
}

TEST(AccessKeySignIn, ReadsTheTenantIdClaimOfAnUnsignedJwt)
{
    const QByteArray header = QByteArrayLiteral(R"({"alg":"none"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray payload = QByteArrayLiteral(R"({"tenantId":"tenant-demo","sub":"x"})")
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray jwt = header + '.' + payload + '.';
    EXPECT_EQ(AccessKeySignIn::jwtClaim(jwt, QStringLiteral("tenantId")), QStringLiteral("tenant-demo"));
    EXPECT_TRUE(AccessKeySignIn::jwtClaim(jwt, QStringLiteral("missing")).isEmpty());
    EXPECT_TRUE(AccessKeySignIn::jwtClaim(QByteArrayLiteral("garbage"), QStringLiteral("tenantId")).isEmpty());
}

namespace {

ChannelPage pageOf(int firstIndex, int count, qint64 total, int pageSize = 500)
{
    ChannelPage page;
    for (int i = firstIndex; i < firstIndex + count; ++i) {
        Channel channel;
        channel.id = QStringLiteral("ch_%1").arg(i);
        page.channels.append(channel);
    }
    page.pageSize = pageSize;
    page.total = total;
    return page;
}

} // namespace

TEST(ChannelWalkGuard, ATenantThatGrowsALittleDuringTheWalkIsFine)
{
    ChannelWalk walk;
    EXPECT_TRUE(walk.add(pageOf(0, 500, 1200), 1).isEmpty());
    EXPECT_TRUE(walk.add(pageOf(500, 500, 1203), 2).isEmpty());
    EXPECT_TRUE(walk.add(pageOf(1000, 203, 1203), 3).isEmpty());
    EXPECT_EQ(walk.channels.size(), 1203);
}

// Repeated ids, a total that jumps mid-walk, pages past the promised total.
TEST(ChannelWalkGuard, ASecondPageThatCannotBeTrueStopsTheWalk)
{
    const struct
    {
        ChannelPage first;
        ChannelPage second;
        QString problem;
    } cases[] = {
        {pageOf(0, 500, 1200), pageOf(499, 500, 1200), QStringLiteral("page 2 repeats channel ch_499")},
        {pageOf(0, 500, 1200), pageOf(500, 500, 90000),
         QStringLiteral("says the tenant has 90000 channels, page 1 said 1200")},
        {pageOf(0, 500, 520), pageOf(500, 500, 520), QStringLiteral("past the 520")},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.problem.toStdString());
        ChannelWalk walk;
        EXPECT_TRUE(walk.add(c.first, 1).isEmpty());
        const QString problem = walk.add(c.second, 2);
        EXPECT_TRUE(problem.contains(c.problem)) << problem.toStdString();
    }
}

TEST(ChannelWalkGuard, NoWalkGoesPastTheHardPageCap)
{
    ChannelWalk walk;
    // A tenant that never says its total and always has one more page.
    for (int page = 1; page <= ChannelWalk::kMaxPages; ++page)
        ASSERT_TRUE(walk.add(pageOf((page - 1) * 2, 2, -1, 2), page).isEmpty()) << page;
    const QString problem = walk.add(pageOf(ChannelWalk::kMaxPages * 2, 2, -1, 2), ChannelWalk::kMaxPages + 1);
    EXPECT_TRUE(problem.contains(QStringLiteral("still had pages after 1000"))) << problem.toStdString();
}

TEST(RateBudget, AResetOfDaysIsNotWaitedFor)
{
    RateBudget budget(100);
    budget.updateFromHeaders(1000, 100, 0, 259200);   // remaining 0, "reset in 3 days"
    const qint64 waitMs = budget.tryAcquire(1000);
    EXPECT_GT(waitMs, 0);
    EXPECT_LE(waitMs, RateBudget::kWindowMs);
    budget.updateFromHeaders(2000, 100, 0, std::numeric_limits<qint64>::max());   // would overflow
    EXPECT_LE(budget.tryAcquire(2000), RateBudget::kWindowMs);
}
