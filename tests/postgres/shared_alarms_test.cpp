// The alarms on the shared PostgreSQL store (issue 15): two consoles' monitors
// of one tenant share one alarm (the partial unique index, PostgreSQL's
// dialect), an acknowledgement made through one connection reaches the other's
// change reading, and `cxonectl alarms` on the same URL sees and acts on it.
// Every change is a link of the one chain, which still verifies.

#include "console_alarms.h"
#include "cxonectl_run.h"
#include "postgres_environment.h"
#include "postgres_server.h"

#include "alarms/alarm_book.h"
#include "alarms/alarm_store.h"
#include "audit/audit_store.h"
#include "common/system_clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <gtest/gtest.h>

using namespace cc;

namespace {

const QString kTenantKey = QStringLiteral("https://tenant.example|noc");

MonitorSnapshot downSnapshot()
{
    ChannelHealth row;
    row.id = QStringLiteral("ch_7");
    row.name = QStringLiteral("sip-east-7");
    row.health = HealthState::Down;
    row.tenantStatus = ChannelStatus::Unhealthy;
    row.telemetryAt = QDateTime::currentDateTimeUtc();
    MonitorSnapshot snapshot;
    snapshot.channels = {row};
    return snapshot;
}

} // namespace

class SharedAlarms : public cc::test::PostgresDatabaseTest
{
protected:
    SharedAlarms() : PostgresDatabaseTest(QStringLiteral("alarms")) {}

    SystemClock m_clock;
};

TEST_F(SharedAlarms, TwoConsolesShareOneAlarmAndSeeEachOthersAcknowledgement)
{
    AuditStore storeA;
    AuditStore storeB;
    QString error;
    ASSERT_TRUE(storeA.open(m_url, &error)) << error.toStdString();
    ASSERT_TRUE(storeB.open(m_url, &error)) << error.toStdString();
    cc::test::ConsoleAlarms consoleA(&storeA, kTenantKey, QStringLiteral("NOC"), AlarmRuleSettings(), &m_clock);
    cc::test::ConsoleAlarms consoleB(&storeB, kTenantKey, QStringLiteral("NOC"), AlarmRuleSettings(), &m_clock);

    AlarmChanges a;
    AlarmChanges b;
    for (int i = 0; i < 2; ++i) {
        a = consoleA.book.observeSnapshot(downSnapshot(), consoleA.ids);
        b = consoleB.book.observeSnapshot(downSnapshot(), consoleB.ids);
    }
    ASSERT_EQ(a.raised.size(), 1);
    ASSERT_EQ(b.raised.size(), 1);
    ASSERT_TRUE(consoleA.alarms.persist(a, nullptr, &error)) << error.toStdString();
    QList<Alarm> adopted;
    ASSERT_TRUE(consoleB.alarms.persist(b, &adopted, &error)) << error.toStdString();
    ASSERT_EQ(adopted.size(), 1) << "B's raise met A's open alarm";
    EXPECT_EQ(adopted.first().number, a.raised.first().number);
    consoleB.book.adopt(adopted.first());

    qint64 revision = 0;
    QList<Alarm> seen;
    ASSERT_TRUE(consoleA.alarms.load(kTenantKey, 10, &seen, &revision, &error)) << error.toStdString();
    ASSERT_EQ(seen.size(), 1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AlarmActionResult ack = consoleB.alarms.acknowledge(a.raised.first().number, QStringLiteral("bo@console-2"),
                                                      QStringLiteral("carrier ticket 4411"), now);
    ASSERT_EQ(ack.outcome, AlarmActionResult::Outcome::Done) << ack.message.toStdString();
    QList<Alarm> changed;
    ASSERT_TRUE(consoleA.alarms.changedSince(kTenantKey, revision, &changed, &revision, &error)) << error.toStdString();
    ASSERT_EQ(changed.size(), 1);
    consoleA.book.adopt(changed.first());
    EXPECT_EQ(consoleA.book.openAlarms().first().stateAt(now), AlarmState::Acknowledged);
    EXPECT_EQ(consoleA.book.openAlarms().first().acknowledgedBy, QStringLiteral("bo@console-2"));

    // cxonectl on the same URL: lists it acknowledged, shelves it.
    const auto cxonectl = [this](const QStringList &arguments) {
        return cc::test::runCxonectl(QStringList{QStringLiteral("--audit-db"), m_url} + arguments);
    };
    const cc::test::CliRun listed = cxonectl({QStringLiteral("--json"), QStringLiteral("alarms"), QStringLiteral("list")});
    ASSERT_EQ(listed.exitCode, 0) << listed.all().toStdString();
    const QJsonArray alarms = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    ASSERT_EQ(alarms.size(), 1) << listed.all().toStdString();
    EXPECT_EQ(alarms.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("acknowledged"));
    const cc::test::CliRun shelved = cxonectl({QStringLiteral("alarms"), QStringLiteral("shelve"), a.raised.first().id(),
                                               QStringLiteral("--for"), QStringLiteral("4h")});
    EXPECT_EQ(shelved.exitCode, 0) << shelved.all().toStdString();

    EXPECT_TRUE(storeA.verify().intact());
    EXPECT_EQ(storeA.count(AuditFilter{QDateTime(), QDateTime(), QString(), QStringLiteral("alarm_raised")}), 1);
    EXPECT_EQ(storeA.count(AuditFilter{QDateTime(), QDateTime(), QString(), QStringLiteral("alarm_shelved")}), 1);
}
