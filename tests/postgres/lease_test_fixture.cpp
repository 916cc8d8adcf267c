#include "lease_test_fixture.h"

#include "cxonectl_run.h"

#include "audit/audit_store.h"

#include <QJsonArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QMap>
#include <QTest>

#include <csignal>
#include <signal.h>

namespace cc::test {

MonitorProcess::~MonitorProcess()
{
    if (process->state() != QProcess::NotRunning) {
        ::kill(static_cast<pid_t>(process->processId()), SIGCONT);
        process->kill();
        process->waitForFinished(5000);
    }
}

QList<QJsonObject> MonitorProcess::lines()
{
    out += process->readAllStandardOutput();
    QList<QJsonObject> result;
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty())
            result.append(QJsonDocument::fromJson(line).object());
    return result;
}

QString MonitorProcess::role()
{
    QString lastRole;
    for (const QJsonObject &line : lines()) {
        const QString type = line.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("leader") || type == QLatin1String("standby"))
            lastRole = type;
    }
    return lastRole;
}

int MonitorProcess::count(const QString &type)
{
    int n = 0;
    for (const QJsonObject &line : lines())
        n += line.value(QStringLiteral("type")).toString() == type ? 1 : 0;
    return n;
}

QJsonObject MonitorProcess::last(const QString &type)
{
    QJsonObject found;
    for (const QJsonObject &line : lines())
        if (line.value(QStringLiteral("type")).toString() == type)
            found = line;
    return found;
}

QString MonitorProcess::holder()
{
    for (const QJsonObject &line : lines())
        if (line.contains(QLatin1String("self")))
            return line.value(QStringLiteral("self")).toString();
    return QString();
}

QByteArray MonitorProcess::errors()
{
    err += process->readAllStandardError();
    return err;
}

void LeaderLeaseCli::SetUp()
{
    PostgresDatabaseTest::SetUp();
    if (HasFatalFailure())
        return;
    m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--channels"), QStringLiteral("6"), QStringLiteral("--rate-limit"),
                                                     QStringLiteral("0")});
    ASSERT_TRUE(m_sim->isRunning()) << m_sim->startError().toStdString();
    QProcess list;
    list.setProcessEnvironment(m_sim->clientEnvironment());
    list.start(cc::test::cxonectlBinary(), {QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")});
    ASSERT_TRUE(list.waitForFinished(60000));
    for (const QJsonValue &channel : QJsonDocument::fromJson(list.readAllStandardOutput()).array()) {
        const QJsonObject object = channel.toObject();
        m_ids.append(object.value(QStringLiteral("id")).toString());
        QStringList backups;
        for (const QJsonValue &backup :
             object.value(QStringLiteral("routing")).toObject().value(QStringLiteral("failover_channels")).toArray())
            backups.append(backup.toString());
        m_backups.insert(m_ids.constLast(), backups);
    }
    ASSERT_EQ(m_ids.size(), 6);
    for (const QString &id : m_ids)
        ASSERT_TRUE(m_sim->holdStatus(id, QStringLiteral("healthy")));
}

void LeaderLeaseCli::TearDown()
{
    m_sim.reset();
}

void LeaderLeaseCli::holdStatus(const QString &id, const QString &status)
{
    ASSERT_TRUE(m_sim->holdStatus(id, status));
}

int LeaderLeaseCli::patches()
{
    return m_sim->patchesAnswered200();
}

void LeaderLeaseCli::startMonitor(MonitorProcess &monitor, const QString &url)
{
    QProcessEnvironment env = m_sim->clientEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), monitor.dataHome.path());
    monitor.process->setProcessEnvironment(env);
    monitor.process->start(cc::test::cxonectlBinary(),
                           {QStringLiteral("--json"), QStringLiteral("--audit-db"), url.isEmpty() ? m_url : url, QStringLiteral("monitor"),
                            QStringLiteral("--leader-lease"), QStringLiteral("--lease-seconds"), QString::number(kLeaseSeconds),
                            QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--down-after"), QStringLiteral("2"),
                            QStringLiteral("--cooldown"), QStringLiteral("0")});
    ASSERT_TRUE(monitor.process->waitForStarted(10000));
}

void LeaderLeaseCli::startLeaderAndStandby(MonitorProcess &leader, MonitorProcess &standby, const QString &leaderUrl)
{
    ASSERT_NO_FATAL_FAILURE(startMonitor(leader, leaderUrl));
    ASSERT_TRUE(QTest::qWaitFor([&] { return leader.role() == QLatin1String("leader"); }, 30000)) << leader.out.constData();
    ASSERT_NO_FATAL_FAILURE(startMonitor(standby));
    ASSERT_TRUE(QTest::qWaitFor([&] { return standby.role() == QLatin1String("standby"); }, 30000)) << standby.out.constData();
}

QString LeaderLeaseCli::unrelatedTo(const QString &first) const
{
    for (const QString &id : m_ids) {
        if (id != first && !m_backups.value(first).contains(id) && !m_backups.value(id).contains(first)
            && !m_backups.value(id).isEmpty())
            return id;
    }
    return QString();
}

QList<AuditEntry> LeaderLeaseCli::entries() const
{
    return trailEntries(m_url);
}

void LeaderLeaseCli::expectEveryRecordedEventOnce(MonitorProcess &monitor)
{
    const QString self = monitor.holder();
    ASSERT_FALSE(self.isEmpty()) << monitor.out.constData();
    QMap<QString, int> printed;
    for (const QJsonObject &line : monitor.lines()) {
        // Every event is recorded, as the console's bridge records it (a
        // system event's channel_id is null, its entry's channel empty).
        if (!line.contains(QLatin1String("time")) || !line.contains(QLatin1String("source")))
            continue;
        const QString channel = line.value(QStringLiteral("channel_id")).toString();
        // Printed to the second, stored to the millisecond.
        const qint64 seconds = QDateTime::fromString(line.value(QStringLiteral("time")).toString(), Qt::ISODate).toSecsSinceEpoch();
        ++printed[QStringLiteral("%1 %2 %3").arg(line.value(QStringLiteral("type")).toString(), channel).arg(seconds)];
    }
    QMap<QString, int> stored;
    for (const AuditEntry &entry : entries()) {
        if (entry.details().value(QStringLiteral("lease_holder")).toString() != self)
            continue;
        // The leader's alarm keeper writes under the same token; its raises and
        // clears are not the monitor's printed events.
        if (entry.eventType.startsWith(QLatin1String("alarm_")))
            continue;
        ++stored[QStringLiteral("%1 %2 %3").arg(entry.eventType, entry.channelId).arg(entry.timestampMs / 1000)];
    }
    EXPECT_FALSE(printed.isEmpty()) << "the monitor printed no event";
    EXPECT_EQ(stored, printed) << self.toStdString() << "\n" << monitor.out.constData() << monitor.errors().constData();
}

bool LeaderLeaseCli::chainIntact() const
{
    AuditStore store;
    QString error;
    return store.open(m_url, &error) && store.verify().intact();
}

} // namespace cc::test
