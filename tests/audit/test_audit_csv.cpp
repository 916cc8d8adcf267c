#include "audit_test_util.h"

#include "audit/audit_csv_writer.h"
#include "audit/audit_job.h"
#include "audit/audit_store.h"
#include "common/csv_cell.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>

using namespace cc;
using namespace cc::test;

namespace {

// A strict RFC 4180 reader: records end with CRLF (the last one too), a field is
// either unquoted (no quote, comma, CR or LF) or quoted with quotes doubled, a
// closing quote is followed by a comma or CRLF, and every record has the
// header's number of fields. Anything else is an error, never a guess.
std::optional<QList<QStringList>> parseCsvStrict(QByteArray bytes, QString *error)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QList<QStringList> records;
    QStringList record;
    QByteArray field;
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    const auto fail = [&](const char *what) {
        *error = QStringLiteral("%1 at byte %2").arg(QLatin1String(what)).arg(i);
        return std::nullopt;
    };
    if (n == 0)
        return fail("empty file");
    while (i < n) {
        field.clear();
        if (bytes.at(i) == '"') {
            ++i;
            for (;;) {
                if (i >= n)
                    return fail("unterminated quoted field");
                const char c = bytes.at(i);
                if (c == '"') {
                    if (i + 1 < n && bytes.at(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.append(c);
                ++i;
            }
        } else {
            while (i < n && bytes.at(i) != ',' && bytes.at(i) != '\r') {
                const char c = bytes.at(i);
                if (c == '"' || c == '\n')
                    return fail("quote or bare LF in an unquoted field");
                field.append(c);
                ++i;
            }
        }
        const QString text = QString::fromUtf8(field);
        if (text.toUtf8() != field)
            return fail("invalid UTF-8");
        record.append(text);
        if (i >= n)
            return fail("last record does not end with CRLF");
        if (bytes.at(i) == ',') {
            ++i;
            if (i >= n)
                return fail("file ends after a comma");
            continue;
        }
        if (bytes.at(i) == '\r' && i + 1 < n && bytes.at(i + 1) == '\n') {
            i += 2;
            if (!records.isEmpty() && record.size() != records.first().size())
                return fail("record with a different number of fields");
            records.append(record);
            record.clear();
            continue;
        }
        return fail("garbage after a field");
    }
    return records;
}

bool startsDangerously(const QString &cell)
{
    return !cell.isEmpty()
        && (cell.front() == u'=' || cell.front() == u'+' || cell.front() == u'-' || cell.front() == u'@'
            || cell.front() == u'\t' || cell.front() == u'\r');
}

const QStringList kNastyChannels = {
    QStringLiteral("ch_plain"),
    QStringLiteral("ch,with,commas"),
    QStringLiteral("ch \"quoted\" id"),
    QStringLiteral("line\nbreak"),
    QStringLiteral("cr\r\nlf"),
    QStringLiteral("Zürich-東京-Ωmega"),
    QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")"),
    QStringLiteral("+1+1"),
    QStringLiteral("-2+3"),
    QStringLiteral("@SUM(A1)"),
    QStringLiteral("\tcmd"),
    QStringLiteral("\r=cmd"),
    QStringLiteral(""),
};

// Each test has an audit store file of its own (the encoding-only ones leave it unused).
using AuditCsv = StoreFileTest;
using AuditBackgroundJob = StoreFileTest;

} // namespace

TEST(AuditCsvStrictParser, RejectsWhatRfc4180Forbids)
{
    QString error;
    EXPECT_FALSE(parseCsvStrict("a,b\r\n1,2", &error));        // no final CRLF
    EXPECT_FALSE(parseCsvStrict("a,b\n1,2\n", &error));        // bare LF
    EXPECT_FALSE(parseCsvStrict("a,b\r\n1\r\n", &error));      // field count
    EXPECT_FALSE(parseCsvStrict("a,b\r\n\"1\"x,2\r\n", &error)); // garbage after quote
    EXPECT_FALSE(parseCsvStrict("a,b\r\n1\"2,3\r\n", &error));  // quote inside unquoted
    const auto ok = parseCsvStrict("a,b\r\n\"x,\"\"y\"\"\r\nz\",\r\n", &error);
    ASSERT_TRUE(ok) << error.toStdString();
    EXPECT_EQ(ok->at(1), (QStringList{QStringLiteral("x,\"y\"\r\nz"), QString()}));
}

TEST_F(AuditCsv, NeutralisesEveryInjectionPrefixAndNothingElse)
{
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("=1+1")), QStringLiteral("'=1+1"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("+1")), QStringLiteral("'+1"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("-1")), QStringLiteral("'-1"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("@x")), QStringLiteral("'@x"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("\tx")), QStringLiteral("'\tx"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("\rx")), QStringLiteral("'\rx"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("a=1")), QStringLiteral("a=1"));
    EXPECT_EQ(CsvCell::neutralise(QStringLiteral("'quoted")), QStringLiteral("'quoted"));
    EXPECT_EQ(CsvCell::neutralise(QString()), QString());
    EXPECT_EQ(CsvCell::encode(QStringLiteral("=a,b")), QByteArray("\"'=a,b\""));
}

TEST_F(AuditCsv, FastTimestampsMatchQDateTimeIncludingLeapDaysAndCenturies)
{
    const QList<QDateTime> times = {
        QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(2000, 2, 29), QTime(23, 59, 59, 999), Qt::UTC),
        QDateTime(QDate(2024, 2, 29), QTime(12, 0, 0, 7), Qt::UTC),
        QDateTime(QDate(2024, 3, 1), QTime(0, 0, 0, 1), Qt::UTC),
        QDateTime(QDate(2026, 11, 23), QTime(10, 15), Qt::UTC),
        QDateTime(QDate(2100, 3, 1), QTime(1, 2, 3, 45), Qt::UTC),
        QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
        QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
    };
    for (const QDateTime &time : times) {
        AuditEntry entry;
        entry.timestampMs = time.toMSecsSinceEpoch();
        EXPECT_EQ(QString::fromLatin1(CsvCell::timestamp(entry.timestampMs)), entry.timestampIso());
    }
    // And a day's worth of milliseconds-spread samples across years.
    for (qint64 ms = 0; ms < 4102444800000LL; ms += 86400000LL * 37 + 12345678) {
        AuditEntry entry;
        entry.timestampMs = ms;
        ASSERT_EQ(QString::fromLatin1(CsvCell::timestamp(ms)), entry.timestampIso()) << ms;
    }
}

TEST_F(AuditCsv, StreamedRowsAreTheRowsEncodeRowWrites)
{
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    QList<AuditEntry> entries;
    for (const QString &channel : kNastyChannels)
        entries.append(makeEntry(static_cast<int>(entries.size()), channel));
    ASSERT_TRUE(store.appendBatch(&entries, &error));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(AuditCsvWriter::write(store, &buffer, AuditFilter(), AuditCsvOptions()).ok);
    QByteArray expected = AuditCsvWriter::headerRow();
    for (const AuditEntry &entry : std::as_const(entries))
        expected += AuditCsvWriter::encodeRow(entry);
    EXPECT_EQ(buffer.data(), expected);
}

TEST_F(AuditCsv, RoundTripsThroughAStrictParserWithHostileText)
{
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    QList<AuditEntry> entries;
    for (const QString &channel : kNastyChannels) {
        AuditEntry entry = makeEntry(static_cast<int>(entries.size()), channel);
        entry.eventType = channel.isEmpty() ? QStringLiteral("-negative") : QStringLiteral("edit, \"quoted\"");
        entry.tenant = QStringLiteral("Ünïcødé tenant\nline 2");
        entry.actor = QStringLiteral("@admin");
        entry.detailsJson = canonicalDetailsJson(QJsonObject{{QStringLiteral("text"), channel},
                                                              {QStringLiteral("formula"), QStringLiteral("=1+2")}});
        entries.append(entry);
    }
    ASSERT_TRUE(store.appendBatch(&entries, &error)) << error.toStdString();

    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    const AuditCsvResult result = AuditCsvWriter::writeFile(store, csvPath, AuditFilter(), AuditCsvOptions());
    ASSERT_TRUE(result.ok) << result.error.toStdString();
    EXPECT_EQ(result.rows, entries.size());

    QFile file(csvPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_FALSE(bytes.startsWith("\xEF\xBB\xBF"));
    const auto records = parseCsvStrict(bytes, &error);
    ASSERT_TRUE(records) << error.toStdString();
    ASSERT_EQ(records->size(), entries.size() + 1);
    EXPECT_EQ(records->first(), AuditCsvWriter::columns());
    EXPECT_EQ(records->first(),
              (QStringList{QStringLiteral("sequence"), QStringLiteral("id"), QStringLiteral("timestamp"),
                           QStringLiteral("event_type"), QStringLiteral("channel_id"), QStringLiteral("source"),
                           QStringLiteral("actor"), QStringLiteral("tenant"), QStringLiteral("details"),
                           QStringLiteral("compliance_tag"), QStringLiteral("prev_hash"), QStringLiteral("hash")}));

    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QStringList &row = records->at(i + 1);
        const AuditEntry &entry = entries.at(i);
        for (const QString &cell : row)
            EXPECT_FALSE(startsDangerously(cell)) << cell.toStdString();
        EXPECT_EQ(row.at(0), QString::number(entry.sequence));
        EXPECT_EQ(row.at(1), entry.id);
        EXPECT_EQ(row.at(2), entry.timestampIso());
        EXPECT_EQ(row.at(3), CsvCell::neutralise(entry.eventType));
        EXPECT_EQ(row.at(4), CsvCell::neutralise(entry.channelId));
        if (!startsDangerously(entry.channelId)) {
            EXPECT_EQ(row.at(4), entry.channelId);   // untouched when harmless
        } else {
            EXPECT_EQ(row.at(4), u'\'' + entry.channelId);
        }
        EXPECT_EQ(row.at(5), eventSourceName(entry.source));
        EXPECT_EQ(row.at(6), QStringLiteral("'@admin"));
        EXPECT_EQ(row.at(7), entry.tenant);
        EXPECT_EQ(row.at(8), entry.detailsJson);
        EXPECT_EQ(row.at(9), QStringLiteral("telephony_channel_audit"));
        EXPECT_EQ(row.at(10), entry.prevHash);
        EXPECT_EQ(row.at(11), entry.hash);
    }
}

TEST_F(AuditCsv, WritesAByteOrderMarkOnRequestAndAppliesTheFilter)
{
    appendEntries(path, 6, QStringLiteral("ch_a"));
    appendEntries(path, 4, QStringLiteral("ch_b"));
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    AuditFilter filter;
    filter.channelId = QStringLiteral("ch_b");
    AuditCsvOptions options;
    options.byteOrderMark = true;
    const AuditCsvResult result = AuditCsvWriter::write(store, &buffer, filter, options);
    ASSERT_TRUE(result.ok) << result.error.toStdString();
    EXPECT_EQ(result.rows, 4);
    EXPECT_TRUE(buffer.data().startsWith("\xEF\xBB\xBF"));
    const auto records = parseCsvStrict(buffer.data(), &error);
    ASSERT_TRUE(records) << error.toStdString();
    ASSERT_EQ(records->size(), 5);
    EXPECT_EQ(records->at(1).at(0), QStringLiteral("7"));
    for (qsizetype i = 1; i < records->size(); ++i)
        EXPECT_EQ(records->at(i).at(4), QStringLiteral("ch_b"));
}

TEST_F(AuditCsv, ACancelledExportLeavesNoFile)
{
    appendEntries(path, 9000);
    QString error;
    ASSERT_TRUE(open(&error)) << error.toStdString();
    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    qint64 lastTotal = 0;
    const AuditCsvResult result = AuditCsvWriter::writeFile(store, csvPath, AuditFilter(), AuditCsvOptions(),
                                                            [&](qint64, qint64 total) {
                                                                lastTotal = total;
                                                                return false;
                                                            });
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(lastTotal, 9000);
    EXPECT_LT(result.rows, 9000);
    EXPECT_FALSE(QFile::exists(csvPath));
}

TEST_F(AuditBackgroundJob, ExportsAndVerifiesOffTheCallingThreadWithProgress)
{
    appendEntries(path, 10000);

    AuditJob job;
    QSignalSpy progress(&job, &AuditJob::progress);
    QSignalSpy exported(&job, &AuditJob::exported);
    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    AuditFilter filter;
    filter.eventType = QString(events::kFailoverDone);   // odd entries
    ASSERT_TRUE(job.startCsvExport(path, csvPath, filter));
    ASSERT_TRUE(exported.wait(60000));
    const AuditCsvResult result = exported.first().at(0).value<AuditCsvResult>();
    EXPECT_TRUE(result.ok) << result.error.toStdString();
    EXPECT_EQ(result.rows, 5000);
    ASSERT_FALSE(progress.isEmpty());
    EXPECT_EQ(progress.last().at(0).toLongLong(), 5000);
    EXPECT_EQ(progress.last().at(1).toLongLong(), 5000);
    QFile csv(csvPath);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    QString error;
    const auto records = parseCsvStrict(csv.readAll(), &error);
    ASSERT_TRUE(records) << error.toStdString();
    EXPECT_EQ(records->size(), 5001);

    QSignalSpy finished(&job, &AuditJob::finished);
    if (job.isRunning()) {
        ASSERT_TRUE(finished.wait(10000));
    }
    QSignalSpy verified(&job, &AuditJob::verified);
    ASSERT_TRUE(job.startVerify(path));
    ASSERT_TRUE(verified.wait(60000));
    const AuditVerifyResult verifyResult = verified.first().at(0).value<AuditVerifyResult>();
    EXPECT_TRUE(verifyResult.intact()) << verifyResult.message.toStdString();
    EXPECT_EQ(verifyResult.checked, 10000);

    QSignalSpy tail(&job, &AuditJob::tailRead);
    if (job.isRunning()) {
        ASSERT_TRUE(QTest::qWaitFor([&] { return !job.isRunning(); }, 10000));
    }
    ASSERT_TRUE(job.startTail(path, 3));
    ASSERT_TRUE(tail.wait(10000));
    const auto entries = tail.first().at(0).value<QList<AuditEntry>>();
    ASSERT_EQ(entries.size(), 3);
    EXPECT_EQ(entries.last().sequence, 10000);
}

TEST_F(AuditBackgroundJob, CancelStopsAnExportAndReportsIt)
{
    appendEntries(path, 20000);
    AuditJob job;
    QSignalSpy exported(&job, &AuditJob::exported);
    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    ASSERT_TRUE(job.startCsvExport(path, csvPath, AuditFilter()));
    // The job first checks the flag after a few thousand rows: long after this.
    job.cancel();
    ASSERT_TRUE(exported.wait(60000));
    const AuditCsvResult result = exported.first().at(0).value<AuditCsvResult>();
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.cancelled);
    EXPECT_FALSE(QFile::exists(csvPath));
}
