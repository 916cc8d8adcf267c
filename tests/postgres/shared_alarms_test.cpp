// The alarms on the shared PostgreSQL store (issue 15): two consoles' monitors
// of one tenant share one alarm (the partial unique index, PostgreSQL's
// dialect), an acknowledgement made through one connection reaches the other's
// change reading, and `cxonectl alarms` on the same URL sees and acts on it.
// Every change is a link of the one chain, which still verifies.

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
    AlarmStore alarmsA(&storeA);
    AlarmStore alarmsB(&storeB);
    StoreAlarmIds idsA(&alarmsA);
    StoreAlarmIds idsB(&alarmsB);
    AlarmBook bookA(kTenantKey, QStringLiteral("NOC"), AlarmRuleSettings(), &m_clock);
    AlarmBook bookB(kTenantKey, QStringLiteral("NOC"), AlarmRuleSettings(), &m_clock);

    AlarmChanges a;
    AlarmChanges b;
    for (int i = 0; i < 2; ++i) {
        a = bookA.observeSnapshot(downSnapshot(), idsA);
        b = bookB.observeSnapshot(downSnapshot(), idsB);
    }
    ASSERT_EQ(a.raised.size(), 1);
    ASSERT_EQ(b.raised.size(), 1);
    ASSERT_TRUE(alarmsA.persist(a, nullptr, &error)) << error.toStdString();
    QList<Alarm> adopted;
    ASSERT_TRUE(alarmsB.persist(b, &adopted, &error)) << error.toStdString();
    ASSERT_EQ(adopted.size(), 1) << "B's raise met A's open alarm";
    EXPECT_EQ(adopted.first().number, a.raised.first().number);
    bookB.adopt(adopted.first());

    qint64 revision = 0;
    QList<Alarm> seen;
    ASSERT_TRUE(alarmsA.load(kTenantKey, 10, &seen, &revision, &error)) << error.toStdString();
    ASSERT_EQ(seen.size(), 1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AlarmActionResult ack = alarmsB.acknowledge(a.raised.first().number, QStringLiteral("bo@console-2"),
                                                      QStringLiteral("carrier ticket 4411"), now);
    ASSERT_EQ(ack.outcome, AlarmActionResult::Outcome::Done) << ack.message.toStdString();
    QList<Alarm> changed;
    ASSERT_TRUE(alarmsA.changedSince(kTenantKey, revision, &changed, &revision, &error)) << error.toStdString();
    ASSERT_EQ(changed.size(), 1);
    bookA.adopt(changed.first());
    EXPECT_EQ(bookA.openAlarms().first().stateAt(now), AlarmState::Acknowledged);
    EXPECT_EQ(bookA.openAlarms().first().acknowledgedBy, QStringLiteral("bo@console-2"));

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
