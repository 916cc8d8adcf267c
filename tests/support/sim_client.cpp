#include "sim_client.h"

#include <memory>

namespace cc::test {

cc::ConnectionProfile simProfile(const SimFixture &sim, int timeoutSeconds)
{
    cc::ConnectionProfile profile;
    profile.name = QStringLiteral("sim");
    profile.baseUrl = sim.baseUrl();
    profile.clientId = QStringLiteral("demo");
    profile.clientSecret = QString::fromLatin1(cc::sim::kDemoClientSecret);
    if (timeoutSeconds > 0)
        profile.timeoutSeconds = timeoutSeconds;
    return profile;
}

cc::ConnectionProfile simAccessKeyProfile(const SimFixture &sim)
{
    cc::ConnectionProfile profile;
    profile.name = QStringLiteral("sim access key");
    profile.signInMethod = cc::SignInMethod::AccessKey;
    profile.discoveryUrl = sim.baseUrl();
    profile.clientId = QStringLiteral("demo");
    profile.clientSecret = QString::fromLatin1(cc::sim::kDemoClientSecret);
    profile.accessKeyId = QString::fromLatin1(cc::sim::kDemoAccessKeyId);
    profile.accessKeySecret = QString::fromLatin1(cc::sim::kDemoAccessKeySecret);
    return profile;
}

int tokenRequests(SimFixture &sim)
{
    return static_cast<int>(sim.requestsMatching(QStringLiteral("POST"), QStringLiteral("/api/v2/oauth/token")).size());
}

cc::ClientOptions fastClientOptions(int maxAttempts, int budgetPerMinute)
{
    cc::ClientOptions options;
    options.retry.unitMs = 20;
    options.retry.capMs = 500;
    options.retry.maxAttempts = maxAttempts;
    options.budget = std::make_shared<cc::RateBudget>(budgetPerMinute);
    return options;
}

} // namespace cc::test
