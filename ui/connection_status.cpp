#include "connection_status.h"

#include "audit/export_outbox.h"
#include "model/event_names.h"
#include "monitor/monitor.h"
#include "session/tenant_session.h"

#include <QLabel>
#include <QStatusBar>
#include <QTimer>

namespace cc::ui {

ConnectionStatus::ConnectionStatus(QStatusBar *bar, QLabel *between, QObject *parent)
    : QObject(parent)
    , m_tick(new QTimer(this))
{
    const auto makeLabel = [bar](const char *name) {
        auto *label = new QLabel(bar);
        label->setObjectName(QLatin1String(name));
        label->setContentsMargins(6, 0, 6, 0);
        bar->addPermanentWidget(label);
        return label;
    };
    m_tenant = makeLabel("tenantStatus");
    m_token = makeLabel("tokenStatus");
    m_budget = makeLabel("budgetStatus");
    m_monitor = makeLabel("monitorStatus");
    if (between)
        bar->addPermanentWidget(between);
    m_exports = makeLabel("exportsStatus");
    // The token's remaining life and the cycle's age change every second without any signal.
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &ConnectionStatus::refresh);
    m_tick->start();
    refresh();
}

void ConnectionStatus::setSession(TenantSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_snapshot.reset();
    m_monitorProblem.clear();
    if (session) {
        connect(session->client(), &ApiClient::budgetChanged, this, &ConnectionStatus::refresh);
        connect(session->client(), &ApiClient::tokenLifetimeChanged, this, &ConnectionStatus::refresh);
        if (ExportOutbox *outbox = session->outbox()) {
            connect(outbox, &ExportOutbox::backlogChanged, this, &ConnectionStatus::refresh);
            connect(outbox, &ExportOutbox::lastErrorChanged, this, &ConnectionStatus::refresh);
        }
        if (Monitor *monitor = session->monitor()) {
            connect(monitor, &Monitor::snapshotReady, this, &ConnectionStatus::onSnapshot);
            connect(monitor, &Monitor::eventRaised, this, &ConnectionStatus::onEvent);
        }
    }
    refresh();
}

void ConnectionStatus::onSnapshot(const MonitorSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    m_monitorProblem.clear();
    refresh();
}

void ConnectionStatus::onEvent(const MonitorEvent &event)
{
    if (event.type != events::kCycleFailed)
        return;
    m_monitorProblem = event.details.value(QStringLiteral("message")).toString();
    if (m_monitorProblem.isEmpty())
        m_monitorProblem = event.details.value(QStringLiteral("reason")).toString();
    refresh();
}

void ConnectionStatus::refresh()
{
    showTenant();
    showToken();
    showBudget();
    showMonitor();
    showExports();
}

void ConnectionStatus::showTenant()
{
    if (!m_session) {
        m_tenant->setText(tr("Not connected"));
        m_tenant->setToolTip(tr("File > Connect… chooses a connection profile"));
        return;
    }
    const ApiClient *client = m_session->client();
    m_tenant->setText(tr("Tenant: %1").arg(client->tenantId().isEmpty() ? m_session->tenantName() : client->tenantId()));
    m_tenant->setToolTip(tr("Profile %1 at %2").arg(m_session->tenantName(),
        (client->apiBaseUrl().isValid() ? client->apiBaseUrl() : m_session->profile().signInUrl()).toString()));
}

void ConnectionStatus::showToken()
{
    const QDateTime expires = m_session ? m_session->client()->tokenExpiresAt() : QDateTime();
    if (!expires.isValid()) {
        m_token->setText(tr("Token: —"));
        m_token->setToolTip(tr("No token yet: the first call signs in"));
        return;
    }
    const qint64 seconds = QDateTime::currentDateTimeUtc().secsTo(expires);
    m_token->setText(seconds > 0 ? tr("Token: %1:%2 left").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'))
                                 : tr("Token: expired (renewed at the next call)"));
    m_token->setToolTip(tr("One token for this connection's table, monitor and charts, renewed when less than a "
                           "minute remains"));
}

void ConnectionStatus::showBudget()
{
    const int limit = m_session ? m_session->client()->budgetLimit() : 0;
    if (limit <= 0) {
        m_budget->setText(tr("API budget: —"));
        m_budget->setToolTip(tr("Known after the first answer from the tenant"));
        return;
    }
    m_budget->setText(tr("API budget: %1/%2 this minute").arg(m_session->client()->budgetRemaining()).arg(limit));
    m_budget->setToolTip(tr("Requests left in the tenant's rate-limit window, shared by this connection's calls"));
}

void ConnectionStatus::showMonitor()
{
    if (!m_session || !m_session->monitor()) {
        m_monitor->setText(tr("Monitor: —"));
        m_monitor->setToolTip(tr("Not connected"));
    } else if (!m_snapshot) {
        m_monitor->setText(m_monitorProblem.isEmpty() ? tr("Monitor: starting…") : tr("Monitor: failing"));
        m_monitor->setToolTip(m_monitorProblem.isEmpty() ? tr("Waiting for the first cycle") : m_monitorProblem);
    } else {
        const qint64 age = m_snapshot->takenAt.secsTo(QDateTime::currentDateTimeUtc());
        QString text = tr("Monitor: every %1 s, last %2 s ago").arg(m_snapshot->intervalMs / 1000).arg(qMax<qint64>(0, age));
        if (m_snapshot->failoverPausedAll)
            text += tr(" · automatic failover paused");
        if (!m_monitorProblem.isEmpty())
            text += tr(" · last cycle failed");
        m_monitor->setText(text);
        m_monitor->setToolTip(m_monitorProblem.isEmpty()
            ? tr("Cycle %1: %2 channels, %3 API calls, %4 ms").arg(m_snapshot->cycle).arg(m_snapshot->channels.size())
                  .arg(m_snapshot->apiCalls).arg(m_snapshot->cycleMs)
            : m_monitorProblem);
    }
}

void ConnectionStatus::showExports()
{
    if (const ExportOutbox *outbox = m_session ? m_session->outbox() : nullptr) {
        const qint64 pending = outbox->pendingEntries() + outbox->pendingMetricRows();
        m_exports->setText(outbox->lastError().isEmpty() ? tr("Exports pending: %1").arg(pending)
                                                         : tr("Exports pending: %1 (failing)").arg(pending));
        m_exports->setToolTip(outbox->lastError().isEmpty() ? tr("Audit entries and metrics waiting for the export endpoint")
                                                            : outbox->lastError());
        return;
    }
    m_exports->setText(tr("Exports: —"));
    m_exports->setToolTip(m_session ? tr("This profile has no export URL: nothing is sent to an export endpoint")
                                    : tr("Not connected"));
}

} // namespace cc::ui
