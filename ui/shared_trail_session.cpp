#include "shared_trail_session.h"

#include "audit/audit_database_url.h"
#include "audit/audit_log.h"
#include "audit/lease_observer.h"
#include "audit/monitor_audit_bridge.h"
#include "monitor/monitor.h"

#include <QJsonObject>

namespace cc::ui {

SharedTrailSession::SharedTrailSession(const StoredProfile &profile, QObject *parent)
    : QObject(parent)
    , m_tenant(profile.connection.budgetKey())
    , m_profileName(profile.connection.name)
    , m_shared(isPostgresUrl(profile.audit.location))
    , m_log(std::make_unique<AuditLog>())
{
    if (m_shared && !profile.audit.password.isEmpty())
        setPostgresPassword(profile.audit.location, profile.audit.password);
    // The shared trail opens its local spool only (the database is reached in
    // the background); a file is opened at once, as the default one is.
    if (!m_log->open(profile.audit.location, &m_openError))
        return;
    if (!m_shared)
        return;
    connect(m_log.get(), &AuditLog::spoolChanged, this, [this](qint64 waiting, const QString &problem) {
        m_waiting = waiting;
        m_trailProblem = problem;
        emit leaseChanged();
    });
    qRegisterMetaType<cc::LeaseObservation>();
    m_thread.reset(new QThread);
    m_thread->setObjectName(QStringLiteral("cc-lease-observer"));
    m_observer = new LeaseObserver(profile.audit.location, m_tenant);
    m_observer->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_observer, &QObject::deleteLater);
    connect(m_observer, &LeaseObserver::observed, this, &SharedTrailSession::onObserved);
    m_thread->start();
    QMetaObject::invokeMethod(m_observer, &LeaseObserver::start, Qt::QueuedConnection);
}

SharedTrailSession::~SharedTrailSession()
{
    if (LeaseObserver *observer = m_observer)
        QMetaObject::invokeMethod(observer, &LeaseObserver::stop, Qt::BlockingQueuedConnection);
    // m_thread's deleter quits and waits; the observer is deleted on finished.
}

void SharedTrailSession::attach(Monitor *monitor, MonitorAuditBridge *bridge, const MonitorSettings &settings)
{
    m_monitor = monitor;
    m_bridge = bridge;
    m_settings = settings;
    applyStance();
}

void SharedTrailSession::onObserved(const LeaseObservation &observation)
{
    const bool deferred = defersToService();
    const ServiceLeaseFollower::Change change = m_follower.observe(observation);
    if (change.startedDeferring || change.serviceReturned || deferred != defersToService())
        applyStance();
    if (change.startedDeferring)
        emit leaseNews(tr("%1: automatic failover in this console is paused while the service leads").arg(describeLease(observation)));
    else if (change.serviceReturned)
        emit leaseNews(describeLease(observation));
    if (change.serviceLapsed)
        emit leaseNews(m_follower.statusText());
    emit leaseChanged();
}

void SharedTrailSession::applyStance()
{
    const bool deferring = defersToService();
    if (m_monitor) {
        MonitorSettings settings = m_settings;
        if (deferring)
            settings.failover.autoFailover = false;
        m_monitor->setSettings(settings);
    }
    if (m_bridge)
        m_bridge->setRecordsObservations(!deferring);
}

QString SharedTrailSession::statusText() const
{
    QString text = m_follower.statusText();
    if (!m_trailProblem.isEmpty()) {
        const QString trail = tr("The shared audit trail does not take entries (%1): actions are refused until it does, "
                                 "and %n of the monitor's events wait in the local spool", nullptr, static_cast<int>(m_waiting))
                                  .arg(m_trailProblem);
        text = text.isEmpty() ? trail : text + QStringLiteral(" · ") + trail;
    }
    return text;
}

void SharedTrailSession::resumeHere()
{
    if (!defersToService())
        return;
    const LeaseObservation last = m_follower.last();
    m_follower.resume();
    applyStance();
    AuditEvent event;
    event.eventType = QString(events::kFailoverResumed);
    event.source = EventSource::Manual;
    event.tenant = m_profileName;
    event.details = QJsonObject{{QStringLiteral("scope"), QStringLiteral("this console")},
                                {QStringLiteral("reason"), QStringLiteral("the monitor service's leader lease lapsed")},
                                {QStringLiteral("service"), last.holder},
                                {QStringLiteral("service_term"), last.term}};
    m_log->append(event);
    emit leaseChanged();
}

} // namespace cc::ui
