#include "channel_history_dialog.h"

#include "audit_table_model.h"
#include "quality_chart_view.h"
#include "status_presentation.h"

#include "audit/audit_entry.h"
#include "audit/audit_log.h"
#include "monitor/health_state.h"
#include "monitor/monitor.h"
#include "operations/quality_loader.h"
#include "quality/quality_score.h"
#include "session/tenant_session.h"

#include <QComboBox>
#include <QDateTimeAxis>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace cc::ui {

namespace {

constexpr qint64 kHour = 3600;

QString when(const QDateTime &time)
{
    if (!time.isValid())
        return ChannelHistoryDialog::tr("never");
    return QLocale().toString(time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// The events that changed where the calls went.
bool isRoutingChange(const QString &type)
{
    return type == events::kFailoverDone || type == events::kFailbackDone;
}

} // namespace

ChannelHistoryDialog::ChannelHistoryDialog(const QString &channelId, const QString &channelName,
                                           TenantSession *session, QWidget *parent)
    : QDialog(parent)
    , m_channelId(channelId)
    , m_channelName(channelName.isEmpty() ? channelId : channelName)
    , m_loader(std::make_unique<QualityLoader>(session->profile(), session->clientOptions()))
    , m_trail(new AuditTableModel(this))
    , m_range(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_latency(new QualityChartView(tr("Latency and jitter"), tr("ms"), this))
    , m_loss(new QualityChartView(tr("Packet loss"), tr("%"), this))
    , m_latencyMarkers(new QScatterSeries(this))
    , m_lossMarkers(new QScatterSeries(this))
    , m_trailView(new QTableView(this))
    , m_tenantStatus(nullptr)
    , m_verdict(nullptr)
    , m_routing(nullptr)
    , m_readings(nullptr)
    , m_mos(nullptr)
    , m_probe(nullptr)
    , m_readAt(nullptr)
{
    setObjectName(QStringLiteral("channelHistory"));
    setWindowTitle(tr("History of %1").arg(m_channelName));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(1200, 820);

    m_range->setObjectName(QStringLiteral("historyRange"));
    m_range->addItem(tr("Last hour"), kHour);
    m_range->addItem(tr("Last 6 hours"), 6 * kHour);
    m_range->addItem(tr("Last 24 hours"), 24 * kHour);
    m_range->addItem(tr("Last 7 days"), 7 * 24 * kHour);
    m_range->setCurrentIndex(0);   // an incident is reviewed close up; longer periods a click away
    auto *rangeLabel = new QLabel(tr("&Period"), this);
    rangeLabel->setBuddy(m_range);
    auto *reloadButton = new QPushButton(tr("Reload"), this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);

    auto *title = new QLabel(tr("<b>%1</b> (%2)").arg(m_channelName.toHtmlEscaped(), m_channelId.toHtmlEscaped()), this);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The last readings, in words, with when each was read.
    auto *readingsBox = new QGroupBox(tr("Last readings"), this);
    auto *form = new QFormLayout(readingsBox);
    m_tenantStatus = addReading(form, tr("Tenant's status"), "historyTenantStatus");
    m_verdict = addReading(form, tr("Monitor's verdict"), "historyVerdict");
    m_routing = addReading(form, tr("Calls go"), "historyRouting");
    m_readings = addReading(form, tr("Latency · jitter · loss"), "historyReadings");
    m_mos = addReading(form, tr("MOS"), "historyMos");
    m_probe = addReading(form, tr("SIP probe"), "historyProbe");
    m_readAt = addReading(form, tr("Read"), "historyReadAt");
    m_tenantStatus->setText(tr("no reading yet: the monitor has not listed this channel"));

    m_latency->setObjectName(QStringLiteral("historyLatencyChart"));
    m_latency->addSeries(tr("Latency"), QColor(0x15, 0x65, 0xc0));
    m_latency->addSeries(tr("Jitter"), QColor(0x6a, 0x1b, 0x9a));
    m_latency->addSeries(tr("SIP probe round trip"), QColor(0x00, 0x83, 0x8f));
    m_latency->addThreshold(tr("Latency limit %1 ms").arg(kLatencyThresholdMs), kLatencyThresholdMs, QColor(0xc6, 0x28, 0x28));
    m_loss->setObjectName(QStringLiteral("historyLossChart"));
    m_loss->addSeries(tr("Packet loss"), QColor(0xc6, 0x28, 0x28));
    for (const auto &pair : {std::pair{m_latency, m_latencyMarkers}, std::pair{m_loss, m_lossMarkers}}) {
        // Named, not a structured binding: a lambda below captures it (C++17).
        QualityChartView *chart = pair.first;
        QScatterSeries *markers = pair.second;
        markers->setName(tr("Events"));
        markers->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        markers->setMarkerSize(11);
        markers->setColor(QColor(0x37, 0x47, 0x4f));
        markers->setBorderColor(Qt::white);
        chart->chart()->addSeries(markers);
        markers->attachAxis(chart->timeAxis());
        markers->attachAxis(chart->valueAxis());
        connect(markers, &QXYSeries::hovered, this, [this, chart](const QPointF &point, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            // The entries at that moment, in words.
            QStringList lines;
            for (int row = 0; row < m_trail->rowCount(); ++row) {
                const AuditEntry *entry = m_trail->entryAt(row);
                if (entry != nullptr && std::abs(double(entry->timestampMs) - point.x()) < 1000.0)
                    lines.append(QStringLiteral("%1 %2").arg(when(QDateTime::fromMSecsSinceEpoch(entry->timestampMs, Qt::UTC)),
                                                             entry->eventType));
            }
            QToolTip::showText(QCursor::pos(), lines.join(QLatin1Char('\n')), chart);
        });
    }

    m_trailView->setObjectName(QStringLiteral("historyTrail"));
    m_trailView->setAccessibleName(tr("Events of this channel"));
    m_trailView->setModel(m_trail);
    m_trailView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_trailView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_trailView->verticalHeader()->hide();
    m_trailView->setWordWrap(false);
    for (AuditTableModel::Column hidden : {AuditTableModel::Column::Sequence, AuditTableModel::Column::Channel})
        m_trailView->hideColumn(int(hidden));
    m_trailView->horizontalHeader()->setStretchLastSection(true);
    m_trailView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *controls = new QHBoxLayout;
    controls->addWidget(title, 1);
    controls->addWidget(rangeLabel);
    controls->addWidget(m_range);
    controls->addWidget(reloadButton);

    auto *charts = new QWidget(this);
    auto *chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_latency, 3);
    chartsLayout->addWidget(m_loss, 2);
    auto *top = new QHBoxLayout;
    top->addWidget(charts, 1);
    top->addWidget(readingsBox);
    auto *topWidget = new QWidget(this);
    topWidget->setLayout(top);
    top->setContentsMargins(0, 0, 0, 0);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(topWidget);
    split->addWidget(m_trailView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_range, &QComboBox::activated, this, &ChannelHistoryDialog::reload);
    connect(reloadButton, &QPushButton::clicked, this, &ChannelHistoryDialog::reload);
    connect(m_loader.get(), &QualityLoader::loaded, this, &ChannelHistoryDialog::onQualityLoaded);
    connect(m_trail, &AuditTableModel::pageLoaded, this, &ChannelHistoryDialog::onTrailPage);
    if (Monitor *monitor = session->monitor()) {
        connect(monitor, &Monitor::snapshotReady, this, [this](const MonitorSnapshotPtr &snapshot) {
            const auto it = std::find_if(snapshot->channels.cbegin(), snapshot->channels.cend(),
                                         [this](const ChannelHealth &health) { return health.id == m_channelId; });
            if (it == snapshot->channels.cend())
                return;
            QString via;
            for (const ChannelHealth &other : snapshot->channels) {
                if (other.id == it->routedVia)
                    via = other.name;
            }
            showReadings(*it, snapshot->takenAt, via);
            m_probeHistory.record(*snapshot);
            drawProbeReadings();
        });
    }
    AuditLog *audit = session->audit();
    m_trail->setStorePath(audit && audit->isOpen() ? audit->path() : QString());
    reload();
}

ChannelHistoryDialog::~ChannelHistoryDialog() = default;

QLabel *ChannelHistoryDialog::addReading(QFormLayout *form, const QString &label, const char *objectName)
{
    auto *value = new QLabel(QStringLiteral("—"), this);
    value->setObjectName(QLatin1String(objectName));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    value->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 18);
    form->addRow(label, value);
    return value;
}

void ChannelHistoryDialog::setProbeHistory(const ProbeRttHistory &history)
{
    m_probeHistory = history;
    drawProbeReadings();
}

void ChannelHistoryDialog::drawProbeReadings()
{
    QList<QPointF> points;
    for (const ProbeReading &reading : m_probeHistory.readings(m_channelId)) {
        if (reading.rttMs && reading.time >= m_from)
            points.append({double(reading.time.toMSecsSinceEpoch()), *reading.rttMs});
    }
    m_latency->setPoints(m_latency->series(tr("SIP probe round trip")), points);
}

void ChannelHistoryDialog::showReadings(const ChannelHealth &health, const QDateTime &takenAt, const QString &routedViaName)
{
    m_tenantStatus->setText(statusText(health.tenantStatus));
    QString verdict;
    switch (health.health) {
    case HealthState::Up: verdict = tr("up"); break;
    case HealthState::Down: verdict = tr("down"); break;
    case HealthState::Unknown: verdict = tr("not decided yet"); break;
    }
    if (health.failoverPaused)
        verdict += tr(" (automatic failover paused)");
    m_verdict->setText(verdict);
    m_routing->setText(health.routedVia.isEmpty()
                           ? tr("over this trunk")
                           : tr("via %1 (failed over)").arg(routedViaName.isEmpty() ? health.routedVia : routedViaName));
    m_readings->setText(tr("%1 · %2 · %3")
                            .arg(figureText(health.latencyMs, 0, tr(" ms")), figureText(health.jitterMs, 1, tr(" ms")),
                                 figureText(health.packetLossPct, 2, tr(" %"))));
    m_mos->setText(health.mos ? tr("%1 (codec %2)").arg(figureText(health.mos, 2, QString()),
                                                        health.codec.isEmpty() ? tr("default") : health.codec)
                              : tr("no data"));
    if (!health.probed)
        m_probe->setText(tr("not probed"));
    else
        m_probe->setText(health.probeSummary.isEmpty() ? tr("no answer yet") : health.probeSummary);
    m_readAt->setText(tr("status %1; telemetry of %2").arg(when(takenAt), when(health.telemetryAt)));
}

void ChannelHistoryDialog::reload()
{
    m_to = QDateTime::currentDateTimeUtc();
    m_from = m_to.addSecs(-m_range->currentData().toLongLong());
    m_qualityDone = false;
    m_trailDone = false;
    m_qualityError.clear();
    m_trailError.clear();
    m_quality.reset();
    m_latency->clearData();
    m_loss->clearData();
    m_latencyMarkers->clear();
    m_lossMarkers->clear();
    m_latency->setTimeRange(m_from, m_to);
    m_loss->setTimeRange(m_from, m_to);
    QualityRange range = planQualityRange(m_from, m_to);
    range.statistic = BucketStatistic::Worst;
    m_loader->load(m_channelId, range, QualitySettings{}, std::max(200, m_latency->width()));
    AuditFilter filter;
    filter.channelId = m_channelId;
    filter.from = m_from;
    filter.to = m_to;
    m_trail->setFilter(filter);
    if (m_trail->storePath().isEmpty()) {
        m_trailDone = true;
        m_trailError = tr("no audit trail is open for this connection");
    }
    updateStatus();
}

void ChannelHistoryDialog::onQualityLoaded(const QualityLoadResultPtr &result)
{
    if (result->channelId != m_channelId)
        return;
    m_qualityDone = true;
    m_quality = result;
    if (result->error) {
        m_qualityError = result->error->text();
    } else {
        m_latency->setPoints(m_latency->series(tr("Latency")), result->drawn.latencyMs);
        m_latency->setPoints(m_latency->series(tr("Jitter")), result->drawn.jitterMs);
        drawProbeReadings();
        m_latency->fitValues(50.0);
        m_loss->setPoints(m_loss->series(tr("Packet loss")), result->drawn.packetLossPct);
        m_loss->fitValues(1.0);
    }
    placeEventMarkers();
    updateStatus();
}

void ChannelHistoryDialog::onTrailPage(int rows, const QString &error)
{
    Q_UNUSED(rows)
    m_trailDone = true;
    m_trailError = error;
    placeEventMarkers();
    updateStatus();
}

void ChannelHistoryDialog::placeEventMarkers()
{
    // On the charts' top edge, once the value axes are fitted to the data.
    for (auto [chart, markers] : {std::pair{m_latency, m_latencyMarkers}, std::pair{m_loss, m_lossMarkers}}) {
        const double y = chart->valueAxis()->max() * 0.97;
        QList<QPointF> points;
        for (int row = 0; row < m_trail->rowCount(); ++row) {
            const AuditEntry *entry = m_trail->entryAt(row);
            if (entry != nullptr)
                points.append({double(entry->timestampMs), y});
        }
        markers->replace(points);
    }
}

void ChannelHistoryDialog::updateStatus()
{
    if (!m_qualityDone || !m_trailDone) {
        m_status->setText(tr("Reading the quality and the audit trail of %1 from %2 to %3…")
                              .arg(m_channelName, when(m_from), when(m_to)));
        return;
    }
    QStringList parts;
    int routing = 0;
    for (int row = 0; row < m_trail->rowCount(); ++row) {
        const AuditEntry *entry = m_trail->entryAt(row);
        routing += entry != nullptr && isRoutingChange(entry->eventType);
    }
    if (m_trailError.isEmpty()) {
        const int events = m_trail->rowCount();
        QString line = events == 1 ? tr("1 event in the audit trail") : tr("%1 events in the audit trail").arg(events);
        if (routing > 0)
            line += routing == 1 ? tr(" (1 routing change: a failover or failback)")
                                 : tr(" (%1 routing changes: failovers and failbacks)").arg(routing);
        parts.append(line);
    }
    else
        parts.append(tr("The audit trail could not be read: %1").arg(m_trailError));
    if (!m_qualityError.isEmpty())
        parts.append(tr("the quality could not be read: %1").arg(m_qualityError));
    else if (m_quality && m_quality->report.rows == 0)
        parts.append(tr("no telemetry in this period (nothing drawn, not zeros)"));
    else if (m_quality)
        parts.append(tr("%1 readings, the worst of each bucket drawn").arg(QLocale().toString(qlonglong(m_quality->report.rows))));
    m_status->setText(parts.join(QStringLiteral("; ")) + QLatin1Char('.'));
    emit loaded();
}

} // namespace cc::ui
