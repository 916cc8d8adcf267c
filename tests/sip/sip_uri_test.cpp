// SipUri: what a probe can be pointed at, and the sentence for what it cannot.

#include "sip/sip_uri.h"

#include <QList>
#include <QStringList>

#include <gtest/gtest.h>

using cc::SipTransport;
using cc::SipUri;

TEST(SipUri, HostAndExplicitPortOverUdpByDefault)
{
    const auto uri = SipUri::parse(QStringLiteral("sip:sip.carrier-provider.net:5060"));
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->host, QStringLiteral("sip.carrier-provider.net"));
    EXPECT_EQ(uri->port, 5060);
    EXPECT_TRUE(uri->portGiven);
    EXPECT_EQ(uri->transport, SipTransport::Udp);
    EXPECT_EQ(uri->toString(), QStringLiteral("sip:sip.carrier-provider.net:5060"));
}

TEST(SipUri, TransportParameterAndSipsChooseTheTransport)
{
    EXPECT_EQ(SipUri::parse(QStringLiteral("sip:h.example:5070;transport=tcp"))->transport, SipTransport::Tcp);
    EXPECT_EQ(SipUri::parse(QStringLiteral("sip:h.example:5070;transport=TLS"))->transport, SipTransport::Tls);
    const auto sips = SipUri::parse(QStringLiteral("sips:h.example"));
    ASSERT_TRUE(sips);
    EXPECT_EQ(sips->transport, SipTransport::Tls);
    EXPECT_EQ(sips->port, 5061);
    EXPECT_FALSE(sips->portGiven);
    EXPECT_EQ(SipUri::parse(QStringLiteral("sip:h.example"))->port, 5060);
}

TEST(SipUri, Ipv6LiteralInBrackets)
{
    const auto uri = SipUri::parse(QStringLiteral("sip:[2001:db8::1]:5062"));
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->host, QStringLiteral("2001:db8::1"));
    EXPECT_TRUE(uri->hostIsAddress());
    EXPECT_EQ(uri->hostPort(), QStringLiteral("[2001:db8::1]:5062"));
}

TEST(SipUri, RefusesWhatCannotBeProbedWithAReason)
{
    const QStringList bad{
        QString(), QStringLiteral("http://example.com"), QStringLiteral("sip:"), QStringLiteral("sip:host:0"),
        QStringLiteral("sip:host:70000"), QStringLiteral("sip:host:5060;transport=sctp"),
        QStringLiteral("sips:host:5061;transport=udp"), QStringLiteral("sip:ho st:5060"),
        QStringLiteral("sip:bad_host!:5060"), QStringLiteral("sip:host\n:5060"), QStringLiteral("sip:hóst:5060"),
        QStringLiteral("sip.carrier.net:5060")};
    for (const QString &text : bad) {
        QString error;
        EXPECT_FALSE(SipUri::parse(text, &error)) << text.toStdString();
        EXPECT_FALSE(error.isEmpty()) << text.toStdString();
    }
}

TEST(SipUri, ErrorNamesTheProblem)
{
    QString error;
    ASSERT_FALSE(SipUri::parse(QStringLiteral("sip:host:5060;transport=ws"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("transport 'ws'"))) << error.toStdString();
}
