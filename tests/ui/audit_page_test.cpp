// The Audit page on a real store in a temporary folder: lazy paging, filters,
// a CSV export that parses, and verification that names the tampered entry.

#include "audit_page.h"
#include "audit_table_model.h"

#include "widget_test_support.h"

#include "audit/audit_csv_writer.h"
#include "audit/audit_log.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace cc;
using namespace cc::ui;
using namespace cc::ui::test;

namespace {

// RFC 4180 fields of a whole file: quoted fields may hold commas, quotes and line breaks.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

class AuditPageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath(QStringLiteral("audit.sqlite"));
        QString error;
        ASSERT_TRUE(log.open(path, &error)) << error.toStdString();
    }

    void append(int count)
    {
        for (int i = 0; i < count; ++i) {
            AuditEvent event;
            event.eventType = i % 3 == 0 ? QStringLiteral("failover") : QStringLiteral("channel_edited");
            event.channelId = i % 2 == 0 ? QStringLiteral("ch_even") : QStringLiteral("ch_odd");
            event.source = EventSource::Manual;
            event.tenant = QStringLiteral("test");
            event.details = QJsonObject{{QStringLiteral("n"), i}, {QStringLiteral("note"), QStringLiteral("a, \"quoted\" note")}};
            log.append(event);
        }
        AuditEvent last;
        last.eventType = QStringLiteral("marker");
        ASSERT_TRUE(log.appendAndWait(last));
    }

    QTemporaryDir dir;
    QString path;
    AuditLog log;
};

} // namespace

TEST_F(AuditPageTest, FetchesPagesLazilyNewestFirstAndFilters)
{
    append(449);   // 450 entries with the marker
    AuditPage page;
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.resize(1000, 600);
    page.show();
    page.setAuditLog(&log, QStringLiteral("test"));
    AuditTableModel *model = page.model();
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() >= AuditTableModel::kPageSize; }));
    EXPECT_EQ(model->data(model->index(0, int(AuditTableModel::Column::Event))).toString(), QStringLiteral("marker"));
    EXPECT_EQ(model->entryAt(0)->sequence, 450) << "newest first";
    // Only what the view needs has been read; the rest comes on scrolling.
    EXPECT_LT(model->rowCount(), 450);
    while (model->canFetchMore({})) {
        model->fetchMore({});
        ASSERT_TRUE(waitUntil([&] { return !model->isFetching(); }));
    }
    ASSERT_TRUE(waitUntil([&] { return model->isExhausted(); }));
    EXPECT_EQ(model->rowCount(), 450);
    EXPECT_EQ(model->entryAt(449)->sequence, 1);
    EXPECT_TRUE(AuditTableModel::readableDetails(*model->entryAt(449)).contains(QStringLiteral("n: 0")));

    // Filter by channel and event type.
    page.findChild<QLineEdit *>(QStringLiteral("auditChannel"))->setText(QStringLiteral("ch_even"));
    page.findChild<QComboBox *>(QStringLiteral("auditEventType"))->setCurrentText(QStringLiteral("failover"));
    page.applyFilter();
    ASSERT_TRUE(waitUntil([&] { return model->isExhausted() && !model->isFetching(); }));
    // i % 6 == 0 for i in 0..448: 75 entries.
    EXPECT_EQ(model->rowCount(), 75);
    for (int row = 0; row < model->rowCount(); ++row) {
        ASSERT_EQ(model->entryAt(row)->channelId, QStringLiteral("ch_even"));
        ASSERT_EQ(model->entryAt(row)->eventType, QStringLiteral("failover"));
    }

    // An entry committed later appears on top without a reload.
    AuditEvent late;
    late.eventType = QStringLiteral("failover");
    late.channelId = QStringLiteral("ch_even");
    ASSERT_TRUE(log.appendAndWait(late));
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() == 76; }));
    EXPECT_EQ(model->entryAt(0)->sequence, 451);
}

TEST_F(AuditPageTest, TimeFilterKeepsFromInclusiveAndToExclusive)
{
    const QDateTime base(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
    for (int hour = 0; hour < 4; ++hour) {
        AuditEvent event;
        event.eventType = QStringLiteral("channel_edited");
        event.channelId = QStringLiteral("ch_%1").arg(10 + hour);
        event.timestampMs = base.addSecs(hour * 3600).toMSecsSinceEpoch();
        ASSERT_TRUE(log.appendAndWait(event));
    }
    AuditPage page;
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.setAuditLog(&log, QStringLiteral("test"));
    AuditTableModel *model = page.model();
    ASSERT_TRUE(waitUntil([&] { return model->isExhausted() && !model->isFetching(); }));
    ASSERT_EQ(model->rowCount(), 4);

    // 11:00 to 13:00: the 11:00 and 12:00 entries, not the one at 13:00.
    page.findChild<QCheckBox *>(QStringLiteral("auditFromEnabled"))->setChecked(true);
    page.findChild<QCheckBox *>(QStringLiteral("auditToEnabled"))->setChecked(true);
    page.findChild<QDateTimeEdit *>(QStringLiteral("auditFrom"))->setDateTime(base.addSecs(3600));
    page.findChild<QDateTimeEdit *>(QStringLiteral("auditTo"))->setDateTime(base.addSecs(3 * 3600));
    page.applyFilter();
    ASSERT_TRUE(waitUntil([&] { return model->isExhausted() && !model->isFetching() && model->rowCount() == 2; }))
        << "rows: " << model->rowCount();
    EXPECT_EQ(model->entryAt(0)->channelId, QStringLiteral("ch_12")) << "newest first";
    EXPECT_EQ(model->entryAt(1)->channelId, QStringLiteral("ch_11"));

    // Unticking "to" keeps every entry from 11:00 on.
    page.findChild<QCheckBox *>(QStringLiteral("auditToEnabled"))->setChecked(false);
    page.applyFilter();
    ASSERT_TRUE(waitUntil([&] { return model->isExhausted() && !model->isFetching() && model->rowCount() == 3; }))
        << "rows: " << model->rowCount();
}

TEST_F(AuditPageTest, ExportsACsvThatParses)
{
    append(30);
    AuditPage page;
    page.setAuditLog(&log, QStringLiteral("test"));
    QSignalSpy done(&page, &AuditPage::exportFinished);
    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    page.findChild<QLineEdit *>(QStringLiteral("auditChannel"))->setText(QStringLiteral("ch_odd"));
    ASSERT_TRUE(page.exportCsv(csvPath));
    ASSERT_TRUE(done.wait(20000));
    const auto result = done.at(0).at(0).value<AuditCsvResult>();
    ASSERT_TRUE(result.ok) << result.error.toStdString();
    EXPECT_EQ(result.rows, 15) << "the page's filter applies to the export";

    QFile file(csvPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(file.readAll());
    ASSERT_EQ(rows.size(), 16);
    EXPECT_EQ(rows.at(0), AuditCsvWriter::columns());
    for (qsizetype i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows.at(i).size(), AuditCsvWriter::columns().size());
        EXPECT_EQ(rows.at(i).at(4), QStringLiteral("ch_odd"));
        EXPECT_TRUE(rows.at(i).at(8).contains(QStringLiteral("a, \\\"quoted\\\" note"))) << "details survive the quoting";
    }
    EXPECT_TRUE(page.resultText().contains(QStringLiteral("Exported 15")));
}

TEST_F(AuditPageTest, VerifiesAnIntactStoreAndNamesTheTamperedEntry)
{
    append(40);
    AuditPage page;
    page.setAuditLog(&log, QStringLiteral("test"));
    QSignalSpy verified(&page, &AuditPage::verifyFinished);
    ASSERT_TRUE(page.verifyIntegrity());
    ASSERT_TRUE(verified.wait(20000));
    EXPECT_TRUE(verified.at(0).at(0).value<AuditVerifyResult>().intact());
    EXPECT_TRUE(page.resultText().startsWith(QStringLiteral("Intact")));

    // Someone edits entry 7 behind the trail's back (the triggers dropped first).
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(QStringLiteral("DROP TRIGGER audit_entries_no_update")));
        ASSERT_TRUE(query.exec(QStringLiteral("UPDATE audit_entries SET details = '{\"n\":999}' WHERE seq = 7")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));

    auto *verify = page.findChild<QPushButton *>(QStringLiteral("verifyButton"));
    ASSERT_TRUE(waitUntil([&] { return verify->isEnabled(); }));
    verify->click();
    ASSERT_TRUE(verified.wait(20000));
    const auto result = verified.at(1).at(0).value<AuditVerifyResult>();
    EXPECT_FALSE(result.intact());
    EXPECT_EQ(result.sequence, 7);
    EXPECT_TRUE(page.resultText().startsWith(QStringLiteral("BROKEN at entry #7"))) << page.resultText().toStdString();
}
