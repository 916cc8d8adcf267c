#include "audit_test_util.h"

#include "audit/audit_csv_writer.h"
#include "audit/audit_log.h"
#include "audit/audit_store.h"

#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::test;

namespace {

const QString kSipPassword = QStringLiteral("Sip-P4ssw0rd-7f3a2c");
const QString kClientSecret = QStringLiteral("client-s3cret-91b4");
const QString kBearer = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.cxone-access-token");

// What the tutorial would have logged when creating a channel: the request whole.
AuditEvent channelCreatedWithSecrets()
{
    AuditEvent event;
    event.eventType = QString(events::kChannelCreated);
    event.channelId = QStringLiteral("ch_new");
    event.tenant = QStringLiteral("tenant-demo");
    event.details = QJsonObject{
        {QStringLiteral("request"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Trunk East")},
                     {QStringLiteral("configuration"),
                      QJsonObject{{QStringLiteral("sip_server"), QStringLiteral("sip.example.com")},
                                  {QStringLiteral("authentication"),
                                   QJsonObject{{QStringLiteral("username"), QStringLiteral("east")},
                                               {QStringLiteral("password"), kSipPassword}}}}}}},
        {QStringLiteral("headers"),
         QJsonObject{{QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + kBearer)}}},
        {QStringLiteral("client_secret"), kClientSecret},
        {QStringLiteral("note"), QString(QStringLiteral("Bearer ") + kBearer)},
    };
    return event;
}

void expectNoSecret(const QByteArray &bytes, const char *where)
{
    for (const QString &secret : {kSipPassword, kClientSecret, kBearer}) {
        EXPECT_FALSE(bytes.contains(secret.toUtf8())) << where << " holds a secret";
        // Nor as UTF-16, in case something stored it that way.
        EXPECT_FALSE(bytes.contains(QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2)))
            << where << " holds a secret (UTF-16)";
    }
}

} // namespace

TEST(AuditSecrets, AChannelCreatedWithAPasswordLeavesNoTraceInTheFileCsvOrExportBody)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    AuditEntry entry;
    {
        AuditLog log;
        ASSERT_TRUE(log.open(path));
        QString error;
        ASSERT_TRUE(log.appendAndWait(channelCreatedWithSecrets(), &entry, &error)) << error.toStdString();
        // Raw bytes while the log is open (the entry may still sit in the WAL) ...
        const QByteArray live = rawStoreBytes(path);
        EXPECT_TRUE(live.contains("sip.example.com"));   // the entry itself is there
        expectNoSecret(live, "database + WAL (open)");
    }
    // ... and after it closed (checkpointed into the main file).
    expectNoSecret(rawStoreBytes(path), "database file (closed)");

    const QJsonObject details = entry.details();
    EXPECT_EQ(details[QStringLiteral("request")][QStringLiteral("configuration")][QStringLiteral("authentication")]
                     [QStringLiteral("password")].toString(),
              QStringLiteral("[redacted]"));
    EXPECT_EQ(details[QStringLiteral("request")][QStringLiteral("configuration")][QStringLiteral("authentication")]
                     [QStringLiteral("username")].toString(),
              QStringLiteral("east"));

    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(path, &error));
    const QString csvPath = dir.filePath(QStringLiteral("audit.csv"));
    ASSERT_TRUE(AuditCsvWriter::writeFile(store, csvPath, AuditFilter(), AuditCsvOptions()).ok);
    QFile csv(csvPath);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QByteArray csvBytes = csv.readAll();
    EXPECT_TRUE(csvBytes.contains("ch_new"));
    expectNoSecret(csvBytes, "CSV");

    const QByteArray body = QJsonDocument(store.tail(1, &error).first().toExportJson()).toJson();
    EXPECT_TRUE(body.contains("telephony_channel_audit"));
    expectNoSecret(body, "export body");
}
