#include "session/tenant_session.h"

#include "audit/audit_log.h"
#include "audit/export_outbox.h"
#include "audit/monitor_audit_bridge.h"
#include "client/rate_budget.h"
#include "client/token_source.h"
#include "common/system_clock.h"
#include "monitor/monitor.h"

namespace cc {

TenantSession::TenantSession(const ConnectionProfile &profile, AuditLog *audit, const ClientOptions &clientOptions,
                             QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_audit(audit)
    , m_budget(std::make_shared<RateBudget>())
    , m_tokens(std::make_shared<TokenSource>())
    , m_clientOptions(clientOptions)
{
    if (!m_clientOptions.clock)
        m_clientOptions.clock = std::make_shared<SystemClock>();
    m_clientOptions.budget = m_budget;
    m_clientOptions.tokens = m_tokens;
    m_client = new ApiClient(m_profile, m_clientOptions, this);
}

TenantSession::~TenantSession()
{
    // The monitor's worker (and its client) first: its thread is waited for
    // while the bridge and the outbox its events go to still exist.
    m_monitor.reset();
    m_bridge.reset();
    m_outbox.reset();
}

ClientOptions TenantSession::clientOptions() const
{
    ClientOptions options;
    options.retry = m_clientOptions.retry;
    options.maxRedirects = m_clientOptions.maxRedirects;
    options.maxAnswerBytes = m_clientOptions.maxAnswerBytes;
    options.clock = m_clientOptions.clock;
    options.budget = m_budget;
    options.tokens = m_tokens;
    return options;
}

bool TenantSession::startOutbox(QString *error)
{
    if (m_outbox)
        return true;
    if (m_profile.exportUrl.isEmpty() || m_audit == nullptr || !m_audit->isOpen())
        return true;   // nothing to export to, or no trail to export from
    ExportOutboxOptions options;
    options.dbPath = m_audit->path();
    options.exportUrl = m_profile.exportUrl;
    options.exportToken = m_profile.exportToken;
    auto outbox = std::make_unique<ExportOutbox>(options);
    if (!outbox->start(error))
        return false;
    connect(m_audit, &AuditLog::entriesCommitted, outbox.get(), &ExportOutbox::wake);
    m_outbox = std::move(outbox);
    return true;
}

Monitor *TenantSession::startMonitor(const MonitorSettings &settings)
{
    return startMonitor(settings, clientOptions());
}

Monitor *TenantSession::startMonitor(const MonitorSettings &settings, ClientOptions options)
{
    m_monitor.reset();
    m_bridge.reset();
    Monitor::registerMetaTypes();
    options.budget = m_budget;
    options.tokens = m_tokens;
    if (!options.clock)
        options.clock = m_clientOptions.clock;
    m_monitor = std::make_unique<Monitor>(m_profile, options, settings);
    if (m_audit && m_audit->isOpen()) {
        m_bridge = std::make_unique<MonitorAuditBridge>(m_audit, m_outbox.get(), tenantName());
        connect(m_monitor.get(), &Monitor::eventsRaised, m_bridge.get(), &MonitorAuditBridge::recordEvents);
        connect(m_monitor.get(), &Monitor::snapshotReady, m_bridge.get(), &MonitorAuditBridge::exportSnapshot);
    }
    return m_monitor.get();
}

} // namespace cc
