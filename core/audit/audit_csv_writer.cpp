#include "audit/audit_csv_writer.h"

#include "audit/audit_entry.h"
#include "audit/audit_store.h"
#include "common/csv_cell.h"

#include <QDateTime>
#include <QDir>
#include <QIODevice>
#include <QSaveFile>

namespace cc {

namespace {

constexpr qint64 kProgressEvery = 4096;
constexpr qsizetype kFlushBytes = 256 * 1024;

bool writeAll(QIODevice *out, const QByteArray &bytes)
{
    return out->write(bytes) == bytes.size();
}

void appendRawRow(QByteArray *out, const AuditRawRow &row)
{
    CsvCell::append(out, QByteArray::number(row.sequence));
    out->append(',');
    CsvCell::append(out, row.id);
    out->append(',');
    CsvCell::append(out, CsvCell::timestamp(row.timestampMs));
    for (const QByteArray *cell : {&row.eventType, &row.channelId, &row.source, &row.actor, &row.tenant, &row.details,
                                   &row.complianceTag, &row.prevHash, &row.hash}) {
        out->append(',');
        CsvCell::append(out, *cell);
    }
    out->append("\r\n");
}

} // namespace

const QStringList &AuditCsvWriter::columns()
{
    static const QStringList names = {
        QStringLiteral("sequence"),  QStringLiteral("id"),          QStringLiteral("timestamp"),
        QStringLiteral("event_type"), QStringLiteral("channel_id"), QStringLiteral("source"),
        QStringLiteral("actor"),     QStringLiteral("tenant"),      QStringLiteral("details"),
        QStringLiteral("compliance_tag"), QStringLiteral("prev_hash"), QStringLiteral("hash"),
    };
    return names;
}

QByteArray AuditCsvWriter::headerRow()
{
    QByteArray row;
    for (const QString &name : columns()) {
        if (!row.isEmpty())
            row.append(',');
        row.append(CsvCell::encode(name));
    }
    row.append("\r\n");
    return row;
}

QByteArray AuditCsvWriter::encodeRow(const AuditEntry &entry)
{
    QByteArray row;
    row.reserve(256 + entry.detailsJson.size());
    const QString cells[] = {
        QString::number(entry.sequence), entry.id,      entry.timestampIso(), entry.eventType,
        entry.channelId,                 eventSourceName(entry.source),       entry.actor,
        entry.tenant,                    entry.detailsJson,                   entry.complianceTag,
        entry.prevHash,                  entry.hash,
    };
    bool first = true;
    for (const QString &cell : cells) {
        if (!first)
            row.append(',');
        first = false;
        row.append(CsvCell::encode(cell));
    }
    row.append("\r\n");
    return row;
}

AuditCsvResult AuditCsvWriter::write(const AuditStore &store, QIODevice *out, const AuditFilter &filter,
                                     const AuditCsvOptions &options, const Progress &progress)
{
    AuditCsvResult result;
    QString error;
    qint64 total = 0;
    if (progress) {
        total = store.count(filter, &error);
        if (total < 0) {
            result.error = error;
            return result;
        }
    }
    QByteArray buffer;
    buffer.reserve(kFlushBytes + 4096);
    if (options.byteOrderMark)
        buffer.append("\xEF\xBB\xBF");
    buffer.append(headerRow());

    bool writeFailed = false;
    const bool read = store.forEachRaw(filter, [&](const AuditRawRow &row) {
        appendRawRow(&buffer, row);
        ++result.rows;
        if (buffer.size() >= kFlushBytes) {
            if (!writeAll(out, buffer)) {
                writeFailed = true;
                return false;
            }
            buffer.clear();
        }
        if (progress && result.rows % kProgressEvery == 0 && !progress(result.rows, total)) {
            result.cancelled = true;
            return false;
        }
        return true;
    }, &error);

    if (!read) {
        result.error = QStringLiteral("could not read the audit store: ") + error;
        return result;
    }
    if (writeFailed || !writeAll(out, buffer)) {
        result.error = QStringLiteral("could not write the CSV: ") + out->errorString();
        return result;
    }
    if (result.cancelled) {
        result.error = QStringLiteral("export cancelled after %1 entries").arg(result.rows);
        return result;
    }
    if (progress)
        progress(result.rows, total);
    result.ok = true;
    return result;
}

AuditCsvResult AuditCsvWriter::writeFile(const AuditStore &store, const QString &path, const AuditFilter &filter,
                                         const AuditCsvOptions &options, const Progress &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        AuditCsvResult result;
        result.error = QStringLiteral("cannot write %1: %2; choose another file or folder")
                           .arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    AuditCsvResult result = write(store, &file, filter, options, progress);
    if (!result.ok) {
        file.cancelWriting();
        return result;
    }
    if (!file.commit()) {
        result.ok = false;
        result.error = QStringLiteral("cannot write %1: %2; check the free space and permissions")
                           .arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return result;
}

} // namespace cc
