// `cxonectl alarms` as a process (issue 15): `cxonectl monitor` against the
// simulated tenant keeps the alarms of a trunk held unhealthy in the audit
// store; another cxonectl lists them, acknowledges one with a comment, shelves
// and unshelves it, and each is an audit entry with who and why. Every refusal
// names what was wrong and exits with its documented code.

#include "cxonectl_run.h"
#include "sim_fixture.h"

#include "alarms/alarm_book.h"
#include "alarms/alarm_store.h"
#include "audit/audit_store.h"
#include "common/system_clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace {

const QString kSecret = QStringLiteral("alarms-cli-secret-5120");

using cc::test::CliRun;

class CxonectlAlarms : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_home.isValid());
        m_db = m_home.filePath(QStringLiteral("audit.sqlite"));
    }

    CliRun run(const QStringList &arguments, cc::test::SimFixture *sim = nullptr)
    {
        QProcessEnvironment environment =
            sim ? cc::test::cxonectlEnvironment(sim->baseUrl(), kSecret) : QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("USER"), QStringLiteral("ana"));
        return cc::test::runCxonectl(QStringList{QStringLiteral("--audit-db"), m_db} + arguments, environment);
    }

    QJsonArray list(const QStringList &extra = {})
    {
        const CliRun listed = run(QStringList{QStringLiteral("--json"), QStringLiteral("alarms"), QStringLiteral("list")} + extra);
        EXPECT_EQ(listed.exitCode, 0) << listed.err.toStdString();
        return QJsonDocument::fromJson(listed.out.toUtf8()).array();
    }

    QJsonObject alarmOf(const QJsonArray &alarms, const QString &channelId)
    {
        for (const QJsonValue &value : alarms) {
            if (value.toObject().value(QStringLiteral("channel_id")).toString() == channelId)
                return value.toObject();
        }
        return {};
    }

    QTemporaryDir m_home;
    QString m_db;
};

} // namespace

TEST_F(CxonectlAlarms, AMonitorKeepsATrunksAlarmAndAnotherProcessAcknowledgesShelvesAndUnshelvesIt)
{
    cc::sim::SimOptions options;
    options.clientSecret = kSecret;
    options.rateLimitPerMinute = 0;
    cc::test::SimFixture sim(options);
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString trunk = sim.tenant().channels().orderedIds().first();
    sim.fault({{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), trunk},
               {QStringLiteral("status"), QStringLiteral("unhealthy")}});

    const CliRun monitor = run({QStringLiteral("monitor"), QStringLiteral("--duration"), QStringLiteral("7"),
                                QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--down-after"),
                                QStringLiteral("2"), QStringLiteral("--no-auto-failover")},
                               &sim);
    ASSERT_EQ(monitor.exitCode, 0) << monitor.err.toStdString();

    QJsonObject alarm = alarmOf(list(), trunk);
    ASSERT_FALSE(alarm.isEmpty()) << "no alarm for " << trunk.toStdString();
    EXPECT_EQ(alarm.value(QStringLiteral("kind")).toString(), QStringLiteral("down"));
    EXPECT_EQ(alarm.value(QStringLiteral("state")).toString(), QStringLiteral("new"));
    EXPECT_EQ(alarm.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    const QString id = alarm.value(QStringLiteral("id")).toString();
    ASSERT_TRUE(id.startsWith(QLatin1Char('A'))) << id.toStdString();

    const CliRun text = run({QStringLiteral("alarms"), QStringLiteral("list")});
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(id)) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("down, and automatic failover"))
                || text.out.contains(QStringLiteral("not failed over"))
                || text.out.contains(QStringLiteral("no failover channel")))
        << text.out.toStdString();

    // Refusals, each with its code and its reason.
    const CliRun noComment = run({QStringLiteral("alarms"), QStringLiteral("ack"), id});
    EXPECT_EQ(noComment.exitCode, 2);
    EXPECT_TRUE(noComment.err.contains(QStringLiteral("needs --comment"))) << noComment.err.toStdString();
    const CliRun unknown = run({QStringLiteral("alarms"), QStringLiteral("ack"), QStringLiteral("A9999"),
                                QStringLiteral("--comment"), QStringLiteral("on it")});
    EXPECT_EQ(unknown.exitCode, 5);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("no alarm A9999"))) << unknown.err.toStdString();
    const CliRun notAnId = run({QStringLiteral("alarms"), QStringLiteral("ack"), QStringLiteral("trunk-1"),
                                QStringLiteral("--comment"), QStringLiteral("on it")});
    EXPECT_EQ(notAnId.exitCode, 2);
    EXPECT_TRUE(notAnId.err.contains(QStringLiteral("not an alarm id"))) << notAnId.err.toStdString();
    const CliRun badDuration = run({QStringLiteral("alarms"), QStringLiteral("shelve"), id, QStringLiteral("--for"),
                                    QStringLiteral("a while")});
    EXPECT_EQ(badDuration.exitCode, 2);
    EXPECT_TRUE(badDuration.err.contains(QStringLiteral("not a duration"))) << badDuration.err.toStdString();
    const CliRun tooLong = run({QStringLiteral("alarms"), QStringLiteral("shelve"), id, QStringLiteral("--for"),
                                QStringLiteral("2d")});
    EXPECT_EQ(tooLong.exitCode, 2);

    // Acknowledged, with who and why, in the list and in the trail.
    const CliRun ack = run({QStringLiteral("alarms"), QStringLiteral("ack"), id, QStringLiteral("--comment"),
                            QStringLiteral("carrier ticket 4411")});
    ASSERT_EQ(ack.exitCode, 0) << ack.err.toStdString();
    EXPECT_TRUE(ack.out.contains(QStringLiteral("acknowledged"))) << ack.out.toStdString();
    alarm = alarmOf(list(), trunk);
    EXPECT_EQ(alarm.value(QStringLiteral("state")).toString(), QStringLiteral("acknowledged"));
    EXPECT_EQ(alarm.value(QStringLiteral("comment")).toString(), QStringLiteral("carrier ticket 4411"));
    EXPECT_TRUE(alarm.value(QStringLiteral("acknowledged_by")).toString().startsWith(QStringLiteral("ana@")));
    const CliRun again = run({QStringLiteral("alarms"), QStringLiteral("ack"), id, QStringLiteral("--comment"),
                              QStringLiteral("me too")});
    EXPECT_EQ(again.exitCode, 0) << "already so: 0, as a failover already done";
    EXPECT_TRUE(again.out.contains(QStringLiteral("already acknowledged"))) << again.out.toStdString();

    const CliRun shelve = run({QStringLiteral("alarms"), QStringLiteral("shelve"), id, QStringLiteral("--for"),
                               QStringLiteral("30m"), QStringLiteral("--comment"), QStringLiteral("carrier maintenance")});
    ASSERT_EQ(shelve.exitCode, 0) << shelve.err.toStdString();
    EXPECT_TRUE(shelve.out.contains(QStringLiteral("(for 30 min)"))) << shelve.out.toStdString();
    EXPECT_EQ(alarmOf(list(), trunk).value(QStringLiteral("state")).toString(), QStringLiteral("shelved"));
    const CliRun unshelve = run({QStringLiteral("alarms"), QStringLiteral("unshelve"), id});
    ASSERT_EQ(unshelve.exitCode, 0) << unshelve.err.toStdString();
    EXPECT_EQ(alarmOf(list(), trunk).value(QStringLiteral("state")).toString(), QStringLiteral("acknowledged"))
        << "back, and still acknowledged";

    const CliRun tail = run({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("tail"), QStringLiteral("-n"),
                             QStringLiteral("200")});
    ASSERT_EQ(tail.exitCode, 0) << tail.err.toStdString();
    QStringList types;
    QJsonObject ackEntry;
    for (const QJsonValue &value : QJsonDocument::fromJson(tail.out.toUtf8()).array()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QStringLiteral("channel_id")).toString() != trunk)
            continue;
        const QString type = entry.value(QStringLiteral("event_type")).toString();
        if (type.startsWith(QLatin1String("alarm_")))
            types.append(type);
        if (type == QLatin1String("alarm_acknowledged"))
            ackEntry = entry;
    }
    EXPECT_EQ(types, (QStringList{QStringLiteral("alarm_raised"), QStringLiteral("alarm_acknowledged"),
                                  QStringLiteral("alarm_shelved"), QStringLiteral("alarm_unshelved")}));
    EXPECT_EQ(ackEntry.value(QStringLiteral("source")).toString(), QStringLiteral("manual"));
    EXPECT_TRUE(ackEntry.value(QStringLiteral("actor")).toString().startsWith(QStringLiteral("ana@")));
    EXPECT_EQ(ackEntry.value(QStringLiteral("details")).toObject().value(QStringLiteral("comment")).toString(),
              QStringLiteral("carrier ticket 4411"));
    EXPECT_EQ(run({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

TEST_F(CxonectlAlarms, AClearedAlarmIsRefusedWithThirteenAndListedOnlyWithAll)
{
    // A store written by the engine: a down channel's alarm raised, then cleared.
    {
        cc::AuditStore store;
        QString error;
        ASSERT_TRUE(store.open(m_db, &error)) << error.toStdString();
        cc::AlarmStore alarms(&store);
        cc::StoreAlarmIds ids(&alarms);
        cc::SystemClock clock;
        cc::AlarmBook book(QStringLiteral("http://x|demo"), QStringLiteral("NOC tenant"), cc::AlarmRuleSettings(), &clock);
        cc::ChannelHealth row;
        row.id = QStringLiteral("ch_1");
        row.name = QStringLiteral("trunk-1");
        row.health = cc::HealthState::Down;
        row.telemetryAt = QDateTime::currentDateTimeUtc();
        cc::MonitorSnapshot snapshot;
        snapshot.channels = {row};
        book.observeSnapshot(snapshot, ids);
        ASSERT_TRUE(alarms.persist(book.observeSnapshot(snapshot, ids), nullptr, &error)) << error.toStdString();
        snapshot.channels.first().health = cc::HealthState::Up;
        ASSERT_TRUE(alarms.persist(book.observeSnapshot(snapshot, ids), nullptr, &error)) << error.toStdString();
    }
    EXPECT_TRUE(list().isEmpty());
    const CliRun text = run({QStringLiteral("alarms"), QStringLiteral("list")});
    EXPECT_TRUE(text.out.startsWith(QStringLiteral("No open alarms"))) << text.out.toStdString();
    const QJsonArray all = list({QStringLiteral("--all")});
    ASSERT_EQ(all.size(), 1);
    EXPECT_EQ(all.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("cleared"));
    const CliRun late = run({QStringLiteral("alarms"), QStringLiteral("ack"), QStringLiteral("a1"), QStringLiteral("--comment"),
                             QStringLiteral("on it")});
    EXPECT_EQ(late.exitCode, 13);
    EXPECT_TRUE(late.err.contains(QStringLiteral("alarm A1 cleared at"))) << late.err.toStdString();
}

TEST_F(CxonectlAlarms, HelpNamesTheCommandsAndAMissingStoreIsSaid)
{
    const CliRun help = run({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("cxonectl alarms ack ID --comment TEXT"))) << help.out.toStdString();
    EXPECT_TRUE(help.out.contains(QStringLiteral("alarms: 5 no such alarm, 13 the alarm has cleared")));
    const CliRun none = run({QStringLiteral("alarms"), QStringLiteral("list")});
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_TRUE(none.err.contains(QStringLiteral("no audit store at"))) << none.err.toStdString();
    const CliRun sub = run({QStringLiteral("alarms"), QStringLiteral("silence"), QStringLiteral("A1")});
    EXPECT_EQ(sub.exitCode, 2);
    EXPECT_TRUE(sub.err.contains(QStringLiteral("unknown subcommand 'alarms silence'"))) << sub.err.toStdString();
}
