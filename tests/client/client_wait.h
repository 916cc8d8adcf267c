#pragma once
// Waits on the event loop (never a sleep) for client replies in tests. A reply
// deletes itself after finished(), so its result is captured at once: take
// capture() of every reply first when several run at the same time.

#include "client/api_call.h"

#include <QTest>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>

namespace cc::test {

template <typename T>
using Captured = std::shared_ptr<std::optional<ApiResult<T>>>;

template <typename T>
Captured<T> capture(Reply<T> *reply)
{
    auto slot = std::make_shared<std::optional<ApiResult<T>>>();
    reply->onFinished(reply, [slot](const ApiResult<T> &result) { *slot = result; });
    return slot;
}

// Runs the event loop until `done()` or the timeout; true when done.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs = 60000)
{
    return QTest::qWaitFor(done, timeoutMs);
}

template <typename T>
ApiResult<T> waitFor(const Captured<T> &slot, int timeoutMs = 60000)
{
    const bool done = waitUntil([&slot] { return slot->has_value(); }, timeoutMs);
    EXPECT_TRUE(done) << "the reply did not finish within " << timeoutMs << " ms";
    if (!done) {
        ApiResult<T> result;
        result.error = ApiError::make(ApiError::Kind::Timeout, QStringLiteral("test wait"), QStringLiteral("unfinished"));
        return result;
    }
    return **slot;
}

template <typename T>
ApiResult<T> waitFor(Reply<T> *reply, int timeoutMs = 60000)
{
    return waitFor(capture(reply), timeoutMs);
}

} // namespace cc::test
