#include "quality_chart_view.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace cc::ui {

namespace {

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

} // namespace

// The chart is handed to QChartView's constructor: QChartView(parent) makes a
// default chart of its own, and setChart() releases that one without deleting
// it (Qt's documentation: "users need to make sure the previous chart is
// deleted"), which leaked a QChart and its graphics items with every view
// (LeakSanitizer, about 30 KB each).
QualityChartView::QualityChartView(const QString &title, const QString &unit, QWidget *parent)
    : QChartView(newChart(title), parent)
    , m_unit(unit)
    , m_time(new QDateTimeAxis(this))
    , m_value(new QValueAxis(this))
{
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTitleText(tr("Local time"));
    m_time->setTickCount(7);
    // No range yet: every tick would read 00:00 (the epoch), so none is labelled.
    m_time->setLabelsVisible(false);
    m_value->setTitleText(unit);
    m_value->setLabelFormat(QStringLiteral("%.4g"));
    setRenderHint(QPainter::Antialiasing, true);
    setMinimumHeight(180);
}

void QualityChartView::attach(QAbstractSeries *series)
{
    chart()->addSeries(series);
    // Qt 6.4 lays out no date-time axis that joined a chart already in a view
    // before any series: the axes join with the first series instead.
    if (!chart()->axes().contains(m_time)) {
        chart()->addAxis(m_time, Qt::AlignBottom);
        chart()->addAxis(m_value, Qt::AlignLeft);
    }
    series->attachAxis(m_time);
    series->attachAxis(m_value);
}

QLineSeries *QualityChartView::addSeries(const QString &name, const QColor &colour)
{
    auto *series = new QLineSeries;
    series->setName(name);
    series->setPen(QPen(colour, 1.5));
    attach(series);
    m_data.append(series);
    connect(series, &QXYSeries::hovered, this, [this, series](const QPointF &point, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), describePoint(series, point), this);
        else
            QToolTip::hideText();
    });
    return series;
}

void QualityChartView::addThreshold(const QString &name, double value, const QColor &colour)
{
    auto *line = new QLineSeries;
    line->setName(name);
    QPen pen(colour, 1.2, Qt::DashLine);
    line->setPen(pen);
    attach(line);
    m_thresholds.append({line, value});
}

void QualityChartView::addBand(const QString &name, double low, double high, const QColor &colour)
{
    auto *upper = new QLineSeries(this);
    auto *lower = new QLineSeries(this);
    auto *area = new QAreaSeries(upper, lower);
    area->setName(name);
    area->setPen(Qt::NoPen);
    area->setBrush(colour);
    attach(area);
    m_bands.append({upper, lower, low, high});
}

void QualityChartView::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    m_from = from;
    m_to = to;
    m_time->setRange(from.toLocalTime(), to.toLocalTime());
    m_time->setLabelsVisible(from.isValid() && to.isValid() && from < to);
    m_time->setFormat(from.secsTo(to) > 26 * 3600 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm"));
    const double x0 = double(from.toMSecsSinceEpoch());
    const double x1 = double(to.toMSecsSinceEpoch());
    for (const Threshold &threshold : std::as_const(m_thresholds))
        threshold.line->replace(QList<QPointF>{{x0, threshold.value}, {x1, threshold.value}});
    for (const Band &band : std::as_const(m_bands)) {
        band.upper->replace(QList<QPointF>{{x0, band.high}, {x1, band.high}});
        band.lower->replace(QList<QPointF>{{x0, band.low}, {x1, band.low}});
    }
}

void QualityChartView::setPoints(QLineSeries *series, const QList<QPointF> &points)
{
    series->replace(points);
}

void QualityChartView::setValueRange(double low, double high)
{
    m_fixedValues = true;
    m_value->setRange(low, high);
}

void QualityChartView::fitValues(double minimumTop)
{
    if (m_fixedValues)
        return;
    double top = minimumTop;
    for (const QLineSeries *series : std::as_const(m_data)) {
        const QList<QPointF> points = series->points();
        for (const QPointF &point : points)
            top = std::max(top, point.y());
    }
    for (const Threshold &threshold : std::as_const(m_thresholds))
        top = std::max(top, threshold.value);
    m_value->setRange(0.0, top * 1.1);
    m_value->applyNiceNumbers();
}

void QualityChartView::clearData()
{
    for (QLineSeries *series : std::as_const(m_data))
        series->clear();
}

QLineSeries *QualityChartView::series(const QString &name) const
{
    for (QLineSeries *series : m_data) {
        if (series->name() == name)
            return series;
    }
    return nullptr;
}

QString QualityChartView::describePoint(const QLineSeries *series, const QPointF &point) const
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(point.x()), Qt::UTC).toLocalTime();
    return tr("%1 %2 %3 at %4")
        .arg(series->name(), QLocale().toString(point.y(), 'f', 2), m_unit,
             QLocale().toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

} // namespace cc::ui
