#pragma once
// How a person's action reaches the audit trail, the same from the window and
// from cxonectl: one entry, source manual, named from the event vocabulary,
// with the tenant, the channel and details redacted once (redact_secrets).
// Where the entry goes is the front end's: the console queues it on its
// AuditLog, cxonectl commits it and waits.

#include "audit/audit_entry.h"
#include "audit/audit_filter.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace cc {

class AuditLog;

// What became of one entry.
struct AuditRecording
{
    bool recorded = true;        // false: not stored (problem says why)
    bool keptInSpool = false;    // not yet in the shared trail, but safe in the local spool
    QString problem;
};

// Stores one entry; handed in by the front end.
using AuditRecorder = std::function<AuditRecording(const AuditEvent &)>;

// A change the tenant accepted, and what became of its audit entry.
template <typename T>
struct Recorded
{
    T value;
    AuditRecording audit;
};

// The console's recorder: queues each entry on `log` (never blocking); not
// recorded when the log is gone or not open.
AuditRecorder queuedRecorder(AuditLog *log);

// The one shape of a person's action's entry: `details` redacted here.
AuditEvent manualActionEvent(const QString &eventType, const QString &tenant, const QString &channelId,
                             const QJsonObject &details);

// The details of audit_exported, whichever front end wrote the CSV: the file
// (absolute, native separators), the rows and the filter that chose them.
QJsonObject auditExportDetails(const QString &file, qint64 rows, const AuditFilter &filter);

} // namespace cc
