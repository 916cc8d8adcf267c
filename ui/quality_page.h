#pragma once
// The Quality page: pick a channel and a range (last 1 h, 6 h, 24 h, 7 d or
// custom) and see latency and jitter (with the tutorial's 150 ms and 30 ms
// thresholds), packet loss and MOS (with its bands) over it, and the summary of
// all the readings (averages, 95th percentiles, score, MOS, whether
// optimisation is required). Loading runs on QualityLoader's thread; the charts
// get points downsampled to their width. Also: the codec order proposal with
// Apply (audited), and exports of the charts as PNG and the readings as CSV.

#include "operations/quality_load_worker.h"
#include "quality/quality_range.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QPointer>
#include <QStandardPaths>
#include <QWidget>

#include <memory>
#include <optional>


namespace cc {
class ApiClient;
class AuditLog;
class Monitor;
class QualityLoader;
class TenantSession;
}

namespace cc::ui {

class QualityChartView;

namespace Ui {
class QualityPage;
}

class QualityPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityPage)

public:
    enum class Range { LastHour, Last6Hours, Last24Hours, Last7Days, Custom };
    Q_ENUM(Range)

    explicit QualityPage(QWidget *parent = nullptr);
    ~QualityPage() override;

    // The connected tenant (not owned; null: not connected): its client for the
    // codec order, its token and budget for the page's own loader thread, its
    // monitor (when running) for the channel list, its audit trail for Apply.
    void setSession(TenantSession *session);
    void clearConnection();
    // The channels to choose from (id, name), e.g. from a monitor snapshot.
    void setChannels(const QList<QPair<QString, QString>> &channels);

    void setRange(Range range);
    void setCustomRange(const QDateTime &from, const QDateTime &to);
    // Chooses the channel and loads it (cancelling a load in flight).
    void showChannel(const QString &channelId);
    void load();

    QString currentChannelId() const;
    QualityRange currentRange() const;
    QualityLoadResultPtr result() const { return m_result; }
    bool isLoading() const;
    QualityChartView *latencyChart() const { return m_latency; }
    QualityChartView *lossChart() const { return m_loss; }
    QualityChartView *mosChart() const { return m_mos; }

    // The chart under a heading with the channel, the range and the summary.
    bool exportPng(const QString &path);
    bool exportCsv(const QString &path, QString *error = nullptr);
    void proposeCodecOrder();

    // The interval a range is drawn at: 10 s up to a day, coarser beyond.

signals:
    // Once per finished load; result->error is set when it failed.
    void loaded(const cc::QualityLoadResultPtr &result);
    void codecOrderApplied(const QString &channelId, bool applied, const QString &message);

private:
    // "quality-<channel>-<from>-to-<to>.<extension>" for the loaded range.
    QString defaultFileName(const QString &extension) const;
    QString rangeDescription() const;
    void onLoaded(const QualityLoadResultPtr &result);
    // Asks where to save the loaded range as a `extension` file, starting in
    // `where`; empty when the user cancels.
    QString askSavePath(const QString &title, QStandardPaths::StandardLocation where, const QString &extension,
                        const QString &filter);
    // Draws `series` (name and points) on `chart` over the result's range, the
    // values fitted from `fitFromTop` up when given; false, drawing nothing,
    // when another load has replaced `result` meanwhile.
    bool drawChart(const QualityLoadResult &result, QualityChartView *chart,
                   const QList<QPair<QString, QList<QPointF>>> &series, std::optional<double> fitFromTop);
    void showSummary(const QualityLoadResult &result);
    void updateButtons();
    int drawPoints() const;

    QPointer<ApiClient> m_client;
    QPointer<Monitor> m_monitor;
    QPointer<AuditLog> m_audit;
    QString m_tenant;
    std::unique_ptr<QualityLoader> m_loader;
    QualityLoadResultPtr m_result;
    QList<QPair<QString, QString>> m_channels;

    // The form; its statistic box says what a drawn bucket of several readings shows.
    std::unique_ptr<Ui::QualityPage> m_ui;
    QualityChartView *m_latency = nullptr;
    QualityChartView *m_loss = nullptr;
    QualityChartView *m_mos = nullptr;
};

} // namespace cc::ui
