#pragma once
// How a simulated tenant is set up: cxone-sim fills it from its command line, a
// test from code.

#include "common/clock.h"

#include <QHostAddress>
#include <QString>

#include <memory>

namespace cc::sim {

struct SimOptions
{
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;                 // 0: any free port
    int channels = 12;                // seeded channels
    quint32 seed = 1;                 // everything random is deterministic for a seed
    int tokenTtlSeconds = 1800;
    int rateLimitPerMinute = 100;     // per tenant, token endpoint included; 0 = unlimited
    QString clientId = QStringLiteral("demo");
    QString clientSecret;             // empty: the documented demo secret "demo-secret"
    QString accessKeyId, accessKeySecret;   // section 6 sign-in (defaults "demo-key"/"demo-key-secret" when empty)
    QString exportToken;              // bearer token the export receiver requires; empty = none required
    QString scenarioFile;             // JSON timeline, optional
    QString tenantId = QStringLiteral("tenant-demo");

    // Additions of the sim itself.
    // Where the tenant reads the time (core/common/clock.h); null: the system
    // clock. A test hands in a ManualClock to step health checks, expiry and
    // scenario events.
    std::shared_ptr<Clock> clock;
    // A body larger than this is answered 413 (the contract's error body).
    qint64 maxBodyBytes = 1024 * 1024;
    // Each trunk's SIP server answers OPTIONS on loopback (sim_sip_responder.h).
    bool sipResponder = false;
};

// The documented demo credentials of the simulated tenant (public, not secrets).
inline constexpr char kDemoClientSecret[] = "demo-secret";
inline constexpr char kDemoAccessKeyId[] = "demo-key";
inline constexpr char kDemoAccessKeySecret[] = "demo-key-secret";

} // namespace cc::sim
