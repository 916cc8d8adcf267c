// SipConnectTo: curl's --connect-to rules for SIP probes.

#include "sip/sip_connect_to.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

TEST(SipConnectTo, RedirectsOnlyTheNamedHostAndPort)
{
    cc::SipConnectTo rules;
    ASSERT_TRUE(rules.addRule(QStringLiteral("sip-01.carrier-provider.net:5060:127.0.0.1:40312")));
    ASSERT_TRUE(rules.addRule(QStringLiteral("[2001:db8::5]:5061:[::1]:40313")));
    const auto to = rules.redirect(QStringLiteral("SIP-01.Carrier-Provider.net"), 5060);
    ASSERT_TRUE(to);
    EXPECT_EQ(to->host, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(to->port, 40312);
    EXPECT_FALSE(rules.redirect(QStringLiteral("sip-01.carrier-provider.net"), 5061));
    EXPECT_FALSE(rules.redirect(QStringLiteral("sip-02.carrier-provider.net"), 5060));
    const auto v6 = rules.redirect(QStringLiteral("2001:db8::5"), 5061);
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, QStringLiteral("::1"));
    EXPECT_EQ(cc::SipConnectTo::ruleText({QStringLiteral("2001:db8::5"), 5061}, *v6),
              QStringLiteral("[2001:db8::5]:5061:[::1]:40313"));
}

TEST(SipConnectTo, RefusesMalformedRulesNamingThem)
{
    cc::SipConnectTo rules;
    for (const QString &rule : {QStringLiteral("host:5060"), QStringLiteral("host:5060:127.0.0.1"),
                                QStringLiteral("host:x:127.0.0.1:1"), QStringLiteral("ho st:5060:127.0.0.1:1"),
                                QStringLiteral("host:5060:127.0.0.1:1:extra"), QStringLiteral("[::1:5060:1.2.3.4:5")}) {
        QString error;
        EXPECT_FALSE(rules.addRule(rule, &error)) << rule.toStdString();
        EXPECT_TRUE(error.contains(rule)) << error.toStdString();
    }
    EXPECT_TRUE(rules.isEmpty());
}

TEST(SipConnectTo, ReadsAFileWithCommentsAndNamesTheBadLine)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("map"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("# the simulated tenant's responders\n\na.example:5060:127.0.0.1:1000\nb.example:5060:127.0.0.1:1001\n");
    file.close();
    cc::SipConnectTo rules;
    ASSERT_TRUE(rules.addFile(path));
    EXPECT_EQ(rules.size(), 2);
    ASSERT_TRUE(file.open(QIODevice::Append));
    file.write("broken\n");
    file.close();
    QString error;
    cc::SipConnectTo again;
    EXPECT_FALSE(again.addFile(path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("line 5"))) << error.toStdString();
}
