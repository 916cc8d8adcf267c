#include "audit/audit_csv_writer.h"

#include "audit/audit_entry.h"
#include "audit/audit_store.h"

#include <QDateTime>
#include <QDir>
#include <QIODevice>
#include <QSaveFile>

#include <cstdio>

namespace cc {

namespace {

constexpr qint64 kProgressEvery = 4096;
constexpr qsizetype kFlushBytes = 256 * 1024;

bool writeAll(QIODevice *out, const QByteArray &bytes)
{
    return out->write(bytes) == bytes.size();
}

bool startsDangerously(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return false;
    const char first = utf8.front();
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
}

// Appends one already-UTF-8 cell, neutralised and quoted as encodeCell() does.
void appendCell(QByteArray *row, const QByteArray &utf8)
{
    bool needsQuotes = false;
    for (const char c : utf8) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            needsQuotes = true;
            break;
        }
    }
    if (needsQuotes)
        row->append('"');
    if (startsDangerously(utf8))
        row->append('\'');
    if (!needsQuotes) {
        row->append(utf8);
        return;
    }
    for (const char c : utf8) {
        if (c == '"')
            row->append('"');
        row->append(c);
    }
    row->append('"');
}

// ISO 8601 UTC with milliseconds and Z, as AuditEntry::timestampIso() writes it,
// without a QDateTime per row (days to civil date: H. Hinnant's algorithm).
QByteArray isoUtcMs(qint64 ms)
{
    constexpr qint64 kMsPerDay = 86400000;
    if (ms < 0 || ms >= 253402300800000LL)   // outside 1970..9999: the slow, general way
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
    const qint64 days = ms / kMsPerDay;
    const qint64 msOfDay = ms % kMsPerDay;
    const qint64 z = days + 719468;
    const qint64 era = z / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day),
                  static_cast<long long>(msOfDay / 3600000), static_cast<long long>(msOfDay / 60000 % 60),
                  static_cast<long long>(msOfDay / 1000 % 60), static_cast<long long>(msOfDay % 1000));
    return QByteArray(text);
}

void appendRawRow(QByteArray *out, const AuditRawRow &row)
{
    appendCell(out, QByteArray::number(row.sequence));
    out->append(',');
    appendCell(out, row.id);
    out->append(',');
    appendCell(out, isoUtcMs(row.timestampMs));
    for (const QByteArray *cell : {&row.eventType, &row.channelId, &row.source, &row.actor, &row.tenant, &row.details,
                                   &row.complianceTag, &row.prevHash, &row.hash}) {
        out->append(',');
        appendCell(out, *cell);
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

QString AuditCsvWriter::neutralise(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar first = cell.front();
    if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r')
        return u'\'' + cell;
    return cell;
}

QByteArray AuditCsvWriter::timestampCell(qint64 timestampMs)
{
    return isoUtcMs(timestampMs);
}

QByteArray AuditCsvWriter::encodeCell(const QString &cell)
{
    const QByteArray bytes = neutralise(cell).toUtf8();
    bool needsQuotes = false;
    for (const char c : bytes) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return bytes;
    QByteArray quoted;
    quoted.reserve(bytes.size() + 8);
    quoted.append('"');
    for (const char c : bytes) {
        if (c == '"')
            quoted.append('"');
        quoted.append(c);
    }
    quoted.append('"');
    return quoted;
}

QByteArray AuditCsvWriter::headerRow()
{
    QByteArray row;
    for (const QString &name : columns()) {
        if (!row.isEmpty())
            row.append(',');
        row.append(encodeCell(name));
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
        row.append(encodeCell(cell));
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
