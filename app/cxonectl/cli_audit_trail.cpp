#include "cli_audit_trail.h"

#include "cli_context.h"

#include "audit/audit_log.h"
#include "audit/audit_store.h"
#include "audit/export_outbox.h"
#include "operations/channel_operations.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QUrl>

#include <algorithm>

namespace cc::cli {

CliAuditTrail::CliAuditTrail(const QString &dbPath, const QString &exportUrl, QObject *parent)
    : QObject(parent)
    , m_dbPath(dbPath)
    , m_exportUrl(exportUrl)
{
}

CliAuditTrail::~CliAuditTrail() = default;

QString CliAuditTrail::dbPath() const
{
    return m_dbPath.isEmpty() ? AuditStore::defaultPath() : m_dbPath;
}

bool CliAuditTrail::open(QString *error)
{
    if (m_log)
        return true;
    auto log = std::make_unique<AuditLog>();
    if (!log->open(dbPath(), error))
        return false;
    if (!m_exportUrl.isEmpty()) {
        ExportOutboxOptions options;
        options.dbPath = dbPath();
        options.exportUrl = QUrl(m_exportUrl);
        options.exportToken = qEnvironmentVariable(kExportTokenVariable);
        auto outbox = std::make_unique<ExportOutbox>(options);
        if (!outbox->start(error))
            return false;
        connect(log.get(), &AuditLog::entriesCommitted, outbox.get(), &ExportOutbox::wake);
        m_outbox = std::move(outbox);
    }
    m_log = std::move(log);
    return true;
}

bool CliAuditTrail::record(const AuditEvent &event, QString *error, bool *keptInSpool)
{
    if (!open(error))
        return false;
    if (!m_log->appendAndWait(event, nullptr, error, keptInSpool))
        return false;
    if (m_outbox)
        m_outbox->wake();
    return true;
}

void CliAuditTrail::recordInBackground(const AuditEvent &event, QTextStream &err)
{
    QString error;
    if (!m_log) {
        if (!open(&error)) {
            if (!m_backgroundReported) {
                m_backgroundReported = true;
                err << "cxonectl: events are not being recorded in the audit trail: " << error
                    << ". The monitor goes on; fix --audit-db to keep a record.\n" << Qt::flush;
            }
            return;
        }
        connect(m_log.get(), &AuditLog::failed, this, [this, &err](quint64, const QString &message) {
            if (m_backgroundReported)
                return;
            m_backgroundReported = true;
            err << "cxonectl: events are not being recorded in the audit trail: " << message
                << ". The monitor goes on; fix --audit-db to keep a record.\n" << Qt::flush;
        });
        connect(m_log.get(), &AuditLog::spoolChanged, this,
                [this, &err](qint64 waiting, const QString &problem) { reportSpool(err, waiting, problem); });
        const auto settled = [this](quint64) { m_inFlight = std::max(0, m_inFlight - 1); };
        connect(m_log.get(), &AuditLog::committed, this, settled);
        connect(m_log.get(), &AuditLog::failed, this, settled);
    }
    ++m_inFlight;
    m_log->append(event);
}

void CliAuditTrail::reportSpool(QTextStream &err, qint64 waiting, const QString &problem)
{
    if (!problem.isEmpty()) {
        err << "cxonectl: the shared audit trail does not take entries (" << problem << "); " << waiting
            << " monitor event" << (waiting == 1 ? "" : "s") << " kept in the local spool " << m_log->spoolPath()
            << ", written to the trail in order, with their original times, once it answers.\n" << Qt::flush;
        m_spoolReported = true;
    } else if (m_spoolReported && waiting == 0) {
        err << "cxonectl: the shared audit trail takes entries again; every spooled event is in it.\n" << Qt::flush;
        m_spoolReported = false;
    }
}

QString CliAuditTrail::refusalForAction()
{
    QString error;
    if (!open(&error))
        return QStringLiteral("the audit trail could not be opened (%1)").arg(error);
    if (m_log->checkWritable(&error))
        return QString();
    return error;
}

void CliAuditTrail::exportMetrics(const QJsonArray &metrics)
{
    if (m_exportUrl.isEmpty() || metrics.isEmpty())
        return;
    QString error;
    if (open(&error) && m_outbox)
        m_outbox->enqueueMetrics(metrics);
}

void CliAuditTrail::drainBeforeExit(QTextStream &err, int timeoutMs)
{
    // The last events (monitor_stopped) are committed first, so that the
    // outbox sees them: appended in the background, they may still be queued.
    QDeadlineTimer deadline(timeoutMs);
    while (m_inFlight > 0 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (!m_outbox)
        return;
    if (!m_outbox->waitUntilDrained(timeoutMs)) {
        err << "cxonectl: " << m_outbox->pendingEntries() << " audit entr"
            << (m_outbox->pendingEntries() == 1 ? "y" : "ies") << " and " << m_outbox->pendingMetricRows()
            << " metrics batch(es) not yet exported; they stay queued in " << dbPath()
            << " and go out on the next run with --export-url.";
        if (!m_outbox->lastError().isEmpty())
            err << " Last error: " << m_outbox->lastError();
        err << '\n';
        err.flush();
    }
}

ChannelOperations *channelOperations(CliContext &context)
{
    ApiClient *client = context.client();
    if (!client)
        return nullptr;
    // One per client, its child: made on first use.
    if (auto *operations = client->findChild<ChannelOperations *>())
        return operations;
    CliAuditTrail *trail = context.auditTrail();
    const AuditRecorder recorder = [trail](const AuditEvent &event) {
        AuditRecording recording;
        recording.recorded = trail->record(event, &recording.problem, &recording.keptInSpool);
        return recording;
    };
    const QString tenant = context.options().credentials.baseUrl.isEmpty() ? qEnvironmentVariable("CXONE_BASE_URL")
                                                                            : context.options().credentials.baseUrl;
    return new ChannelOperations(client, nullptr, recorder, tenant, client);
}

bool reportRecording(CliContext &context, const QString &eventType, const QString &channelId,
                     const AuditRecording &recording)
{
    if (recording.recorded)
        return true;
    if (recording.keptInSpool) {
        // Checked before the change was sent, lost since: nothing is lost, it is late.
        context.err() << "cxonectl: the tenant accepted the change (" << eventType << (channelId.isEmpty() ? "" : " ")
                      << channelId << "), and its audit entry is stored, but not yet in the shared trail: "
                      << recording.problem << ".\n";
    } else {
        context.err() << "cxonectl: the tenant accepted the change (" << eventType << (channelId.isEmpty() ? "" : " ")
                      << channelId << ") but it could not be recorded in the audit trail: " << recording.problem
                      << ". Record it by hand and fix the store (--audit-db).\n";
    }
    context.finish(ExitCode::Failure);
    return false;
}

} // namespace cc::cli
