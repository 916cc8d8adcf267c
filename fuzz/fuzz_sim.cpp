// Fuzz targets for what the simulated tenant reads from outside: its scenario
// file (cxone-sim --scenario FILE, started as the program starts it, then its
// events fired) and the bodies of requests (the control API's POST
// /_sim/faults and the contract's POST, PATCH and token bodies), each against
// a fresh tenant on a manual clock so that every input runs alone.

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "common/manual_clock.h"
#include "sim_tenant.h"

#include <QJsonDocument>

#include <memory>

namespace cc::fuzz {

namespace {

struct Tenant
{
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::unique_ptr<sim::SimTenant> tenant;
    QString error;

    explicit Tenant(const QString &scenarioFile = QString())
    {
        sim::SimOptions options;
        options.channels = 3;
        options.rateLimitPerMinute = 0;
        options.clock = clock;
        options.scenarioFile = scenarioFile;
        tenant = std::make_unique<sim::SimTenant>(options);
        tenant->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
    }

    sim::SimResponse send(const QString &method, const QString &path, const QByteArray &body,
                          const QByteArray &token = QByteArray(), const QByteArray &contentType = "application/json")
    {
        sim::SimRequest request;
        request.method = method;
        request.path = path;
        request.body = body;
        request.headers.insert("content-type", contentType);
        if (!token.isEmpty())
            request.headers.insert("authorization", "Bearer " + token);
        else
            request.headers.insert("authorization", "Basic " + QByteArrayLiteral("demo:demo-secret").toBase64());
        return tenant->handle(request);
    }

    QByteArray token()
    {
        const sim::SimResponse answer = send(QStringLiteral("POST"), QStringLiteral("/api/v2/oauth/token"),
                                             "grant_type=client_credentials", QByteArray(),
                                             "application/x-www-form-urlencoded");
        return QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("access_token")).toString().toUtf8();
    }
};

} // namespace

int simScenario(const uint8_t *data, size_t size)
{
    const QString path = inputFile(data, size, QStringLiteral("scenario.json"));
    if (path.isEmpty())
        return 0;

    Tenant sim(path);
    if (!sim.tenant->start(&sim.error)) {
        if (sim.error.isEmpty())
            __builtin_trap();   // a refused scenario always says why
        return 0;
    }
    const QByteArray token = sim.token();
    // Fire the events in order, as the server's timer does, and ask after each.
    for (int i = 0; i < 64; ++i) {
        const std::optional<qint64> dueMs = sim.tenant->msUntilNextEvent();
        if (!dueMs)
            break;
        sim.clock->advanceMs(std::min<qint64>(std::max<qint64>(*dueMs, 0), qint64(86'400'000) * 365));
        sim.tenant->tick();
        (void)sim.send(QStringLiteral("GET"), QStringLiteral("/api/v2/channels"), QByteArray(), token);
    }
    return 0;
}

int simRequestBody(const uint8_t *data, size_t size)
{
    // The first byte picks the request, the rest is its body.
    if (size == 0)
        return 0;
    const QByteArray body = inputBytes(data + 1, size - 1);
    Tenant sim;
    if (!sim.tenant->start(&sim.error))
        __builtin_trap();
    const QByteArray token = sim.token();
    const QString channelId = sim.tenant->channels().orderedIds().value(0);
    switch (data[0] % 6) {
    case 0:
        (void)sim.send(QStringLiteral("POST"), QStringLiteral("/_sim/faults"), body);
        break;
    case 1:
        (void)sim.send(QStringLiteral("POST"), QStringLiteral("/api/v2/channels"), body, token);
        break;
    case 2:
        (void)sim.send(QStringLiteral("PATCH"), QStringLiteral("/api/v2/channels/") + channelId, body, token);
        break;
    case 3:
        (void)sim.send(QStringLiteral("POST"), QStringLiteral("/api/v2/telemetry/metrics"), body, token);
        break;
    case 4:
        (void)sim.send(QStringLiteral("POST"), QStringLiteral("/api/v2/oauth/token"), body, QByteArray(),
                       "application/x-www-form-urlencoded");
        break;
    default:
        (void)sim.send(QStringLiteral("POST"), QStringLiteral("/auth/token"), body, QByteArray(),
                       "application/x-www-form-urlencoded");
        break;
    }
    // Whatever was applied, the tenant still answers.
    (void)sim.send(QStringLiteral("GET"), QStringLiteral("/api/v2/channels"), QByteArray(), token);
    (void)sim.send(QStringLiteral("GET"), QStringLiteral("/_sim/faults"), QByteArray());
    return 0;
}

} // namespace cc::fuzz
