#include "audit/redact_secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace cc;

TEST(RedactSecrets, RecognisesKeysThatNameASecretWhateverTheirCaseOrSeparators)
{
    for (const char *key : {"password", "PASSWORD", "sip_password", "passwd", "client_secret", "clientSecret",
                            "access_token", "id_token", "refresh-token", "Authorization", "authorization",
                            "x-api-key", "X-API-KEY", "api_key", "apiKey", "credentials", "Credential",
                            "private_key", "Set-Cookie", "export token", "tls_passphrase"}) {
        EXPECT_TRUE(isSecretKey(QString::fromLatin1(key))) << key;
    }
    for (const char *key : {"username", "authentication", "name", "sip_server", "codecs", "channel_id",
                            "status", "priority", "latency_ms", "api_endpoint", "author"}) {
        EXPECT_FALSE(isSecretKey(QString::fromLatin1(key))) << key;
    }
}

TEST(RedactSecrets, ReplacesSecretValuesAtAnyDepthAndKeepsEverythingElse)
{
    const QJsonObject input{
        {QStringLiteral("name"), QStringLiteral("Trunk A")},
        {QStringLiteral("configuration"),
         QJsonObject{{QStringLiteral("sip_server"), QStringLiteral("sip.example.com")},
                     {QStringLiteral("authentication"),
                      QJsonObject{{QStringLiteral("username"), QStringLiteral("trunkuser")},
                                  {QStringLiteral("password"), QStringLiteral("S1p-Pa55")}}}}},
        {QStringLiteral("headers"),
         QJsonArray{QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Bearer abc.def")}},
                    QJsonObject{{QStringLiteral("X-Api-Key"), 12345}}}},
        {QStringLiteral("tokens"), QJsonObject{{QStringLiteral("nested"), QStringLiteral("x")}}},
        {QStringLiteral("list"), QJsonArray{QStringLiteral("plain"), QJsonArray{QJsonObject{{QStringLiteral("client_secret"), QStringLiteral("cs")}}}}},
    };
    const QJsonObject out = redactSecrets(input).toObject();

    EXPECT_EQ(out.value(QStringLiteral("name")).toString(), QStringLiteral("Trunk A"));
    const QJsonObject auth = out[QStringLiteral("configuration")][QStringLiteral("authentication")].toObject();
    EXPECT_EQ(auth.value(QStringLiteral("username")).toString(), QStringLiteral("trunkuser"));
    EXPECT_EQ(auth.value(QStringLiteral("password")).toString(), QStringLiteral("[redacted]"));
    EXPECT_EQ(out[QStringLiteral("configuration")][QStringLiteral("sip_server")].toString(),
              QStringLiteral("sip.example.com"));
    EXPECT_EQ(out[QStringLiteral("headers")][0][QStringLiteral("Authorization")].toString(), QStringLiteral("[redacted]"));
    EXPECT_EQ(out[QStringLiteral("headers")][1][QStringLiteral("X-Api-Key")].toString(), QStringLiteral("[redacted]"));
    // A whole subtree under a secret-named key goes, not just its leaves.
    EXPECT_EQ(out.value(QStringLiteral("tokens")).toString(), QStringLiteral("[redacted]"));
    EXPECT_EQ(out[QStringLiteral("list")][1][0][QStringLiteral("client_secret")].toString(), QStringLiteral("[redacted]"));
    EXPECT_EQ(out[QStringLiteral("list")][0].toString(), QStringLiteral("plain"));

    const QByteArray text = QJsonDocument(out).toJson(QJsonDocument::Compact);
    for (const char *secret : {"S1p-Pa55", "abc.def", "12345", "\"cs\""})
        EXPECT_FALSE(text.contains(secret)) << secret;
}

TEST(RedactSecrets, RedactsHttpCredentialsUnderAnyKey)
{
    const QJsonObject out = redactSecrets(QJsonObject{
                                              {QStringLiteral("header"), QStringLiteral("Bearer eyJhbGciOi")},
                                              {QStringLiteral("basic"), QStringLiteral(" basic dXNlcjpwYXNz")},
                                              {QStringLiteral("remark"), QStringLiteral("Bearer of bad news")},
                                          })
                                .toObject();
    EXPECT_EQ(out.value(QStringLiteral("header")).toString(), QStringLiteral("[redacted]"));
    EXPECT_EQ(out.value(QStringLiteral("basic")).toString(), QStringLiteral("[redacted]"));
    // Over-redaction of prose starting with "Bearer " is accepted: a leak is not.
    EXPECT_EQ(out.value(QStringLiteral("remark")).toString(), QStringLiteral("[redacted]"));
}

TEST(RedactSecrets, LeavesScalarsAndEmptyContainersAlone)
{
    EXPECT_EQ(redactSecrets(QJsonValue(42)), QJsonValue(42));
    EXPECT_EQ(redactSecrets(QJsonValue(QStringLiteral("hello"))), QJsonValue(QStringLiteral("hello")));
    EXPECT_EQ(redactSecrets(QJsonObject()), QJsonValue(QJsonObject()));
    EXPECT_EQ(redactSecrets(QJsonArray()), QJsonValue(QJsonArray()));
}
