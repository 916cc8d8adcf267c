// SipResolver: IP literals, RFC 6761 names, the cache and its lifetimes (a
// stepped clock), lookups of one name made once. No test here sends a DNS
// query: names are literals, "localhost" or ".invalid".

#include "sip_test_util.h"

#include "common/manual_clock.h"
#include "sip/sip_resolver.h"

#include <QFile>
#include <QHostInfo>

#include <gtest/gtest.h>

using cc::ManualClock;
using cc::SipResolution;
using cc::SipResolver;

namespace {

std::optional<SipResolution> resolveAndWait(SipResolver &resolver, const QString &host)
{
    std::optional<SipResolution> result;
    QObject context;
    resolver.resolve(host, &context, [&result](const SipResolution &resolution) { result = resolution; });
    cc::test::waitUntil([&result] { return result.has_value(); }, 8000);
    return result;
}

} // namespace

TEST(SipResolver, LiteralsAndLocalhostNeedNoLookup)
{
    SipResolver resolver;
    const auto v4 = resolveAndWait(resolver, QStringLiteral("192.0.2.7"));
    ASSERT_TRUE(v4 && v4->ok);
    EXPECT_EQ(v4->addresses, QList<QHostAddress>{QHostAddress(QStringLiteral("192.0.2.7"))});
    const auto local = resolveAndWait(resolver, QStringLiteral("LocalHost."));
    ASSERT_TRUE(local && local->ok);
    EXPECT_TRUE(local->addresses.contains(QHostAddress(QHostAddress::LocalHost)));
    EXPECT_TRUE(resolveAndWait(resolver, QStringLiteral("sbc.localhost"))->ok);
    EXPECT_EQ(resolver.lookupsStarted(), 0);
}

TEST(SipResolver, InvalidNamesFailAtOnceWithTheirOwnReason)
{
    SipResolver resolver;
    const auto result = resolveAndWait(resolver, QStringLiteral("trunk.example.invalid"));
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->ok);
    EXPECT_TRUE(result->error.contains(QStringLiteral("RFC 6761"))) << result->error.toStdString();
    EXPECT_EQ(resolver.lookupsStarted(), 0);
}

TEST(SipResolver, HostsFileNameIsLookedUpOnceThenCachedForSixtySeconds)
{
    // "ip6-localhost"/"localhost" spellings differ between systems; the
    // machine's own host name is always answerable by getaddrinfo without DNS
    // when it is in /etc/hosts, which Debian's installer and containers write.
    const QString name = QHostInfo::localHostName();
    if (name.isEmpty() || !QFile::exists(QStringLiteral("/etc/hosts"))
        || !QString::fromLatin1([] { QFile f(QStringLiteral("/etc/hosts")); f.open(QIODevice::ReadOnly); return f.readAll(); }())
                .contains(name))
        GTEST_SKIP() << "this machine's host name is not in /etc/hosts; the cache test would need DNS";
    ManualClock clock;
    SipResolver resolver;
    resolver.setClock(&clock);
    int answers = 0;
    QObject context;
    // Two at once: one lookup.
    for (int i = 0; i < 2; ++i)
        resolver.resolve(name, &context, [&answers](const SipResolution &) { ++answers; });
    ASSERT_TRUE(cc::test::waitUntil([&answers] { return answers == 2; }, 8000));
    EXPECT_EQ(resolver.lookupsStarted(), 1);
    clock.advanceMs(SipResolver::kAnswerCacheMs - 1);
    ASSERT_TRUE(resolveAndWait(resolver, name)->cached);
    EXPECT_EQ(resolver.lookupsStarted(), 1);
    clock.advanceMs(2);
    EXPECT_FALSE(resolveAndWait(resolver, name)->cached);
    EXPECT_EQ(resolver.lookupsStarted(), 2);
}
