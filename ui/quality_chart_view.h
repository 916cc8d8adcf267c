#pragma once
// One quality chart: time on a QDateTimeAxis (local time), values on a
// QValueAxis, line series fed with QXYSeries::replace() (one call per series,
// animations off), threshold lines and value bands drawn across the range, and
// the value under the mouse shown as a tooltip.

#include <QChartView>
#include <QDateTime>
#include <QList>
#include <QPointF>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace cc::ui {

class QualityChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityChartView)

public:
    QualityChartView(const QString &title, const QString &unit, QWidget *parent = nullptr);

    QLineSeries *addSeries(const QString &name, const QColor &colour);
    // A dashed horizontal line, e.g. the tutorial's 150 ms latency threshold.
    void addThreshold(const QString &name, double value, const QColor &colour);
    // A shaded band between two values, e.g. a MOS band.
    void addBand(const QString &name, double low, double high, const QColor &colour);

    void setTimeRange(const QDateTime &from, const QDateTime &to);
    // Replaces the series' points in one call.
    void setPoints(QLineSeries *series, const QList<QPointF> &points);
    // Fixed value axis (MOS) or, with fit, 0 up to the data and thresholds.
    void setValueRange(double low, double high);
    void fitValues(double minimumTop);
    void clearData();

    QList<QLineSeries *> dataSeries() const { return m_data; }
    QLineSeries *series(const QString &name) const;
    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis() const { return m_value; }
    QString unit() const { return m_unit; }
    // "Latency 153 ms at 10:42:10" for a hovered point.
    QString describePoint(const QLineSeries *series, const QPointF &point) const;

private:
    struct Threshold
    {
        QLineSeries *line;
        double value;
    };
    struct Band
    {
        QLineSeries *upper;
        QLineSeries *lower;
        double low;
        double high;
    };

    void attach(QAbstractSeries *series);

    QString m_unit;
    QDateTimeAxis *m_time;
    QValueAxis *m_value;
    QList<QLineSeries *> m_data;
    QList<Threshold> m_thresholds;
    QList<Band> m_bands;
    QDateTime m_from;
    QDateTime m_to;
    bool m_fixedValues = false;
};

} // namespace cc::ui
