// The console's part 2 pages under load, figures printed (issue 7):
//   1. Dashboard: UI-thread time to apply one monitor snapshot of 1,000 channels
//      (model update, the one dataChanged, the sorted proxy, and the repaint of
//      the visible tiles) [goal < 16 ms].
//   2. Quality: the longest event-loop stall while a 24-hour range of 10-second
//      points (latency, jitter, loss: ~8,640 each) loads and draws [goal < 50 ms];
//      the simulated tenant runs in its own thread so its work is not counted.
//   3. Audit: the Audit page opening a 1,000,000-entry store until its first rows
//      show [goal < 1 s].
//
//   bench_ui_dashboard [AUDIT_ENTRIES]   (default 1000000)

#include "audit_page.h"
#include "audit_table_model.h"
#include "channel_tile_model.h"
#include "dashboard_page.h"
#include "quality_page.h"

#include "audit/audit_log.h"
#include "audit/audit_store.h"
#include "client/api_client.h"
#include "client/rate_budget.h"
#include "sim_server.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace cc;

namespace {

MonitorSnapshotPtr makeSnapshot(quint64 cycle, int channels)
{
    auto snapshot = std::make_shared<MonitorSnapshot>();
    snapshot->cycle = cycle;
    snapshot->takenAt = QDateTime::currentDateTimeUtc();
    snapshot->intervalMs = 10000;
    snapshot->channels.reserve(channels);
    for (int i = 0; i < channels; ++i) {
        ChannelHealth h;
        h.id = QStringLiteral("ch_%1").arg(i, 6, 10, QLatin1Char('0'));
        h.name = QStringLiteral("trunk-%1").arg(i);
        // Every cycle changes every channel's figures, and some statuses move.
        const int wobble = int((cycle * 7 + quint64(i) * 13) % 100);
        h.tenantStatus = wobble < 3 ? ChannelStatus::Unhealthy : wobble < 8 ? ChannelStatus::Degraded : ChannelStatus::Healthy;
        h.health = wobble < 3 ? HealthState::Down : HealthState::Up;
        if (wobble % 17 != 0) {
            h.latencyMs = 60.0 + wobble;
            h.jitterMs = 2.0 + wobble / 10.0;
            h.packetLossPct = wobble / 50.0;
            h.mos = 4.4 - wobble / 100.0;
            h.telemetryAt = snapshot->takenAt.addSecs(-10);
        }
        h.lastSeen = snapshot->takenAt;
        snapshot->channels.append(h);
    }
    return snapshot;
}

void benchDashboard()
{
    constexpr int kChannels = 1000;
    constexpr int kCycles = 30;
    ui::DashboardPage page;
    page.resize(1280, 760);
    page.show();
    static_cast<void>(QTest::qWaitForWindowExposed(&page));

    QElapsedTimer timer;
    timer.start();
    page.applySnapshot(makeSnapshot(1, kChannels));
    page.flush();
    page.tileView()->viewport()->repaint();
    const double firstMs = timer.nsecsElapsed() / 1e6;

    QList<double> times;
    for (int cycle = 2; cycle < 2 + kCycles; ++cycle) {
        const MonitorSnapshotPtr snapshot = makeSnapshot(quint64(cycle), kChannels);   // built off the clock: the monitor's thread does this
        timer.restart();
        page.applySnapshot(snapshot);
        page.flush();
        page.tileView()->viewport()->repaint();
        times.append(timer.nsecsElapsed() / 1e6);
        QCoreApplication::processEvents();
    }
    std::sort(times.begin(), times.end());
    const double median = times.at(times.size() / 2);
    const double worst = times.last();
    std::printf("dashboard: %d channels, first snapshot (1,000 tiles inserted) %.1f ms; each later snapshot "
                "(apply + repaint) median %.1f ms, worst %.1f ms over %d cycles  [goal < 16 ms: %s]\n",
                page.model()->rowCount(), firstMs, median, worst, kCycles, worst < 16.0 ? "PASS" : "FAIL");
}

void benchQuality()
{
    // The tenant in a thread of its own: its work is not the UI's stall.
    QThread simThread;
    simThread.start();
    auto *simContext = new QObject;
    simContext->moveToThread(&simThread);
    sim::SimServer *server = nullptr;
    QUrl baseUrl;
    QMetaObject::invokeMethod(simContext, [&] {
        sim::SimOptions options;
        options.channels = 4;
        options.rateLimitPerMinute = 100000;
        server = new sim::SimServer(options);
        QString error;
        if (server->listen(&error))
            baseUrl = server->baseUrl();
        else
            std::printf("quality: the simulated tenant did not start: %s\n", qPrintable(error));
    }, Qt::BlockingQueuedConnection);

    if (baseUrl.isValid()) {
        ConnectionProfile profile;
        profile.name = QStringLiteral("bench");
        profile.baseUrl = baseUrl;
        profile.clientId = QStringLiteral("demo");
        profile.clientSecret = QString::fromLatin1(sim::kDemoClientSecret);
        ApiClient client(profile);
        QString channelId;
        bool listed = false;
        QObject context;
        client.listChannels()->onFinished(&context, [&](const ApiResult<QList<Channel>> &result) {
            if (result.ok() && !result.value->isEmpty())
                channelId = result.value->first().id;
            listed = true;
        });
        static_cast<void>(QTest::qWaitFor([&] { return listed; }, 20000));

        ui::QualityPage page;
        page.resize(1280, 760);
        page.show();
        static_cast<void>(QTest::qWaitForWindowExposed(&page));
        page.setConnection(&client, profile, nullptr, nullptr, QStringLiteral("bench"));
        page.setChannels({{channelId, QStringLiteral("bench")}});
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QDateTime to = QDateTime::fromSecsSinceEpoch(now - now % 60, Qt::UTC);

        for (int run = 0; run < 3; ++run) {
            page.setCustomRange(to.addSecs(-24 * 3600), to);
            QElapsedTimer gap;
            QElapsedTimer total;
            qint64 longestNs = 0;
            QTimer ticker;
            ticker.setInterval(1);
            QObject::connect(&ticker, &QTimer::timeout, &page, [&] {
                longestNs = std::max(longestNs, gap.nsecsElapsed());
                gap.restart();
            });
            bool loaded = false;
            QualityLoadResultPtr result;
            auto connection = QObject::connect(&page, &ui::QualityPage::loaded, &page, [&](const QualityLoadResultPtr &r) {
                result = r;
                loaded = true;
            });
            gap.start();
            total.start();
            ticker.start();
            page.showChannel(channelId);
            static_cast<void>(QTest::qWaitFor([&] { return loaded; }, 60000));
            const double loadMs = total.nsecsElapsed() / 1e6;
            // The draw: the charts repaint on the event loop after the points are swapped in.
            QTest::qWait(300);
            ticker.stop();
            QObject::disconnect(connection);
            if (!result || result->error) {
                std::printf("quality: the load failed: %s\n", result ? qPrintable(result->error->text()) : "timeout");
                break;
            }
            std::printf("quality run %d: 24 h at 10 s, %d readings (%lld points in three series + MOS), %lld drawn; "
                        "loaded in %.0f ms; longest event-loop stall %.1f ms  [goal < 50 ms: %s]\n",
                        run + 1, result->report.rows, static_cast<long long>(result->fullPoints),
                        static_cast<long long>(result->drawn.totalPoints()), loadMs, longestNs / 1e6,
                        longestNs < 50 * 1000 * 1000 ? "PASS" : "FAIL");
        }
    }
    QMetaObject::invokeMethod(simContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
    simContext->deleteLater();
    simThread.quit();
    simThread.wait();
}

void benchAudit(qint64 total)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
    {
        AuditStore store;
        QString error;
        if (!store.open(path, &error)) {
            std::printf("audit: %s\n", qPrintable(error));
            return;
        }
        QElapsedTimer fill;
        fill.start();
        const QString actor = defaultAuditActor();
        for (qint64 have = 0; have < total;) {
            const qint64 n = std::min<qint64>(20000, total - have);
            QList<AuditEntry> entries;
            entries.reserve(n);
            for (qint64 i = 0; i < n; ++i) {
                AuditEntry entry;
                entry.eventType = (have + i) % 5 == 0 ? QStringLiteral("failover_done") : QStringLiteral("health_state_changed");
                entry.channelId = QStringLiteral("ch_%1").arg((have + i) % 1000);
                entry.source = EventSource::Automatic;
                entry.tenant = QStringLiteral("bench");
                entry.actor = actor;
                entry.detailsJson = canonicalDetailsJson(QJsonObject{{QStringLiteral("reason"), QStringLiteral("bench")},
                                                                     {QStringLiteral("n"), have + i}});
                entries.append(entry);
            }
            if (!store.appendBatch(&entries, &error)) {
                std::printf("audit: %s\n", qPrintable(error));
                return;
            }
            have += n;
        }
        std::printf("audit: store of %lld entries filled in %.1f s (setup, not the figure)\n",
                    static_cast<long long>(store.lastSequence()), fill.nsecsElapsed() / 1e9);
    }

    QElapsedTimer timer;
    timer.start();
    AuditLog log;
    QString error;
    if (!log.open(path, &error)) {
        std::printf("audit: %s\n", qPrintable(error));
        return;
    }
    ui::AuditPage page;
    page.resize(1280, 760);
    page.show();
    QElapsedTimer pageTimer;
    pageTimer.start();
    page.setAuditLog(&log, QStringLiteral("bench"));
    const double uiMs = pageTimer.nsecsElapsed() / 1e6;
    static_cast<void>(QTest::qWaitFor([&] { return page.model()->rowCount() > 0; }, 30000));
    page.view()->viewport()->repaint();
    const double shownMs = pageTimer.nsecsElapsed() / 1e6;
    const double withLogMs = timer.nsecsElapsed() / 1e6;
    std::printf("audit page: %lld-entry store, first %d rows shown %.0f ms after opening the page (UI thread busy %.2f ms; "
                "%.0f ms including opening the audit log)  [goal < 1 s: %s]\n",
                static_cast<long long>(total), page.model()->rowCount(), shownMs, uiMs, withLogMs,
                withLogMs < 1000 ? "PASS" : "FAIL");
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QLoggingCategory::setFilterRules(QStringLiteral("cc.api.debug=false\ncc.monitor.info=false\ncc.sim.info=false"));
    const QStringList args = QCoreApplication::arguments();
    const qint64 entries = args.size() > 1 ? args.at(1).toLongLong() : 1000000;
    benchDashboard();
    benchQuality();
    benchAudit(entries);
    return 0;
}
