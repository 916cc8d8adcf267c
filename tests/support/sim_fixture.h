#pragma once
// A simulated CXone tenant for one test: starts a cc::sim::SimServer in-process on
// 127.0.0.1 port 0 and offers synchronous helpers (plain HTTP calls, the control
// API, a token) that wait on the event loop, never with a sleep.
//
//   cc::test::SimFixture sim;                  // 12 channels, seed 1, demo credentials
//   ASSERT_TRUE(sim.isListening()) << sim.startError();
//   sim.fault({{"action", "fail_next"}, {"count", 2}, {"status", 503}});
//   ... run the client under test against sim.baseUrl() ...
//   EXPECT_EQ(sim.stats()["by_route"]["GET /api/v2/channels"].toInt(), 3);
//
// The default options are the contract's (rate limit 100 a minute, token TTL
// 1800 s): a test making many calls sets options.rateLimitPerMinute = 0, and a
// test that steps time hands in options.clock = std::make_shared<cc::ManualClock>().
// Everything runs in the test's thread; nothing waits with a sleep.

#include "sim_server.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace cc::test {

class SimFixture final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Reply
    {
        int status = 0;             // 0: no HTTP answer (connection closed, timeout)
        QByteArray body;
        QJsonObject json;           // the body when it is a JSON object
        Headers headers;
        QString networkError;       // empty when an HTTP answer arrived

        QByteArray header(const QByteArray &name) const;
    };

    explicit SimFixture(cc::sim::SimOptions options = {});
    ~SimFixture();
    SimFixture(const SimFixture &) = delete;
    SimFixture &operator=(const SimFixture &) = delete;

    bool isListening() const { return m_listening; }
    QString startError() const { return m_startError; }
    cc::sim::SimServer &server() { return *m_server; }
    cc::sim::SimTenant &tenant() { return m_server->tenant(); }
    QUrl baseUrl() const { return m_server->baseUrl(); }
    QUrl exportUrl() const { return m_server->exportUrl(); }
    // baseUrl with a path and optional query: url("/api/v2/channels?page=2").
    QUrl url(const QString &pathAndQuery) const;

    // One HTTP exchange, waiting up to timeoutMs on the event loop.
    Reply request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                  const Headers &headers = {}, int timeoutMs = 10000);
    // A JSON call with Authorization: Bearer `token` (none when empty).
    Reply api(const QByteArray &method, const QString &pathAndQuery, const QString &token,
              const QJsonObject &body = {}, const Headers &headers = {});
    // A JSON body that is not an object (a raw byte body) is sent as is.
    Reply apiRaw(const QByteArray &method, const QString &pathAndQuery, const QString &token, const QByteArray &body,
                 const Headers &headers = {});

    // The control API (/_sim/...): the answer's JSON object (empty on 204).
    QJsonObject control(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject stats();
    QJsonArray requests();
    // The logged requests with this method whose path starts with `pathPrefix`.
    QList<QJsonObject> requestsMatching(const QString &method, const QString &pathPrefix);
    QJsonObject exports();
    // POST /_sim/faults with one action; the answer ("applied", "faults").
    QJsonObject fault(const QJsonObject &action);
    // DELETE /_sim/requests: clears the log and the counters.
    void clearRequests();
    // The control API's set_status, as a request to /_sim/faults would apply it
    // (due health checks and scenario events first): holds a channel at
    // `status` ("auto" resumes its checks); false when the tenant refused.
    bool holdStatus(const QString &channelId, const QString &status);

    // A token from the client-credentials endpoint with the demo (or configured)
    // credentials; empty when the tenant refused.
    QString fetchToken(const QString &scope = QStringLiteral("channel:read channel:write telemetry:read analytics:read"));
    // The id of the n-th seeded channel (creation order).
    QString channelId(int index);

private:
    std::unique_ptr<cc::sim::SimServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    bool m_listening = false;
    QString m_startError;
    cc::sim::SimOptions m_options;
};

} // namespace cc::test
