#pragma once
// One connection to a CXone tenant, as the window and cxonectl both hold it.
//
// Every client of the connection, whatever thread it lives in, is made from
// clientOptions(): they share one token (one sign-in when the connection starts,
// one refresh, one new token after a 401) and the rate budget the session owns.
// The session's own client lives in the session's thread (the window's, or
// cxonectl's main thread); the monitor's worker and the quality loader make
// theirs in their threads from the same options.
//
// It also holds what a connection runs: the monitor (startMonitor), the audit
// export outbox (startOutbox) and the bridge that records the monitor's events
// in the audit trail. Pages and commands are handed the session; nothing here is
// fetched from a global. Destroyed in reverse order: the monitor's thread is
// waited for before the client and the outbox go.

#include "client/api_client.h"
#include "monitor/monitor_settings.h"

#include <QObject>

#include <memory>

namespace cc {

class AuditLog;
class ExportOutbox;
class Monitor;
class MonitorAuditBridge;
class RateBudget;
class TokenSource;

class TenantSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantSession)

public:
    // `clientOptions`: the session's own client (its write guard, log sink,
    // retries); its budget and token are replaced by the session's. `audit` may
    // be null (no trail) and must outlive the session.
    TenantSession(const ConnectionProfile &profile, AuditLog *audit, const ClientOptions &clientOptions = {},
                  QObject *parent = nullptr);
    ~TenantSession() override;

    const ConnectionProfile &profile() const { return m_profile; }
    // What the tenant is called in the audit trail and the title bar: the profile's name.
    QString tenantName() const { return m_profile.name; }
    ApiClient *client() const { return m_client; }
    AuditLog *audit() const { return m_audit; }

    // For another client of this connection: the session's budget, token and
    // clock, the retries of the session's client; no write guard or log sink
    // (a caller adds its own).
    ClientOptions clientOptions() const;
    const std::shared_ptr<RateBudget> &budget() const { return m_budget; }
    const std::shared_ptr<TokenSource> &tokens() const { return m_tokens; }

    // The audit trail's export outbox, when the profile names an export URL and
    // the trail is open. False with *error when it cannot start (nothing then
    // is exported; the trail is unchanged).
    bool startOutbox(QString *error);
    ExportOutbox *outbox() const { return m_outbox.get(); }

    // Makes the monitor (with the audit bridge when the trail is open); the
    // caller connects to it and starts it. `options`: the monitor client's,
    // made from clientOptions() with the caller's additions (a request
    // observer, a lease fence); the session's budget and token are kept.
    Monitor *startMonitor(const MonitorSettings &settings);
    Monitor *startMonitor(const MonitorSettings &settings, ClientOptions options);
    Monitor *monitor() const { return m_monitor.get(); }
    MonitorAuditBridge *auditBridge() const { return m_bridge.get(); }

private:
    ConnectionProfile m_profile;
    AuditLog *m_audit;
    std::shared_ptr<RateBudget> m_budget;
    std::shared_ptr<TokenSource> m_tokens;
    ClientOptions m_clientOptions;
    ApiClient *m_client = nullptr;   // child
    std::unique_ptr<ExportOutbox> m_outbox;
    std::unique_ptr<MonitorAuditBridge> m_bridge;
    std::unique_ptr<Monitor> m_monitor;   // declared last: stopped first
};

} // namespace cc
