#pragma once
// cxonectl's audit trail: the store named by --audit-db (else the default file)
// and, with --export-url and CXONE_EXPORT_TOKEN, the export outbox. A
// state-changing command is let through only when the trail can take its entry
// (refusalForAction(), asked by the client right before it sends the change),
// and records its entry with record() before it reports success; before the
// program exits, main() gives the outbox a few seconds to drain and leaves the
// rest, safely queued in the store, for the next run. With the shared store
// (postgresql://) every entry passes through the local spool (AuditLog).

#include "audit/audit_entry.h"
#include "operations/action_record.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTextStream>

#include <memory>

namespace cc {
class AuditLog;
class ChannelOperations;
class ExportOutbox;
}

namespace cc::cli {

class CliContext;
struct GlobalOptions;

// The operations every state-changing command goes through (core/operations,
// as the console's): the context's client, this run's audit trail as their
// recorder, the tenant named by the base URL. Null without a client (the
// context has then finished with Usage).
ChannelOperations *channelOperations(CliContext &context);
// For a state-changing command, after the tenant accepted the change and before
// it is reported: what became of its entry. False after saying on stderr that
// the change was made but not (yet) recorded, and finishing with Failure; the
// caller then just returns.
bool reportRecording(CliContext &context, const QString &eventType, const QString &channelId,
                     const AuditRecording &recording);

class CliAuditTrail final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliAuditTrail)

public:
    // The environment variable holding the export endpoint's bearer token.
    static constexpr char kExportTokenVariable[] = "CXONE_EXPORT_TOKEN";
    static constexpr int kDrainTimeoutMs = 5000;

    CliAuditTrail(const QString &dbPath, const QString &exportUrl, QObject *parent = nullptr);
    ~CliAuditTrail() override;

    // The store's path (the default file when --audit-db is not given).
    QString dbPath() const;

    // Opens the store, and starts the outbox when an export URL is set; once.
    bool open(QString *error);
    // Commits one entry (blocking: a CLI) and nudges the outbox. The entry's
    // source is manual and its actor this OS user unless the event says otherwise.
    // With the shared store, a false may leave the entry in the local spool
    // (keptInSpool): it reaches the trail later, and error says so.
    bool record(const AuditEvent &event, QString *error, bool *keptInSpool = nullptr);
    // The monitor's events: queued, never blocking; a store that fails is said
    // on `err` once (a file), or the spool's state on each change (the shared store).
    void recordInBackground(const AuditEvent &event, QTextStream &err);
    // Asks the store now whether a person's action's entry can be stored
    // (blocking, bounded by the database's deadlines): empty when it can,
    // otherwise why not. The client's writeGuard for every change cxonectl sends.
    QString refusalForAction();
    // Queues a monitor cycle's quality metrics for the bulk export; nothing
    // without --export-url. Errors only reach the outbox's last error.
    void exportMetrics(const QJsonArray &metrics);
    // Waits up to timeoutMs for the outbox to deliver what is pending, and says
    // on `err` what is left for the next run. Nothing when there is no outbox.
    void drainBeforeExit(QTextStream &err, int timeoutMs = kDrainTimeoutMs);

private:
    void reportSpool(QTextStream &err, qint64 waiting, const QString &problem);

    QString m_dbPath;
    bool m_backgroundReported = false;
    int m_inFlight = 0;   // entries appended in the background, not yet committed or failed
    bool m_spoolReported = false;
    QString m_exportUrl;
    std::unique_ptr<AuditLog> m_log;
    std::unique_ptr<ExportOutbox> m_outbox;
};

} // namespace cc::cli
