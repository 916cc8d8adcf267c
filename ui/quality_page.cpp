#include "quality_page.h"

#include "quality_chart_view.h"
#include "ui_quality_page.h"
#include "status_presentation.h"

#include "audit/audit_log.h"
#include "client/api_client.h"
#include "monitor/monitor.h"
#include "operations/media_path_optimizer.h"
#include "operations/quality_loader.h"
#include "quality/e_model.h"
#include "quality/quality_score.h"
#include "series/quality_csv.h"
#include "session/tenant_session.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QTextDocument>
#include <QRegularExpression>
#include <QImage>
#include <QDir>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QValueAxis>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

namespace cc::ui {

namespace {

qint64 rangeSeconds(QualityPage::Range range)
{
    switch (range) {
    case QualityPage::Range::LastHour: return 3600;
    case QualityPage::Range::Last6Hours: return 6 * 3600;
    case QualityPage::Range::Last24Hours: return 24 * 3600;
    case QualityPage::Range::Last7Days: return 7 * 24 * 3600;
    case QualityPage::Range::Custom: break;
    }
    return 3600;
}

QString bucketDescription(const QualityRange &range)
{
    if (!range.bucket || telemetryIntervalSeconds(*range.bucket) <= telemetryIntervalSeconds(range.interval))
        return {};
    const QString bucket = telemetryIntervalName(*range.bucket);
    switch (range.statistic) {
    case BucketStatistic::Worst: return QualityPage::tr(", drawn in %1 buckets showing the worst of each").arg(bucket);
    case BucketStatistic::P95: return QualityPage::tr(", drawn in %1 buckets showing the 95th percentile of each (the 5th for MOS)").arg(bucket);
    case BucketStatistic::Mean: return QualityPage::tr(", drawn in %1 buckets showing the mean of each").arg(bucket);
    }
    return {};
}

} // namespace

QualityPage::QualityPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::QualityPage>())
{
    m_ui->setupUi(this);
    m_ui->qualityRange->addItem(tr("Last hour"), QVariant::fromValue(Range::LastHour));
    m_ui->qualityRange->addItem(tr("Last 6 hours"), QVariant::fromValue(Range::Last6Hours));
    m_ui->qualityRange->addItem(tr("Last 24 hours"), QVariant::fromValue(Range::Last24Hours));
    m_ui->qualityRange->addItem(tr("Last 7 days"), QVariant::fromValue(Range::Last7Days));
    m_ui->qualityRange->addItem(tr("Custom…"), QVariant::fromValue(Range::Custom));
    m_ui->qualityStatistic->addItem(tr("Worst of each"), QVariant::fromValue(BucketStatistic::Worst));
    m_ui->qualityStatistic->addItem(tr("95th percentile of each"), QVariant::fromValue(BucketStatistic::P95));
    m_ui->qualityStatistic->addItem(tr("Mean of each"), QVariant::fromValue(BucketStatistic::Mean));
    const QDateTime now = QDateTime::currentDateTime();
    m_ui->qualityFrom->setDateTime(now.addSecs(-3 * 3600));
    m_ui->qualityTo->setDateTime(now);
    m_ui->qualitySummary->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 17);

    m_latency = new QualityChartView(tr("Latency and jitter"), tr("ms"), m_ui->qualityCharts);
    m_loss = new QualityChartView(tr("Packet loss"), tr("%"), m_ui->qualityCharts);
    m_mos = new QualityChartView(tr("MOS (E-model): good from %1, fair from %2").arg(kGoodMos).arg(kFairMos), tr("MOS"),
                                 m_ui->qualityCharts);

    m_latency->setObjectName(QStringLiteral("latencyChart"));
    m_latency->addSeries(tr("Latency"), QColor(0x15, 0x65, 0xc0));
    m_latency->addSeries(tr("Jitter"), QColor(0x6a, 0x1b, 0x9a));
    m_latency->addThreshold(tr("Latency limit %1 ms").arg(kLatencyThresholdMs), kLatencyThresholdMs, QColor(0xc6, 0x28, 0x28));
    m_latency->addThreshold(tr("Jitter limit %1 ms").arg(kJitterThresholdMs), kJitterThresholdMs, QColor(0xb2, 0x6a, 0x00));
    m_loss->setObjectName(QStringLiteral("lossChart"));
    m_loss->addSeries(tr("Packet loss"), QColor(0xc6, 0x28, 0x28));
    m_mos->setObjectName(QStringLiteral("mosChart"));
    m_mos->addBand(tr("Good"), kGoodMos, 4.5, QColor(46, 125, 50, 40));
    m_mos->addBand(tr("Fair"), kFairMos, kGoodMos, QColor(178, 106, 0, 40));
    m_mos->addBand(tr("Poor"), 1.0, kFairMos, QColor(198, 40, 40, 40));
    m_mos->addSeries(tr("MOS"), QColor(0x2e, 0x7d, 0x32));
    m_mos->setValueRange(1.0, 4.5);
    m_mos->valueAxis()->setLabelFormat(QStringLiteral("%.1f"));

    m_ui->chartsLayout->addWidget(m_latency, 0, 0, 1, 2);
    m_ui->chartsLayout->addWidget(m_loss, 1, 0);
    m_ui->chartsLayout->addWidget(m_mos, 1, 1);
    m_ui->chartsLayout->setRowStretch(0, 3);
    m_ui->chartsLayout->setRowStretch(1, 2);

    connect(m_ui->qualityChannel, &QComboBox::activated, this, &QualityPage::load);
    connect(m_ui->qualityRange, &QComboBox::activated, this, [this] {
        const bool custom = m_ui->qualityRange->currentData().value<Range>() == Range::Custom;
        m_ui->qualityFrom->setVisible(custom);
        m_ui->qualityTo->setVisible(custom);
        load();
    });
    connect(m_ui->qualityStatistic, &QComboBox::activated, this, [this] {
        if (m_result)
            load();
    });
    connect(m_ui->qualityLoad, &QPushButton::clicked, this, &QualityPage::load);
    connect(m_ui->proposeCodecOrder, &QPushButton::clicked, this, &QualityPage::proposeCodecOrder);
    connect(m_ui->exportPng, &QPushButton::clicked, this, [this] {
        const QString path = askSavePath(tr("Export chart as PNG"), QStandardPaths::PicturesLocation, QStringLiteral("png"),
                                         tr("PNG images (*.png)"));
        if (path.isEmpty())
            return;
        if (exportPng(path))
            m_ui->qualityStatus->setText(tr("Chart saved to %1").arg(QDir::toNativeSeparators(path)));
        else
            QMessageBox::warning(this, tr("Export chart"), tr("Could not write %1: choose another folder.").arg(path));
    });
    connect(m_ui->exportCsv, &QPushButton::clicked, this, [this] {
        const QString path = askSavePath(tr("Export data as CSV"), QStandardPaths::DocumentsLocation, QStringLiteral("csv"),
                                         tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        if (exportCsv(path, &error))
            m_ui->qualityStatus->setText(tr("Data saved to %1").arg(QDir::toNativeSeparators(path)));
        else
            QMessageBox::warning(this, tr("Export data"), error);
    });

    m_ui->qualityStatus->setText(tr("Connect to a tenant and choose a channel to see its quality."));
    m_ui->qualitySummary->setText(tr("<b>Summary</b><br>Nothing loaded yet."));
    updateButtons();
}

QualityPage::~QualityPage() = default;

void QualityPage::setSession(TenantSession *session)
{
    clearConnection();
    if (session == nullptr)
        return;
    m_client = session->client();
    m_audit = session->audit();
    m_tenant = session->tenantName();
    Monitor *monitor = session->monitor();
    // The loader's client lives in the loader's thread and signs in with the
    // session's token: no second sign-in for the charts.
    m_loader = std::make_unique<QualityLoader>(session->profile(), session->clientOptions());
    connect(m_loader.get(), &QualityLoader::progress, this, [this](int done, int total) {
        m_ui->qualityProgress->setRange(0, total);
        m_ui->qualityProgress->setValue(done);
    });
    connect(m_loader.get(), &QualityLoader::loaded, this, &QualityPage::onLoaded);
    m_monitor = monitor;
    if (monitor != nullptr) {
        connect(monitor, &Monitor::snapshotReady, this, [this](const MonitorSnapshotPtr &snapshot) {
            QList<QPair<QString, QString>> channels;
            channels.reserve(snapshot->channels.size());
            for (const ChannelHealth &health : snapshot->channels)
                channels.append({health.id, health.name});
            if (channels != m_channels)
                setChannels(channels);
        });
    }
    m_ui->qualityStatus->setText(tr("Choose a channel to see its quality."));
    m_ui->qualityChannel->setPlaceholderText(tr("Choose a channel"));
    updateButtons();
}

void QualityPage::clearConnection()
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = nullptr;
    m_loader.reset();
    m_client = nullptr;
    m_ui->qualityProgress->setVisible(false);
    m_ui->qualityChannel->setPlaceholderText(tr("Connect to choose a channel"));
    updateButtons();
}

void QualityPage::setChannels(const QList<QPair<QString, QString>> &channels)
{
    m_channels = channels;
    const QString current = currentChannelId();
    QList<QPair<QString, QString>> sorted = channels;
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.second, b.second) < 0;
    });
    m_ui->qualityChannel->clear();
    for (const auto &[id, name] : std::as_const(sorted))
        m_ui->qualityChannel->addItem(QStringLiteral("%1 (%2)").arg(name, id), id);
    const int index = m_ui->qualityChannel->findData(current);
    m_ui->qualityChannel->setCurrentIndex(index >= 0 ? index : -1);
    updateButtons();
}

void QualityPage::setRange(Range range)
{
    const int index = m_ui->qualityRange->findData(QVariant::fromValue(range));
    m_ui->qualityRange->setCurrentIndex(index);
    m_ui->qualityFrom->setVisible(range == Range::Custom);
    m_ui->qualityTo->setVisible(range == Range::Custom);
}

void QualityPage::setCustomRange(const QDateTime &from, const QDateTime &to)
{
    m_ui->qualityFrom->setDateTime(from.toLocalTime());
    m_ui->qualityTo->setDateTime(to.toLocalTime());
    setRange(Range::Custom);
}

void QualityPage::showChannel(const QString &channelId)
{
    int index = m_ui->qualityChannel->findData(channelId);
    if (index < 0) {
        m_ui->qualityChannel->addItem(channelId, channelId);
        index = m_ui->qualityChannel->count() - 1;
    }
    m_ui->qualityChannel->setCurrentIndex(index);
    load();
}

QString QualityPage::currentChannelId() const
{
    return m_ui->qualityChannel->currentData().toString();
}

QualityRange QualityPage::currentRange() const
{
    QualityRange range;
    const Range choice = m_ui->qualityRange->currentData().value<Range>();
    if (choice == Range::Custom) {
        range.from = m_ui->qualityFrom->dateTime().toUTC();
        range.to = m_ui->qualityTo->dateTime().toUTC();
    } else {
        range.to = QDateTime::currentDateTimeUtc();
        range.from = range.to.addSecs(-rangeSeconds(choice));
    }
    QualityRange planned = planQualityRange(range.from, range.to);
    planned.statistic = m_ui->qualityStatistic->currentData().value<BucketStatistic>();
    return planned;
}

int QualityPage::drawPoints() const
{
    // About one point per pixel of the widest chart's plot area.
    return std::max(200, int(m_latency->chart()->plotArea().width()));
}

bool QualityPage::isLoading() const
{
    return m_loader && m_loader->isLoading();
}

void QualityPage::load()
{
    const QString id = currentChannelId();
    if (!m_loader || id.isEmpty())
        return;
    const QualityRange range = currentRange();
    if (!range.from.isValid() || range.from >= range.to) {
        m_ui->qualityStatus->setText(tr("The range is empty: choose a start before its end."));
        return;
    }
    m_loader->load(id, range, QualitySettings{}, drawPoints());
    m_ui->qualityProgress->setRange(0, 0);
    m_ui->qualityProgress->setVisible(true);
    m_ui->qualityStatus->setText(tr("Loading %1 from %2 to %3 at %4 resolution…")
                          .arg(m_ui->qualityChannel->currentText(),
                               QLocale().toString(range.from.toLocalTime(), QLocale::ShortFormat),
                               QLocale().toString(range.to.toLocalTime(), QLocale::ShortFormat),
                               telemetryIntervalName(range.interval)));
    updateButtons();
}

void QualityPage::onLoaded(const QualityLoadResultPtr &result)
{
    m_ui->qualityProgress->setVisible(false);
    if (result->error) {
        m_ui->qualityStatus->setText(tr("Could not load the quality of %1: %2").arg(result->channelId, result->error->text()));
        updateButtons();
        emit loaded(result);
        return;
    }
    m_result = result;
    // One chart per event-loop turn: the window keeps painting and answering
    // between them instead of stalling for all three at once.
    const auto &drawn = result->drawn;
    drawChart(*result, m_latency, {{tr("Latency"), drawn.latencyMs}, {tr("Jitter"), drawn.jitterMs}}, 50.0);
    QTimer::singleShot(0, this, [this, result] {
        drawChart(*result, m_loss, {{tr("Packet loss"), result->drawn.packetLossPct}}, 1.0);
    });
    QTimer::singleShot(0, this, [this, result] {
        if (drawChart(*result, m_mos, {{tr("MOS"), result->drawn.mos}}, std::nullopt))
            emit loaded(result);   // every chart holds its points now
    });
    const qsizetype drawnPoints = drawn.totalPoints();
    m_ui->qualityStatus->setText(result->report.rows == 0
        ? tr("No telemetry for %1 in this range: nothing to draw (no data, not zeros).").arg(result->channelName)
        : tr("%1: %2 readings at %3%6; %4 of %5 points drawn (downsampled to the chart's width; the summary uses all of them).")
              .arg(result->channelName).arg(result->report.rows).arg(telemetryIntervalName(result->range.interval))
              .arg(drawnPoints).arg(result->fullPoints).arg(bucketDescription(result->range)));
    showSummary(*result);
    updateButtons();
}

QString QualityPage::askSavePath(const QString &title, QStandardPaths::StandardLocation where, const QString &extension,
                                 const QString &filter)
{
    return QFileDialog::getSaveFileName(this, title,
                                        QStandardPaths::writableLocation(where) + QLatin1Char('/') + defaultFileName(extension),
                                        filter);
}

bool QualityPage::drawChart(const QualityLoadResult &result, QualityChartView *chart,
                            const QList<QPair<QString, QList<QPointF>>> &series, std::optional<double> fitFromTop)
{
    if (m_result.get() != &result)
        return false;   // another load replaced it meanwhile
    chart->setTimeRange(result.range.from, result.range.to);
    for (const auto &[name, points] : series)
        chart->setPoints(chart->series(name), points);
    if (fitFromTop)
        chart->fitValues(*fitFromTop);
    return true;
}

void QualityPage::showSummary(const QualityLoadResult &result)
{
    const QualityReport &report = result.report;
    const QualityAssessment &avg = report.average;
    const QString required = !avg.optimizationRequired ? tr("unknown (no data)")
                             : *avg.optimizationRequired ? tr("<b style='color:#c62828'>yes</b>")
                                                         : tr("no");
    m_ui->qualitySummary->setText(tr("<b>Summary of all %1 readings</b><table cellspacing='3'>"
                          "<tr><td></td><td><i>average</i></td><td><i>95th pct</i></td></tr>"
                          "<tr><td>Latency</td><td>%2</td><td>%3</td></tr>"
                          "<tr><td>Jitter</td><td>%4</td><td>%5</td></tr>"
                          "<tr><td>Packet loss</td><td>%6</td><td>%7</td></tr></table>"
                          "<p>Quality score of the averages: <b>%8</b> (optimise below 80)<br>R factor of the averages: %9<br>"
                          "MOS of the averages: <b>%10</b> (codec %11)<br>"
                          "<small>%13</small><br>Optimisation required (from the averages): %12</p>")
                           .arg(report.rows)
                           .arg(figureText(avg.latencyMs, 1, tr(" ms")), figureText(report.p95LatencyMs, 1, tr(" ms")),
                                figureText(avg.jitterMs, 1, tr(" ms")), figureText(report.p95JitterMs, 1, tr(" ms")),
                                figureText(avg.packetLossPct, 2, tr(" %")), figureText(report.p95PacketLossPct, 2, tr(" %")),
                                figureText(avg.score, 1), figureText(avg.rFactor, 1), figureText(avg.mos, 2))
                           .arg(report.codec.isEmpty() ? tr("default") : report.codec, required,
                                tr("MOS by the %1").arg(QString::fromLatin1(kEModelDescription))));
    // The score is of the averages: say so when the worst readings tell another story.
    if (report.p95LatencyMs && *report.p95LatencyMs > kLatencyThresholdMs)
        m_ui->qualitySummary->setText(m_ui->qualitySummary->text()
                           + tr("<p><b style='color:#c62828'>The 95th-percentile latency (%1) is over the %2 ms limit</b>: "
                                "one reading in twenty is worse, which the averages' score does not show.</p>")
                                 .arg(figureText(report.p95LatencyMs, 1, tr(" ms")))
                                 .arg(kLatencyThresholdMs));
}

void QualityPage::updateButtons()
{
    const bool connected = m_loader != nullptr;
    const bool chosen = connected && !currentChannelId().isEmpty();
    m_ui->qualityLoad->setEnabled(chosen);
    m_ui->proposeCodecOrder->setEnabled(chosen && m_client);
    m_ui->exportPng->setEnabled(m_result != nullptr);
    m_ui->exportCsv->setEnabled(m_result != nullptr);
}

QString QualityPage::rangeDescription() const
{
    if (!m_result)
        return {};
    const QLocale locale;
    return tr("%1 to %2 (%3 readings)")
        .arg(locale.toString(m_result->range.from.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")),
             locale.toString(m_result->range.to.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")),
             telemetryIntervalName(m_result->range.interval));
}

QString QualityPage::defaultFileName(const QString &extension) const
{
    if (!m_result)
        return QStringLiteral("quality.") + extension;
    // Only characters every file system takes: the name may hold anything.
    QString name = m_result->channelName.isEmpty() ? m_result->channelId : m_result->channelName;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    name.replace(unsafe, QStringLiteral("_"));
    const QString from = m_result->range.from.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    const QString to = m_result->range.to.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    return QStringLiteral("quality-%1-%2-to-%3.%4").arg(name, from, to, extension);
}

bool QualityPage::exportPng(const QString &path)
{
    // The charts under a heading that says what they are: the channel, the
    // range and the summary's figures, so the picture stands on its own.
    const QPixmap charts = m_ui->qualityCharts->grab();
    QStringList heading;
    if (m_result) {
        heading << tr("%1 (%2)").arg(m_result->channelName, m_result->channelId) << rangeDescription();
        QTextDocument summary;
        summary.setHtml(m_ui->qualitySummary->text());
        heading << summary.toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts).join(QStringLiteral(" · "));
    }
    const QFontMetrics metrics(font());
    const int line = metrics.lineSpacing();
    QImage image(charts.width(), charts.height() + line * int(heading.size()) + (heading.isEmpty() ? 0 : 12),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Window));
    QPainter painter(&image);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(font());
    int y = 6;
    for (const QString &text : std::as_const(heading)) {
        painter.drawText(QRect(8, y, image.width() - 16, line), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(text, Qt::ElideRight, image.width() - 16));
        y += line;
    }
    painter.drawPixmap(0, image.height() - charts.height(), charts);
    painter.end();
    if (m_result) {
        image.setText(QStringLiteral("Title"), heading.value(0));
        image.setText(QStringLiteral("Description"), heading.mid(1).join(QLatin1Char('\n')));
    }
    return image.save(path, "PNG");
}

bool QualityPage::exportCsv(const QString &path, QString *error)
{
    if (!m_result) {
        if (error)
            *error = tr("Nothing loaded yet: choose a channel and a range first.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(qualityCsv(m_result->channelId, m_result->points, preferredCodecProfile(m_result->codecs),
                                 m_result->channelName)) < 0
        || !file.commit()) {
        if (error)
            *error = tr("Could not write %1 (%2): choose another folder.").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace cc::ui
