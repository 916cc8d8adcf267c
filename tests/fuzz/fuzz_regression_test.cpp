// Inputs that crash or misbehave under the fuzz targets (UBSan, ASan or a
// target's own check), each kept as a test
// that fails on the code before its fix (and as a seed in the corpus).

#include "fuzz_targets.h"

#include "client/request_spec.h"
#include "client/sign_in_strategy.h"

#include <gtest/gtest.h>

namespace {

int run(int (*target)(const uint8_t *, size_t), const QByteArray &bytes)
{
    return target(reinterpret_cast<const uint8_t *>(bytes.constData()), static_cast<size_t>(bytes.size()));
}

cc::HttpAnswer answerWithRetryAfter(const QByteArray &value)
{
    cc::HttpAnswer answer;
    answer.status = 429;
    answer.headers.insert(QByteArrayLiteral("retry-after"), value);
    return answer;
}

} // namespace

// fuzz_token_answer: an expires_in beyond qint64 was converted with undefined
// behaviour (x86 gives INT64_MIN: a token already expired, fetched again and again).
TEST(FuzzRegression, TokenAnswerWithAnAbsurdExpiresInKeepsAPositiveLifetime)
{
    for (const QByteArray &expires : {QByteArrayLiteral("1e300"), QByteArrayLiteral("1e19"), QByteArrayLiteral("9.3e18")}) {
        cc::HttpAnswer answer;
        answer.status = 200;
        answer.body = R"({"access_token":"x","token_type":"Bearer","expires_in":)" + expires + "}";
        cc::TokenGrant grant;
        EXPECT_FALSE(cc::readTokenAnswer(answer, QStringLiteral("sign in"), &grant).has_value()) << expires.constData();
        EXPECT_GT(grant.expiresInSeconds, 0) << expires.constData();
        EXPECT_EQ(run(cc::fuzz::tokenAnswer, answer.body), 0);
    }
}

// fuzz_error_answer: a Retry-After of 1e300 (or inf, nan) seconds was converted
// with undefined behaviour into a negative wait.
TEST(FuzzRegression, RetryAfterBeyondQint64IsAHugeWaitNotANegativeOne)
{
    for (const QByteArray &value : {QByteArrayLiteral("1e300"), QByteArrayLiteral("1e19")}) {
        const std::optional<qint64> waitMs = answerWithRetryAfter(value).retryAfterMs(0);
        ASSERT_TRUE(waitMs.has_value()) << value.constData();
        EXPECT_GE(*waitMs, qint64(1'000'000'000) * 1000) << value.constData();
        EXPECT_EQ(run(cc::fuzz::errorAnswer, "429\n----\n" + value + "\n----\n\n----\n{}"), 0);
    }
    for (const QByteArray &value : {QByteArrayLiteral("nan"), QByteArrayLiteral("inf"), QByteArrayLiteral("-inf")}) {
        const std::optional<qint64> waitMs = answerWithRetryAfter(value).retryAfterMs(0);
        EXPECT_TRUE(!waitMs || *waitMs >= 0) << value.constData();
    }
    EXPECT_EQ(answerWithRetryAfter(QByteArrayLiteral("-5")).retryAfterMs(0), 0);
    EXPECT_EQ(answerWithRetryAfter(QByteArrayLiteral("2.5")).retryAfterMs(0), 2500);
}
