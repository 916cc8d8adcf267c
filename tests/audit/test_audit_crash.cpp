#include "audit/audit_store.h"

#include <QHash>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;

// A process appending in a loop is killed with SIGKILL in mid-flight: reopened,
// the store verifies and holds every entry the process had acknowledged.
TEST(AuditCrash, SigkilledWriterLosesNoAcknowledgedEntryAndLeavesNoHalfEntry)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    QHash<qint64, QString> acknowledged;   // sequence -> id
    for (int round = 0; round < 3; ++round) {
        QProcess child;
        child.setProgram(QStringLiteral(CC_AUDIT_APPEND_CHILD));
        child.setArguments({path});
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start();
        ASSERT_TRUE(child.waitForStarted(10000));
        QByteArray pending;
        const auto drain = [&] {
            pending += child.readAllStandardOutput();
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QList<QByteArray> parts = pending.left(newline).split(' ');
                pending.remove(0, newline + 1);
                ASSERT_EQ(parts.size(), 2);
                acknowledged.insert(parts.at(0).toLongLong(), QString::fromLatin1(parts.at(1)));
            }
        };
        const qsizetype before = acknowledged.size();
        // Kill at a different depth each round, always with appends in flight.
        const qsizetype target = before + 200 + round * 350;
        while (acknowledged.size() < target) {
            ASSERT_TRUE(child.waitForReadyRead(30000))
                << "child stopped acknowledging: " << child.readAllStandardError().toStdString();
            drain();
        }
        child.kill();   // SIGKILL
        ASSERT_TRUE(child.waitForFinished(10000));
        EXPECT_EQ(child.exitStatus(), QProcess::CrashExit);
        drain();        // lines printed before the kill are acknowledged too

        AuditStore store;
        QString error;
        ASSERT_TRUE(store.open(path, &error)) << error.toStdString();
        const AuditVerifyResult result = store.verify();
        ASSERT_TRUE(result.intact()) << result.message.toStdString();
        ASSERT_GE(store.lastSequence(), acknowledged.size());
        QHash<qint64, QString> stored;
        store.forEach(AuditFilter(), [&](const AuditEntry &entry) {
            stored.insert(entry.sequence, entry.id);
            return true;
        }, &error);
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
            ASSERT_EQ(stored.value(it.key()), it.value()) << "acknowledged entry #" << it.key() << " lost";
    }
}
