// Two `cxonectl monitor --leader-lease` processes on one simulated tenant
// (cxone-sim, its own process) and one shared store (the test's PostgreSQL):
// exactly one acts, the standby says so, and after the leader is killed with
// SIGKILL, or paused with SIGSTOP past its lease, the standby takes over within
// the lease; the tenant's request log counts every PATCH, so no routing change
// is ever made twice. Each entry the leader records carries its lease term.

#include "postgres_environment.h"

#include "audit/audit_store.h"

#include <QElapsedTimer>
#include <QHash>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTimer>

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <signal.h>
#include <memory>

using namespace cc;

namespace {

constexpr int kLeaseSeconds = 6;

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

QJsonObject http(const QByteArray &method, const QUrl &url, const QJsonObject &body = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    waitFor([reply] { return reply->isFinished(); }, 15000);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return answer;
}

// A monitor process and what it printed so far (one JSON object a line).
struct MonitorProcess
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray out;

    ~MonitorProcess()
    {
        if (process->state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(process->processId()), SIGCONT);
            process->kill();
            process->waitForFinished(5000);
        }
    }
    QList<QJsonObject> lines()
    {
        out += process->readAllStandardOutput();
        QList<QJsonObject> result;
        for (const QByteArray &line : out.split('\n'))
            if (!line.isEmpty())
                result.append(QJsonDocument::fromJson(line).object());
        return result;
    }
    // The last "leader"/"standby" line's type, empty before the first.
    QString role()
    {
        QString last;
        for (const QJsonObject &line : lines()) {
            const QString type = line.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("leader") || type == QLatin1String("standby"))
                last = type;
        }
        return last;
    }
    int count(const QString &type)
    {
        int n = 0;
        for (const QJsonObject &line : lines())
            n += line.value(QStringLiteral("type")).toString() == type ? 1 : 0;
        return n;
    }
};

class LeaderLeaseCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_server = cc::test::sharedPostgres();
        ASSERT_TRUE(m_server->isRunning()) << m_server->error().toStdString();
        m_url = m_server->createDatabase(QStringLiteral("lease_%1").arg(
            QString::fromLatin1(::testing::UnitTest::GetInstance()->current_test_info()->name()).toLower()));
        ASSERT_FALSE(m_url.isEmpty()) << m_server->error().toStdString();
        m_sim.start(QStringLiteral(CXONE_SIM_PATH), {QStringLiteral("--channels"), QStringLiteral("6"), QStringLiteral("--rate-limit"),
                                                     QStringLiteral("0")});
        ASSERT_TRUE(m_sim.waitForStarted(10000));
        QByteArray banner;
        ASSERT_TRUE(waitFor([&] {
            banner += m_sim.readAllStandardOutput();
            return banner.contains("press Ctrl-C");
        }, 30000)) << banner.constData();
        m_baseUrl = QUrl(QString::fromUtf8(banner.left(banner.indexOf('\n'))).section(QLatin1Char(' '), -1));
        QProcess list;
        list.setProcessEnvironment(environment());
        list.start(QStringLiteral(CXONECTL_PATH), {QStringLiteral("--json"), QStringLiteral("channels"), QStringLiteral("list")});
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
            holdStatus(id, QStringLiteral("healthy"));
    }

    void TearDown() override
    {
        m_sim.terminate();
        if (!m_sim.waitForFinished(10000))
            m_sim.kill();
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CXONE_BASE_URL"), m_baseUrl.toString());
        environment.insert(QStringLiteral("CXONE_CLIENT_ID"), QStringLiteral("demo"));
        environment.insert(QStringLiteral("CXONE_CLIENT_SECRET"), QStringLiteral("demo-secret"));
        return environment;
    }

    void holdStatus(const QString &id, const QString &status)
    {
        QUrl url = m_baseUrl;
        url.setPath(QStringLiteral("/_sim/faults"));
        http("POST", url, {{QStringLiteral("action"), QStringLiteral("set_status")}, {QStringLiteral("channel_id"), id},
                           {QStringLiteral("status"), status}});
    }

    // PATCHes of channels the tenant answered 200.
    int patches()
    {
        QUrl url = m_baseUrl;
        url.setPath(QStringLiteral("/_sim/requests"));
        int n = 0;
        for (const QJsonValue &request : http("GET", url).value(QStringLiteral("requests")).toArray()) {
            const QJsonObject r = request.toObject();
            n += r.value(QStringLiteral("method")).toString() == QLatin1String("PATCH")
                    && r.value(QStringLiteral("path")).toString().startsWith(QLatin1String("/api/v2/channels/"))
                    && r.value(QStringLiteral("status")).toInt() == 200
                ? 1
                : 0;
        }
        return n;
    }

    void startMonitor(MonitorProcess &monitor)
    {
        monitor.process->setProcessEnvironment(environment());
        monitor.process->start(QStringLiteral(CXONECTL_PATH),
                               {QStringLiteral("--json"), QStringLiteral("--audit-db"), m_url, QStringLiteral("monitor"),
                                QStringLiteral("--leader-lease"), QStringLiteral("--lease-seconds"), QString::number(kLeaseSeconds),
                                QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--down-after"), QStringLiteral("2"),
                                QStringLiteral("--cooldown"), QStringLiteral("0")});
        ASSERT_TRUE(monitor.process->waitForStarted(10000));
    }

    cc::test::PostgresServer *m_server = nullptr;
    QString m_url;
    QProcess m_sim;
    QUrl m_baseUrl;
    QStringList m_ids;
    QHash<QString, QStringList> m_backups;

    // A second channel to take down whose failover has nothing to do with the first's.
    QString unrelatedTo(const QString &first) const
    {
        for (const QString &id : m_ids) {
            if (id != first && !m_backups.value(first).contains(id) && !m_backups.value(id).contains(first)
                && !m_backups.value(id).isEmpty())
                return id;
        }
        return QString();
    }
};

} // namespace

TEST_F(LeaderLeaseCli, OneActsAndTheStandbyTakesOverWithinTheLeaseAfterKill9)
{
    MonitorProcess a;
    MonitorProcess b;
    startMonitor(a);
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("leader"); }, 30000)) << a.out.constData();
    startMonitor(b);
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("standby"); }, 30000)) << b.out.constData();

    holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitFor([&] { return patches() >= 1; }, 30000));
    // Both watch the channel go down; only the leader changes its routing.
    EXPECT_FALSE(waitFor([&] { return patches() > 1; }, 5000)) << "two monitors acted";
    EXPECT_EQ(a.count(QStringLiteral("failover_done")), 1) << a.out.constData();
    EXPECT_EQ(b.count(QStringLiteral("failover_done")), 0) << b.out.constData();

    QElapsedTimer sinceKill;
    a.process->kill();   // SIGKILL: no release, the lease must run out
    sinceKill.start();
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
    const qint64 takeoverMs = sinceKill.elapsed();
    const QString second = unrelatedTo(m_ids.at(0));
    ASSERT_FALSE(second.isEmpty());
    holdStatus(second, QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitFor([&] { return patches() >= 2; }, 30000)) << b.lines().size() << b.out.constData();
    const qint64 firstActionMs = sinceKill.elapsed();
    EXPECT_FALSE(waitFor([&] { return patches() > 2; }, 3000));
    EXPECT_EQ(b.count(QStringLiteral("failover_done")), 1) << b.out.constData();
    EXPECT_LE(takeoverMs, kLeaseSeconds * 1000 + 1000);
    std::printf("kill -9 of the leader -> standby leads: %lld ms (lease %d s); -> its first PATCH (channel downed at "
                "takeover, --down-after 2, 1 s cycles): %lld ms\n",
                static_cast<long long>(takeoverMs), kLeaseSeconds, static_cast<long long>(firstActionMs));

    b.process->terminate();
    ASSERT_TRUE(b.process->waitForFinished(15000));
    EXPECT_EQ(b.process->exitCode(), 0);
    // The shared trail: one chain, each failover under its leader's term, the later term higher.
    AuditStore store;
    QString error;
    ASSERT_TRUE(store.open(m_url, &error)) << error.toStdString();
    EXPECT_TRUE(store.verify().intact());
    QList<qint64> terms;
    store.forEach({}, [&terms](const AuditEntry &e) {
        if (e.eventType == QLatin1String("failover_done"))
            terms.append(e.details().value(QStringLiteral("lease_term")).toInteger());
        return true;
    }, &error);
    ASSERT_EQ(terms.size(), 2);
    EXPECT_GE(terms.at(0), 1);
    EXPECT_GT(terms.at(1), terms.at(0));
}

TEST_F(LeaderLeaseCli, ALeaderPausedPastItsLeaseNeverActsAgainAndTheStandbyActsOnce)
{
    MonitorProcess a;
    MonitorProcess b;
    startMonitor(a);
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("leader"); }, 30000)) << a.out.constData();
    startMonitor(b);
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("standby"); }, 30000)) << b.out.constData();

    QElapsedTimer sincePause;
    ::kill(static_cast<pid_t>(a.process->processId()), SIGSTOP);
    sincePause.start();
    holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
    EXPECT_LE(sincePause.elapsed(), kLeaseSeconds * 1000 + 1000);
    ASSERT_TRUE(waitFor([&] { return patches() >= 1; }, 30000)) << b.out.constData();

    // The old leader wakes: its lease has passed by its own clock, it stands by and sends nothing.
    ::kill(static_cast<pid_t>(a.process->processId()), SIGCONT);
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("standby"); }, 15000)) << a.out.constData();
    EXPECT_FALSE(waitFor([&] { return patches() > 1; }, 4000)) << "the paused leader acted after waking";
    EXPECT_EQ(a.count(QStringLiteral("failover_done")), 0) << a.out.constData();
    EXPECT_EQ(b.count(QStringLiteral("failover_done")), 1) << b.out.constData();
}

TEST_F(LeaderLeaseCli, ASigtermStopsTheLeaderCleanlyAndReleasesTheLeaseAtOnce)
{
    MonitorProcess a;
    MonitorProcess b;
    startMonitor(a);
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("leader"); }, 30000)) << a.out.constData();
    startMonitor(b);
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("standby"); }, 30000)) << b.out.constData();
    QElapsedTimer sinceStop;
    a.process->terminate();
    sinceStop.start();
    ASSERT_TRUE(a.process->waitForFinished(15000));
    EXPECT_EQ(a.process->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(a.process->exitCode(), 0);
    EXPECT_EQ(a.count(QStringLiteral("summary")), 1) << a.out.constData();
    // Released, not left to run out: the standby leads at its next attempt (every lease/5).
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("leader"); }, 30000)) << b.out.constData();
    EXPECT_LT(sinceStop.elapsed(), kLeaseSeconds * 1000 / 2);
    std::printf("SIGTERM of the leader -> standby leads: %lld ms (lease %d s)\n", static_cast<long long>(sinceStop.elapsed()),
                kLeaseSeconds);
}

// PostgreSQL crashes (pg_ctl stop -m immediate) under two monitors while a
// channel goes down: no routing change while the lease cannot be confirmed,
// and exactly one leader acting once the database is back.
TEST_F(LeaderLeaseCli, NoRoutingChangeWhileTheDatabaseIsDownAndOneLeaderAfter)
{
    MonitorProcess a;
    MonitorProcess b;
    startMonitor(a);
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("leader"); }, 30000)) << a.out.constData();
    startMonitor(b);
    ASSERT_TRUE(waitFor([&] { return b.role() == QLatin1String("standby"); }, 30000)) << b.out.constData();

    ASSERT_TRUE(m_server->stop(QStringLiteral("immediate"))) << m_server->error().toStdString();
    // The leader gives up acting once its lease can have passed by its own clock.
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("standby"); }, kLeaseSeconds * 1000 + 5000)) << a.out.constData();
    holdStatus(m_ids.at(0), QStringLiteral("unhealthy"));
    EXPECT_FALSE(waitFor([&] { return patches() > 0; }, 5000)) << "a routing change without a confirmed lease";
    EXPECT_EQ(b.role(), QStringLiteral("standby"));

    ASSERT_TRUE(m_server->start()) << m_server->error().toStdString();
    ASSERT_TRUE(waitFor([&] { return a.role() == QLatin1String("leader") || b.role() == QLatin1String("leader"); }, 30000))
        << a.out.constData() << b.out.constData();
    ASSERT_TRUE(waitFor([&] { return patches() >= 1; }, 30000));
    EXPECT_FALSE(waitFor([&] { return patches() > 1; }, 4000)) << "two monitors acted";
    EXPECT_NE(a.role(), b.role()) << "exactly one leader";
    EXPECT_EQ(a.count(QStringLiteral("failover_done")) + b.count(QStringLiteral("failover_done")), 1);
}
