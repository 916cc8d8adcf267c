#pragma once
// One channel's history: what happened to it (its audit trail: state changes,
// failovers, failbacks, edits, alarms and acknowledgements) over the quality
// chart of the same period, with each event marked on the chart's time axis,
// and its last readings in detail (the tenant's status, the monitor's verdict,
// latency, jitter, loss, MOS, the SIP probe, and when each was read). The
// readings follow the monitor's snapshots; the chart and the trail are read off
// the UI thread (QualityLoader, AuditTableModel's page worker).

#include "client/connection_profile.h"
#include "monitor/monitor_snapshot.h"
#include "monitor/probe_rtt_history.h"
#include "operations/quality_load_worker.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QScatterSeries;
class QTableView;

namespace cc {
class TenantSession;
class Monitor;
class QualityLoader;
}

namespace cc::ui {

class AuditTableModel;
class QualityChartView;

class ChannelHistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelHistoryDialog)

public:
    // The session's trail (when open) gives the events, its token the charts'
    // readings, its monitor (when running) keeps the readings current.
    ChannelHistoryDialog(const QString &channelId, const QString &channelName, TenantSession *session,
                         QWidget *parent = nullptr);
    ~ChannelHistoryDialog() override;

    QString channelId() const { return m_channelId; }
    // Shows a channel's latest reading (the snapshot it came from gives the time).
    // `routedViaName`: the name of the channel its calls go through, when failed over.
    void showReadings(const ChannelHealth &health, const QDateTime &takenAt, const QString &routedViaName = {});
    // The probe's answers so far (the window keeps them); snapshots add to them.
    void setProbeHistory(const ProbeRttHistory &history);
    // Reads the chart and the trail again for the chosen period.
    void reload();

signals:
    // Once both the chart and the first page of the trail are in.
    void loaded();

private:
    void onQualityLoaded(const QualityLoadResultPtr &result);
    void onTrailPage(int rows, const QString &error);
    void placeEventMarkers();
    void drawProbeReadings();
    void updateStatus();
    QLabel *addReading(QFormLayout *form, const QString &label, const char *objectName);

    QString m_channelId;
    QString m_channelName;
    std::unique_ptr<QualityLoader> m_loader;
    AuditTableModel *m_trail;
    QComboBox *m_range;
    QLabel *m_status;
    QualityChartView *m_latency;
    QualityChartView *m_loss;
    QScatterSeries *m_latencyMarkers;
    QScatterSeries *m_lossMarkers;
    QTableView *m_trailView;
    QLabel *m_tenantStatus;
    QLabel *m_verdict;
    QLabel *m_routing;
    QLabel *m_readings;
    QLabel *m_mos;
    QLabel *m_probe;
    QLabel *m_readAt;
    QDateTime m_from;
    QDateTime m_to;
    QualityLoadResultPtr m_quality;
    ProbeRttHistory m_probeHistory;
    bool m_qualityDone = false;
    bool m_trailDone = false;
    QString m_qualityError;
    QString m_trailError;
};

} // namespace cc::ui
