#pragma once
// Writes audit entries as CSV an auditor can open safely: a header row, CRLF
// line ends, each cell RFC 4180-quoted and CSV-injection neutralised
// (common/csv_cell.h), UTF-8 with an optional byte-order mark for spreadsheets.
//
// Columns, fixed and in this order (docs/audit-csv.md):
//   sequence, id, timestamp (ISO 8601 UTC with ms and Z), event_type, channel_id,
//   source (manual|automatic|system), actor, tenant, details (compact JSON),
//   compliance_tag, prev_hash, hash
//
// Streams from a forward-only query: memory stays constant whatever the number
// of entries. Blocking: run it on a worker thread (AuditJob) or in cxonectl.

#include "audit/audit_filter.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace cc {

class AuditStore;
struct AuditEntry;

struct AuditCsvOptions
{
    bool byteOrderMark = false;
};

struct AuditCsvResult
{
    bool ok = false;
    bool cancelled = false;
    qint64 rows = 0;       // data rows written (the header not counted)
    QString error;
};

class AuditCsvWriter final
{
public:
    // Called every few thousand rows and at the end; return false to cancel.
    using Progress = std::function<bool(qint64 written, qint64 total)>;

    static const QStringList &columns();

    // One row with its CRLF.
    static QByteArray encodeRow(const AuditEntry &entry);
    static QByteArray headerRow();

    // Streams the matching entries to `out` (already open for writing).
    static AuditCsvResult write(const AuditStore &store, QIODevice *out, const AuditFilter &filter,
                                const AuditCsvOptions &options, const Progress &progress = {});
    // Same into `path`, atomically: a failed or cancelled export leaves no partial file.
    static AuditCsvResult writeFile(const AuditStore &store, const QString &path, const AuditFilter &filter,
                                    const AuditCsvOptions &options, const Progress &progress = {});
};

} // namespace cc
