// The Channels page's live update at 5,000 rows: UI-thread time for
// ChannelTableModel::applyChannels behind the sorted proxy and a visible table,
// alone and with the event processing (re-sort, layout, paint) that follows.
// Prints median and worst of several rounds per kind of update.

#include "channel_table_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <functional>

using cc::Channel;
using cc::ChannelStatus;
using cc::ui::ChannelTableModel;

namespace {

constexpr int kRows = 5000;
constexpr int kRounds = 15;

Channel makeChannel(int i)
{
    Channel channel;
    channel.id = QStringLiteral("ch_%1").arg(i, 6, 16, QLatin1Char('0'));
    channel.name = QStringLiteral("trunk-%1-%2").arg(i % 37).arg(i);
    channel.status = ChannelStatus::Healthy;
    channel.configuration.sipServer = QStringLiteral("sip%1.carrier.example").arg(i % 50);
    channel.configuration.sipPort = 5060 + i % 20;
    channel.configuration.username = QStringLiteral("user%1").arg(i);
    channel.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("G729"), 2}, {QStringLiteral("PCMU"), 3}};
    channel.routing.failoverChannels = {QStringLiteral("ch_%1").arg((i + 1) % kRows, 6, 16, QLatin1Char('0'))};
    channel.version = 1;
    channel.updatedAt = QDateTime::fromSecsSinceEpoch(1'760'000'000 + i, Qt::UTC);
    return channel;
}

struct Figures
{
    double medianApplyMs = 0;
    double worstApplyMs = 0;
    double medianTotalMs = 0;
    double worstTotalMs = 0;
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// `mutate(round)` returns the next list; the model gets it, then the event loop
// runs once so the proxy, view and paint do their share.
Figures measure(ChannelTableModel &model, const std::function<QList<Channel>(int)> &mutate)
{
    QList<double> apply;
    QList<double> total;
    for (int round = 0; round < kRounds; ++round) {
        const QList<Channel> next = mutate(round);
        QElapsedTimer timer;
        timer.start();
        model.applyChannels(next);
        const qint64 applied = timer.nsecsElapsed();
        QCoreApplication::processEvents();
        const qint64 all = timer.nsecsElapsed();
        apply.append(applied / 1e6);
        total.append(all / 1e6);
    }
    return {median(apply), *std::max_element(apply.cbegin(), apply.cend()), median(total),
            *std::max_element(total.cbegin(), total.cend())};
}

void print(const char *what, const Figures &f)
{
    std::printf("%-44s apply %7.2f ms (worst %7.2f)   apply+events %7.2f ms (worst %7.2f)\n", what,
                f.medianApplyMs, f.worstApplyMs, f.medianTotalMs, f.worstTotalMs);
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);

    ChannelTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ChannelTableModel::RawValueRole);
    proxy.setDynamicSortFilter(true);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(ChannelTableModel::column(ChannelTableModel::Column::Status), Qt::DescendingOrder);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(1280, 760);
    view.show();
    QCoreApplication::processEvents();

    QList<Channel> base;
    for (int i = 0; i < kRows; ++i)
        base.append(makeChannel(i));

    std::printf("bench_ui: ChannelTableModel behind a sorted QSortFilterProxyModel and a visible QTableView, %d rows, %d rounds\n",
                kRows, kRounds);

    QElapsedTimer timer;
    timer.start();
    model.applyChannels(base);
    const double firstApply = timer.nsecsElapsed() / 1e6;
    QCoreApplication::processEvents();
    std::printf("%-44s apply %7.2f ms                  apply+events %7.2f ms\n", "first load (empty -> 5,000 rows)", firstApply,
                timer.nsecsElapsed() / 1e6);

    QList<Channel> current = base;
    print("nothing changed", measure(model, [&](int) { return current; }));

    print("10% of rows change status (a monitor tick)", measure(model, [&](int round) {
        for (int i = round % 10; i < kRows; i += 10) {
            current[i].status = current[i].status == ChannelStatus::Healthy ? ChannelStatus::Degraded : ChannelStatus::Healthy;
            current[i].version += 1;
        }
        return current;
    }));

    print("every row changes (one whole-range signal)", measure(model, [&](int) {
        for (Channel &channel : current) {
            channel.version += 1;
            channel.updatedAt = channel.updatedAt.addSecs(30);
        }
        return current;
    }));

    int nextId = kRows;
    print("50 rows removed, 50 added", measure(model, [&](int round) {
        current.remove(round * 50 % (kRows - 100), 50);
        for (int i = 0; i < 50; ++i)
            current.append(makeChannel(nextId++));
        return current;
    }));
    return 0;
}
