// A channel's history, as an engineer opens it after an incident: a trunk that
// failed over and back, selected on the Channels page, Channel > History…
// (Ctrl+H): its failover and failback from the audit trail, marked on its
// quality chart, and its last readings, against cxone-sim as its own process.

#include "console_session.h"
#include "user_actions.h"

#include "main_window.h"

#include <QAbstractItemView>
#include <QDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QChart>
#include <QChartView>

#include <gtest/gtest.h>

using namespace cc::e2e;

namespace {

const QString kTrunk = QStringLiteral("prod-voice-trunk-us-east-1");
const QString kTrunkId = QStringLiteral("ch_57d2df");

QString labelText(QWidget *root, const char *name)
{
    auto *label = root->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

QStringList columnTexts(QAbstractItemView *view, const QString &header)
{
    QStringList texts;
    const QAbstractItemModel *model = view->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal).toString() != header)
            continue;
        for (int row = 0; row < model->rowCount(); ++row)
            texts.append(model->index(row, column).data().toString());
    }
    return texts;
}

class HistoryJourney : public ::testing::TestWithParam<int>
{
};

} // namespace

TEST_P(HistoryJourney, ATrunkThatFailedOverAndBackShowsBothOnItsHistory)
{
    ConsoleSession session(seededSimArguments(GetParam()));
    ASSERT_TRUE(session.sim().isRunning()) << session.sim().startError().toStdString();
    const QString connected = connectReadyToFailOver(session, true);
    ASSERT_TRUE(connected.isEmpty()) << connected.toStdString();

    // The incident: down, failed over by the monitor, up again, failed back.
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("unhealthy")));
    QAbstractItemView *table = session.viewOnPage("channelTable");
    ASSERT_NE(table, nullptr);
    const auto routedVia = [&] { return cellText(table, kTrunk, QStringLiteral("Routed via")); };
    ASSERT_TRUE(waitFor([&] { return routedVia() == QStringLiteral("(itself)"); }, 30000)) << routedVia().toStdString();
    ASSERT_TRUE(waitFor([&] { return routedVia() != QStringLiteral("(itself)"); }, 40000))
        << "the monitor never failed the trunk over";
    ASSERT_TRUE(session.sim().holdStatus(kTrunkId, QStringLiteral("healthy")));
    ASSERT_TRUE(waitFor([&] { return routedVia() == QStringLiteral("(itself)"); }, 40000))
        << "the monitor never failed the trunk back";

    // Select it and ask for its history, as with the keyboard.
    ASSERT_TRUE(session.openPage(QStringLiteral("Channels")));
    ASSERT_TRUE(clickItem(table, kTrunk));
    pressKeys(session.window(), QKeySequence(QStringLiteral("Ctrl+H")));
    QWidget *history = waitForDialogTitled(QStringLiteral("History of %1").arg(kTrunk));
    ASSERT_NE(history, nullptr) << "Ctrl+H opened no history";
    ASSERT_TRUE(waitFor([&] { return labelText(history, "historyStatus").contains(QStringLiteral("event")); }, 30000))
        << labelText(history, "historyStatus").toStdString();

    auto *trail = history->findChild<QAbstractItemView *>(QStringLiteral("historyTrail"));
    ASSERT_NE(trail, nullptr);
    const QStringList events = columnTexts(trail, QStringLiteral("Event"));
    EXPECT_TRUE(events.contains(QStringLiteral("failover_done"))) << events.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(events.contains(QStringLiteral("failback_done"))) << events.join(QLatin1Char(',')).toStdString();
    const auto routingChanges = events.count(QStringLiteral("failover_done")) + events.count(QStringLiteral("failback_done"));
    EXPECT_GE(routingChanges, 2);
    EXPECT_TRUE(labelText(history, "historyStatus").contains(QStringLiteral("%1 routing changes").arg(routingChanges)))
        << labelText(history, "historyStatus").toStdString();

    // Every event is marked on the chart; the readings are there and current.
    auto *chart = history->findChild<QChartView *>(QStringLiteral("historyLatencyChart"));
    ASSERT_NE(chart, nullptr);
    ASSERT_TRUE(waitFor([&] {
        for (QAbstractSeries *series : chart->chart()->series()) {
            if (auto *markers = qobject_cast<QScatterSeries *>(series))
                return markers->count() == trail->model()->rowCount();
        }
        return false;
    }, 10000));
    bool latencyDrawn = false;
    for (QAbstractSeries *series : chart->chart()->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(series); line && series->name() == QStringLiteral("Latency"))
            latencyDrawn = line->count() > 100;
    }
    EXPECT_TRUE(latencyDrawn) << "no quality chart behind the events";
    EXPECT_TRUE(waitFor([&] { return labelText(history, "historyRouting") == QStringLiteral("over this trunk"); }, 15000))
        << labelText(history, "historyRouting").toStdString();
    EXPECT_EQ(labelText(history, "historyTenantStatus"), QStringLiteral("Healthy"));
    EXPECT_TRUE(labelText(history, "historyReadings").contains(QStringLiteral(" ms")));
    session.screenshot(QStringLiteral("%1-history").arg(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Channels, HistoryJourney, ::testing::Values(12, 1000),
                         [](const ::testing::TestParamInfo<int> &info) { return "At" + std::to_string(info.param); });
