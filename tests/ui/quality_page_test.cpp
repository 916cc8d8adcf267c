// The Quality page against the simulated tenant in-process: the charts hold
// the tenant's readings for a known range, long ranges are downsampled for
// drawing while the summary counts every reading, switching channels drops the
// old load, and the data exports as CSV.

#include "quality_chart_view.h"
#include "quality_page.h"

#include "widget_test_support.h"

#include "audit/audit_log.h"
#include "client/rate_budget.h"
#include "session/tenant_session.h"
#include "common/manual_clock.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QTimer>
#include <QDialog>
#include <QListWidget>
#include <QPushButton>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>

using namespace cc;
using namespace cc::ui;
using namespace cc::ui::test;

namespace {

// The summary beside the charts, as the user reads it (the label named qualitySummary).
QString summaryShown(const QualityPage &page)
{
    const auto *label = page.findChild<QLabel *>(QStringLiteral("qualitySummary"));
    EXPECT_NE(label, nullptr) << "no label named qualitySummary";
    return label ? label->text() : QString();
}

// Shows channel `id` on `page` from `from` to `to` and waits for the page's
// load: its result, null when none came in `timeoutMs`.
QualityLoadResultPtr loadRange(QualityPage &page, const QString &id, const QDateTime &from, const QDateTime &to,
                               int timeoutMs)
{
    QSignalSpy loaded(&page, &QualityPage::loaded);
    page.setCustomRange(from, to);
    page.showChannel(id);
    return loaded.wait(timeoutMs) ? loaded.at(0).at(0).value<QualityLoadResultPtr>() : nullptr;
}

class QualityPageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QLoggingCategory::setFilterRules(QStringLiteral("cc.api.debug=false"));
        ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
        profile = simProfile(sim);
        session = std::make_unique<TenantSession>(profile, nullptr);
        client = session->client();
        page.resize(1400, 800);
        page.show();
        page.setSession(session.get());
        a = sim.channelId(0);
        b = sim.channelId(1);
        page.setChannels({{a, QStringLiteral("A")}, {b, QStringLiteral("B")}});
        // A range that ends on a minute boundary a while ago: every bucket is complete.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        to = QDateTime::fromSecsSinceEpoch(now - now % 60 - 300, Qt::UTC);
    }

    // The tenant's own rows for the range, through a client of the test.
    QList<TelemetryPoint> tenantRows(const QString &id, const QDateTime &from, TelemetryInterval interval)
    {
        TelemetryQuery query;
        query.interval = interval;
        query.channelIds = {id};
        query.from = from;
        query.to = to;
        QList<TelemetryPoint> rows;
        bool finished = false;
        QObject context;
        client->queryTelemetry(query)->onFinished(&context, [&](const ApiResult<TelemetryResult> &result) {
            if (result.ok())
                rows = result.value->points;
            finished = true;
        });
        waitUntil([&] { return finished; }, 20000);
        return rows;
    }

    cc::test::SimFixture sim{simOptions(4)};
    ConnectionProfile profile;
    std::unique_ptr<TenantSession> session;
    ApiClient *client = nullptr;
    QualityPage page;
    QString a;
    QString b;
    QDateTime to;
};

int withLatency(const QList<TelemetryPoint> &rows)
{
    int n = 0;
    for (const TelemetryPoint &row : rows)
        n += row.latencyMs.has_value();
    return n;
}

// A clock of the test's, `secondsBack` before now rounded down to a multiple of `alignSeconds`.
std::shared_ptr<cc::ManualClock> clockBefore(qint64 alignSeconds, qint64 secondsBack)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return std::make_shared<cc::ManualClock>(QDateTime::fromSecsSinceEpoch(now - now % alignSeconds - secondsBack, Qt::UTC));
}

// Four simulated channels on `clock`.
cc::sim::SimOptions onClock(const std::shared_ptr<cc::ManualClock> &clock)
{
    cc::sim::SimOptions options = simOptions(4);
    options.clock = clock;
    return options;
}

} // namespace

TEST_F(QualityPageTest, AChartHoldsTheTenantsReadingsForAKnownRange)
{
    const QDateTime from = to.addSecs(-30 * 60);   // 180 ten-second buckets: fewer than a chart's width
    const QualityLoadResultPtr result = loadRange(page, a, from, to, 20000);
    ASSERT_TRUE(result);
    ASSERT_FALSE(result->error.has_value()) << result->error->text().toStdString();

    const QList<TelemetryPoint> rows = tenantRows(a, from, TelemetryInterval::TenSeconds);
    ASSERT_GT(withLatency(rows), 100);
    EXPECT_EQ(result->report.rows, rows.size());

    QualityChartView *chart = page.latencyChart();
    QStringList names;
    for (const QAbstractSeries *series : chart->chart()->series())
        names.append(series->name());
    EXPECT_TRUE(names.contains(QStringLiteral("Latency")));
    EXPECT_TRUE(names.contains(QStringLiteral("Jitter")));
    EXPECT_TRUE(names.contains(QStringLiteral("Latency limit 150 ms")));
    EXPECT_TRUE(names.contains(QStringLiteral("Jitter limit 30 ms")));
    QLineSeries *latency = chart->series(QStringLiteral("Latency"));
    ASSERT_NE(latency, nullptr);
    ASSERT_EQ(latency->count(), withLatency(rows)) << "every reading drawn when there are fewer than pixels";
    EXPECT_EQ(qint64(latency->at(0).x()), rows.first().timestamp.toMSecsSinceEpoch());
    EXPECT_DOUBLE_EQ(latency->at(0).y(), *rows.first().latencyMs);
    EXPECT_EQ(chart->timeAxis()->min().toMSecsSinceEpoch(), from.toMSecsSinceEpoch());
    EXPECT_EQ(chart->timeAxis()->max().toMSecsSinceEpoch(), to.toMSecsSinceEpoch());
    EXPECT_EQ(chart->chart()->animationOptions(), QChart::NoAnimation);
    EXPECT_GT(page.mosChart()->series(QStringLiteral("MOS"))->count(), 0);
    EXPECT_GT(page.lossChart()->series(QStringLiteral("Packet loss"))->count(), 0);
    EXPECT_TRUE(summaryShown(page).contains(QStringLiteral("Summary of all %1 readings").arg(rows.size())));
    // The summary names the model behind its MOS, as the user reads it.
    const QList<QLabel *> labels = page.findChildren<QLabel *>();
    EXPECT_TRUE(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text().contains(QStringLiteral("MOS by the ITU-T G.107 E-model, default parameters, random loss"));
    }));

    // The readings export as CSV: a header and one line per reading.
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("quality.csv"));
    QString error;
    ASSERT_TRUE(page.exportCsv(csv, &error)) << error.toStdString();
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    EXPECT_EQ(lines.size(), rows.size() + 2);   // header, rows, and the empty piece after the last CRLF
    EXPECT_TRUE(lines.first().startsWith("timestamp,channel_id,channel_name,latency_ms"));
    ASSERT_TRUE(page.exportPng(dir.filePath(QStringLiteral("chart.png"))));
    EXPECT_GT(QFile(dir.filePath(QStringLiteral("chart.png"))).size(), 1000);
}

TEST_F(QualityPageTest, ALongRangeIsDownsampledForDrawingButSummarisedWhole)
{
    const QualityLoadResultPtr result = loadRange(page, a, to.addSecs(-24 * 3600), to, 60000);
    ASSERT_TRUE(result);
    ASSERT_FALSE(result->error.has_value()) << result->error->text().toStdString();
    EXPECT_EQ(result->range.interval, TelemetryInterval::TenSeconds);
    EXPECT_GE(result->report.rows, 8000) << "the summary comes from every reading of the day";
    const qsizetype drawn = page.latencyChart()->series(QStringLiteral("Latency"))->count();
    EXPECT_LT(drawn, 3000);
    EXPECT_GE(drawn, 200);
    EXPECT_GT(result->fullPoints, 4 * drawn);
}

TEST(QualityPageWeek, KeepsTheWorstReadingOfEachBucketNotTheTenantsMeans)
{
    // A tenant on a clock of the test's: a week of calm, then a 20-second outage.
    // Before the tenant started, its history is hashed from the date (an unhealthy
    // quarter hour in most weeks): the comparisons below look only at the time it
    // watched, which holds nothing but this outage, so they hold on any date.
    const auto clock = clockBefore(300, 900);
    const QDateTime watchedFrom = clock->nowUtc();
    cc::test::SimFixture sim(onClock(clock));
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString id = sim.channelId(0);
    clock->advanceSeconds(65);
    ASSERT_TRUE(sim.holdStatus(id, QStringLiteral("unhealthy")));
    clock->advanceSeconds(20);
    ASSERT_TRUE(sim.holdStatus(id, QStringLiteral("healthy")));
    clock->advanceSeconds(6 * 60);
    const qint64 end = clock->nowUtc().toSecsSinceEpoch();
    const QDateTime to = QDateTime::fromSecsSinceEpoch(end - end % 10, Qt::UTC);
    const QDateTime from = to.addDays(-7);

    // The tenant's own 10 s readings of the week, and its five-minute means.
    const ConnectionProfile profile = simProfile(sim);
    TenantSession session(profile, nullptr);
    ApiClient &client = *session.client();
    const auto rows = [&](const QDateTime &start, const QDateTime &stop, TelemetryInterval interval) {
        QList<TelemetryPoint> answer;
        for (const auto &[pieceFrom, pieceTo] : splitRangeForRowCap(start, stop, interval, 1, 10000)) {
            TelemetryQuery query;
            query.interval = interval;
            query.channelIds = {id};
            query.from = pieceFrom;
            query.to = pieceTo;
            bool finished = false;
            QObject context;
            client.queryTelemetry(query)->onFinished(&context, [&](const ApiResult<TelemetryResult> &result) {
                if (result.ok())
                    answer += result.value->points;
                finished = true;
            });
            waitUntil([&] { return finished; }, 20000);
        }
        return answer;
    };
    const auto worstLoss = [&watchedFrom](const QList<TelemetryPoint> &points) {
        double worst = 0.0;
        for (const TelemetryPoint &point : points) {
            if (point.timestamp >= watchedFrom)
                worst = std::max(worst, point.packetLossPct.value_or(0.0));
        }
        return worst;
    };
    const QList<TelemetryPoint> fine = rows(from, to, TelemetryInterval::TenSeconds);
    const double fineWorst = worstLoss(fine);
    const double meansWorst = worstLoss(rows(from, to, TelemetryInterval::FiveMinutes));
    ASSERT_GT(fine.size(), 60000);
    ASSERT_GT(fineWorst, 2.0 * meansWorst) << "five-minute means flatten the outage";

    QualityPage page;
    page.resize(1400, 800);
    page.show();
    page.setSession(&session);
    page.setChannels({{id, QStringLiteral("A")}});
    const auto chartWorst = [&page, &watchedFrom] {
        double worst = 0.0;
        const QLineSeries *loss = page.lossChart()->series(QStringLiteral("Packet loss"));
        for (int i = 0; i < loss->count(); ++i) {
            if (loss->at(i).x() >= double(watchedFrom.toMSecsSinceEpoch()))
                worst = std::max(worst, loss->at(i).y());
        }
        return worst;
    };
    QSignalSpy loaded(&page, &QualityPage::loaded);
    page.setCustomRange(from, to);
    page.showChannel(id);
    ASSERT_TRUE(loaded.wait(60000));
    auto result = loaded.at(0).at(0).value<QualityLoadResultPtr>();
    ASSERT_FALSE(result->error.has_value()) << result->error->text().toStdString();
    EXPECT_EQ(result->report.rows, fine.size()) << "the week is read at 10 s and every reading summarised";
    EXPECT_DOUBLE_EQ(chartWorst(), fineWorst) << "the worst of each bucket is drawn: the outage stays in view";
    auto *status = child<QLabel>(page, "qualityStatus");
    EXPECT_TRUE(status->text().contains(QStringLiteral("drawn in 5m buckets showing the worst of each"))) << status->text().toStdString();

    // The user asks for the means instead, typing into the Buckets box.
    auto *statistic = child<QComboBox>(page, "qualityStatistic");
    statistic->setFocus();
    QTest::keyClicks(statistic, QStringLiteral("Mean"));
    ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 2; }, 60000));
    result = loaded.at(1).at(0).value<QualityLoadResultPtr>();
    EXPECT_EQ(result->range.statistic, BucketStatistic::Mean);
    EXPECT_LT(chartWorst(), 0.5 * fineWorst);
    EXPECT_TRUE(status->text().contains(QStringLiteral("showing the mean of each"))) << status->text().toStdString();
}

TEST(QualityPageHour, WarnsWhenThe95thPercentileLatencyIsOverTheLimitThoughTheScoreIsPerfect)
{
    // An hour whose last six minutes are an outage: the averages stay under 150 ms.
    const auto clock = clockBefore(60, 7200);
    cc::test::SimFixture sim(onClock(clock));
    ASSERT_TRUE(sim.isListening()) << sim.startError().toStdString();
    const QString id = sim.channelId(0);
    const QDateTime from = clock->nowUtc();
    ASSERT_TRUE(sim.holdStatus(id, QStringLiteral("healthy")));
    clock->advanceSeconds(54 * 60);
    ASSERT_TRUE(sim.holdStatus(id, QStringLiteral("unhealthy")));
    clock->advanceSeconds(6 * 60);
    const QDateTime to = clock->nowUtc();

    TenantSession session(simProfile(sim), nullptr);
    QualityPage page;
    page.resize(1400, 800);
    page.show();
    page.setSession(&session);
    page.setChannels({{id, QStringLiteral("A")}});
    const QualityLoadResultPtr result = loadRange(page, id, from, to, 30000);
    ASSERT_TRUE(result);
    ASSERT_FALSE(result->error.has_value()) << result->error->text().toStdString();
    ASSERT_TRUE(result->report.average.latencyMs && result->report.p95LatencyMs);
    ASSERT_LT(*result->report.average.latencyMs, 150.0);
    ASSERT_GT(*result->report.p95LatencyMs, 150.0);
    EXPECT_EQ(result->report.average.score, 100.0);
    const QString summary = child<QLabel>(page, "qualitySummary")->text();
    EXPECT_TRUE(summary.contains(QStringLiteral("Quality score of the averages: <b>100"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("95th-percentile latency"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("over the 150 ms limit"))) << summary.toStdString();
}

TEST_F(QualityPageTest, SwitchingChannelsDropsTheOldLoad)
{
    QSignalSpy loaded(&page, &QualityPage::loaded);
    page.setCustomRange(to.addSecs(-6 * 3600), to);
    page.showChannel(a);
    page.showChannel(b);   // before A's answer: A's call is cancelled
    ASSERT_TRUE(loaded.wait(30000));
    // The worker answers in order: anything of A's would arrive before a second load of B.
    page.load();
    ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 2; }, 30000));
    ASSERT_EQ(loaded.count(), 2);
    for (const QList<QVariant> &signal : std::as_const(loaded))
        EXPECT_EQ(signal.at(0).value<QualityLoadResultPtr>()->channelId, b);
    EXPECT_EQ(page.result()->channelId, b);
}

TEST_F(QualityPageTest, ProposesACodecOrderSideBySideAndAppliesItAudited)
{
    QTemporaryDir dir;
    AuditLog audit;
    ASSERT_TRUE(audit.open(dir.filePath(QStringLiteral("audit.sqlite"))));
    // G729 first: the loss-robust order puts PCMU (G.711 with concealment) ahead of it.
    bool arranged = false;
    QObject context;
    client->applyCodecOrder(a, {{QStringLiteral("G729"), 1}, {QStringLiteral("PCMU"), 2}})
        ->onFinished(&context, [&](const ApiResult<Channel> &result) { arranged = result.ok(); });
    ASSERT_TRUE(waitUntil([&] { return arranged; }));
    QList<AuditEntry> entries;
    QObject::connect(&audit, &AuditLog::committed, &context, [&entries](quint64, const AuditEntry &entry) { entries.append(entry); });
    // The same connection with an audit trail: Apply records its entry there.
    TenantSession audited(profile, &audit);
    page.setSession(&audited);
    page.setChannels({{a, QStringLiteral("A")}});
    page.showChannel(a);
    sim.clearRequests();

    page.proposeCodecOrder();
    QDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = page.findChild<QDialog *>(QStringLiteral("codecOrderDialog"));
        return dialog != nullptr && dialog->isVisible();
    }));
    auto *current = dialog->findChild<QListWidget *>(QStringLiteral("currentCodecs"));
    auto *proposed = dialog->findChild<QListWidget *>(QStringLiteral("proposedCodecs"));
    ASSERT_EQ(current->count(), 2);
    EXPECT_EQ(current->item(0)->text(), QStringLiteral("1. G729"));
    EXPECT_EQ(proposed->item(0)->text(), QStringLiteral("1. PCMU"));
    EXPECT_EQ(proposed->item(1)->text(), QStringLiteral("2. G729"));
    for (const QJsonValue &value : sim.requests())
        EXPECT_NE(value.toObject().value(QLatin1String("method")).toString(), QStringLiteral("PATCH")) << "proposing sends nothing";

    QSignalSpy applied(&page, &QualityPage::codecOrderApplied);
    auto *apply = dialog->findChild<QPushButton *>(QStringLiteral("applyCodecOrder"));
    ASSERT_TRUE(apply->isEnabled());
    apply->click();
    ASSERT_TRUE(applied.wait(20000));
    EXPECT_TRUE(applied.at(0).at(1).toBool()) << applied.at(0).at(2).toString().toStdString();
    const QJsonArray codecs = tenantChannel(sim, a).value(QStringLiteral("configuration")).toObject()
                                  .value(QStringLiteral("codecs")).toArray();
    ASSERT_EQ(codecs.size(), 2);
    EXPECT_EQ(codecs.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("PCMU"));
    ASSERT_TRUE(waitUntil([&] {
        return std::any_of(entries.cbegin(), entries.cend(), [&](const AuditEntry &e) {
            return e.eventType == events::kMediaPathOptimized && e.channelId == a && e.source == EventSource::Manual;
        });
    })) << "the applied order is in the audit trail";
}


namespace {

QPushButton *buttonByText(const QWidget &parent, const QString &text)
{
    for (QPushButton *button : parent.findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

// Clicks `button`, answers the save dialog it opens with `path`, and returns
// the file name the dialog proposed.
QString saveThrough(QPushButton *button, const QString &path)
{
    QString proposed;
    QTimer::singleShot(0, button, [&] {
        if (!QTest::qWaitFor([] { return qobject_cast<QFileDialog *>(QApplication::activeModalWidget()) != nullptr; }, 10000))
            return;
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (dialog == nullptr)
            return;
        proposed = dialog->selectedFiles().value(0);
        dialog->selectFile(path);
        QTest::keyClick(dialog, Qt::Key_Return);
    });
    QTest::mouseClick(button, Qt::LeftButton);
    return proposed;
}

} // namespace

TEST_F(QualityPageTest, ConnectedItDoesNotAskToConnectAndAnEmptyChartHasNoMidnightTicks)
{
    auto *channel = page.findChild<QComboBox *>(QStringLiteral("qualityChannel"));
    ASSERT_NE(channel, nullptr);
    EXPECT_EQ(channel->currentIndex(), -1);
    EXPECT_FALSE(channel->placeholderText().contains(QStringLiteral("Connect"))) << channel->placeholderText().toStdString();
    EXPECT_FALSE(page.latencyChart()->timeAxis()->labelsVisible()) << "nothing loaded: no 00:00 on every tick";

    QualityPage idle;
    EXPECT_TRUE(idle.findChild<QComboBox *>(QStringLiteral("qualityChannel"))->placeholderText().contains(QStringLiteral("Connect")));
}

TEST_F(QualityPageTest, ExportsNameTheChannelAndRangeAndSayWhereTheyWent)
{
    const QDateTime from = to.addSecs(-3600);
    const QualityLoadResultPtr result = loadRange(page, a, from, to, 20000);
    ASSERT_TRUE(result);
    EXPECT_TRUE(page.latencyChart()->timeAxis()->labelsVisible());
    const QString name = result->channelName;   // the tenant's
    ASSERT_FALSE(name.isEmpty());

    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    const QString proposedCsv = saveThrough(buttonByText(page, QStringLiteral("Export data CSV…")), csvPath);
    const QString stamp = from.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    EXPECT_TRUE(QFileInfo(proposedCsv).fileName().startsWith(QStringLiteral("quality-%1-%2").arg(name, stamp))) << proposedCsv.toStdString();
    const QList<QLabel *> labels = page.findChildren<QLabel *>();
    EXPECT_TRUE(std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->text().contains(QDir::toNativeSeparators(csvPath));
    })) << "the page says where the file went";
    QFile csv(csvPath);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    ASSERT_GT(lines.size(), 2);
    EXPECT_TRUE(lines.at(0).startsWith("timestamp,channel_id,channel_name,"));
    const QList<QByteArray> cells = lines.at(1).trimmed().split(',');
    EXPECT_EQ(QString::fromUtf8(cells.at(2)), name);
    EXPECT_LE(cells.last().size(), 4) << "MOS rounded: " << cells.last().toStdString();

    const QString pngPath = dir.filePath(QStringLiteral("out.png"));
    const QString proposedPng = saveThrough(buttonByText(page, QStringLiteral("Export chart PNG…")), pngPath);
    EXPECT_TRUE(QFileInfo(proposedPng).fileName().startsWith(QStringLiteral("quality-%1-%2").arg(name, stamp))) << proposedPng.toStdString();
    const QImage png(pngPath);
    ASSERT_FALSE(png.isNull());
    EXPECT_TRUE(png.text(QStringLiteral("Title")).startsWith(QStringLiteral("%1 (%2)").arg(name, a))) << png.text(QStringLiteral("Title")).toStdString();
    EXPECT_TRUE(png.text(QStringLiteral("Description")).contains(from.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    EXPECT_TRUE(png.text(QStringLiteral("Description")).contains(QStringLiteral("Quality score")));
}

TEST_F(QualityPageTest, TheSummarySaysWhichStatisticEachFigureIs)
{
    const QualityLoadResultPtr result = loadRange(page, a, to.addSecs(-3600), to, 20000);
    ASSERT_TRUE(result);
    EXPECT_TRUE(summaryShown(page).contains(QStringLiteral("Quality score of the averages"))) << summaryShown(page).toStdString();
    EXPECT_TRUE(summaryShown(page).contains(QStringLiteral("MOS of the averages")));
}

TEST_F(QualityPageTest, ProposingACodecOrderForAChannelThatNeedsNoneSaysSo)
{
    const QualityLoadResultPtr result = loadRange(page, a, to.addSecs(-3600), to, 20000);
    ASSERT_TRUE(result);
    ASSERT_TRUE(result->report.average.optimizationRequired.has_value());
    ASSERT_FALSE(*result->report.average.optimizationRequired) << "the simulated channel is healthy";
    QTest::mouseClick(buttonByText(page, QStringLiteral("Propose codec order…")), Qt::LeftButton);
    QDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = page.findChild<QDialog *>(QStringLiteral("codecOrderDialog"));
        return dialog != nullptr && dialog->isVisible();
    }));
    auto *note = dialog->findChild<QLabel *>(QStringLiteral("codecOrderNote"));
    ASSERT_NE(note, nullptr);
    EXPECT_TRUE(note->text().contains(QStringLiteral("needs no optimisation"))) << note->text().toStdString();
    dialog->reject();
}
