#include "channel_tile_delegate.h"

#include "channel_tile_model.h"
#include "status_presentation.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace cc::ui {

namespace {

constexpr int kTileWidth = 252;
constexpr int kTileHeight = 132;
constexpr int kMargin = 4;
constexpr int kBand = 6;

QColor statusColour(ChannelStatus status)
{
    switch (status) {
    case ChannelStatus::Healthy: return QColor(0x2e, 0x7d, 0x32);
    case ChannelStatus::Degraded: return QColor(0xb2, 0x6a, 0x00);
    case ChannelStatus::Unhealthy: return QColor(0xc6, 0x28, 0x28);
    case ChannelStatus::Active: return QColor(0x15, 0x65, 0xc0);
    case ChannelStatus::Provisioning:
    case ChannelStatus::Disabled: break;
    }
    return QColor(0x75, 0x75, 0x75);
}

QString figure(const std::optional<double> &value, int decimals, const QString &unit)
{
    if (!value)
        return QCoreApplication::translate("cc::ui::ChannelTileDelegate", "—");
    return QLocale().toString(*value, 'f', decimals) + unit;
}

} // namespace

ChannelTileDelegate::ChannelTileDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize ChannelTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return {kTileWidth, kTileHeight};
}

QString ChannelTileDelegate::statusLine(const ChannelTile &tile)
{
    QString line = tr("%1 · monitor: %2").arg(statusText(tile.health.tenantStatus), healthStateName(tile.health.health));
    if (tile.health.failoverPaused)
        line += tr(" · failover paused");
    return line;
}

QString ChannelTileDelegate::metricsLine(const ChannelTile &tile)
{
    if (!tile.hasData())
        return tr("No data: no telemetry in the last cycle");
    return tr("Latency %1 · Jitter %2")
        .arg(figure(tile.health.latencyMs, 0, tr(" ms")), figure(tile.health.jitterMs, 1, tr(" ms")));
}

QString ChannelTileDelegate::mosLine(const ChannelTile &tile)
{
    const QString loss = tile.health.packetLossPct
        ? tr("Loss %1 · ").arg(figure(tile.health.packetLossPct, 2, tr(" %")))
        : QString();
    if (!tile.health.mos)
        return loss + tr("MOS: no data");
    return loss + tr("MOS %1").arg(QLocale().toString(*tile.health.mos, 'f', 2));
}

QString ChannelTileDelegate::routingLine(const ChannelTile &tile)
{
    if (!tile.alarm.isEmpty())
        return tile.alarm;
    if (tile.health.routedVia.isEmpty()) {
        if (tile.carriesFor.isEmpty())
            return tr("Carries its own traffic");
        if (tile.carriesFor.size() == 1)
            return tr("Also carries %1's traffic").arg(tile.carriesFor.first());
        if (tile.carriesFor.size() == 2)
            return tr("Also carries %1's and %2's traffic").arg(tile.carriesFor.at(0), tile.carriesFor.at(1));
        return tr("Also carries the traffic of %1 and %2 others").arg(tile.carriesFor.first()).arg(tile.carriesFor.size() - 1);
    }
    if (!tile.routedSince.isValid())
        return tr("via %1").arg(tile.routedViaName);
    // The feed's format, so the two times read the same.
    return tr("via %1 since %2")
        .arg(tile.routedViaName, QLocale().toString(tile.routedSince.toLocalTime().time(), QStringLiteral("HH:mm:ss")));
}

QString ChannelTileDelegate::probeMarker(const ChannelTile &tile)
{
    const ChannelHealth &h = tile.health;
    if (!h.probed)
        return QString();
    // The arrow's shape tells the verdict without colour.
    QString marker;
    switch (h.probe) {
    case ProbeHealth::Up: marker = tr("SIP ▲"); break;
    case ProbeHealth::Down: marker = tr("SIP ▼"); break;
    case ProbeHealth::Unknown: marker = tr("SIP ?"); break;
    }
    if (h.probeCode > 0)
        marker += QLatin1Char(' ') + QString::number(h.probeCode);
    else if (!h.probeSummary.isEmpty())
        marker += tr(" no answer");
    if (h.probeRttMs)
        marker += tr(" · %1 ms").arg(QLocale().toString(*h.probeRttMs, 'f', *h.probeRttMs < 10 ? 1 : 0));
    if (h.probeDisagreement)
        marker += tr(" · disagrees");
    return marker;
}

QStringList ChannelTileDelegate::tileLines(const ChannelTile &tile)
{
    QStringList lines{tile.health.name.isEmpty() ? tile.health.id : tile.health.name, statusLine(tile)};
    if (const QString probe = probeMarker(tile); !probe.isEmpty())
        lines[0] += QStringLiteral("  ") + probe;
    if (tile.stale)
        lines.append(tr("Stale: %1").arg(tile.staleReason));
    lines << metricsLine(tile) << mosLine(tile) << routingLine(tile);
    return lines;
}

void ChannelTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *tile = index.data(ChannelTileModel::TileRole).value<const ChannelTile *>();
    if (tile == nullptr) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QRectF box = QRectF(option.rect).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QColor colour = tile->stale ? QColor(0x75, 0x75, 0x75) : statusColour(tile->health.tenantStatus);
    const bool selected = option.state.testFlag(QStyle::State_Selected);

    QPainterPath outline;
    outline.addRoundedRect(box, 5, 5);
    QColor fill = option.palette.color(QPalette::Base);
    if (tile->stale)
        fill = option.palette.color(QPalette::AlternateBase);
    painter->fillPath(outline, fill);
    painter->setPen(QPen(selected ? option.palette.color(QPalette::Highlight) : colour.lighter(140), selected ? 2.5 : 1.0));
    painter->drawPath(outline);
    QPainterPath band;
    band.addRoundedRect(QRectF(box.left(), box.top(), kBand, box.height()), 3, 3);
    painter->fillPath(band, colour);

    const QFontMetrics metrics(option.font);
    const int line = metrics.height() + 2;
    const qreal left = box.left() + kBand + 8;
    const qreal width = box.right() - left - 6;
    qreal y = box.top() + 6;

    // Name with the status icon (the icon's shape tells the status without colour).
    const int iconSize = metrics.height();
    statusIcon(tile->health.tenantStatus).paint(painter, QRect(int(left), int(y), iconSize, iconSize));
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.color(QPalette::Text));
    const QString name = tile->health.name.isEmpty() ? tile->health.id : tile->health.name;
    // The probe marker at the right of the name row, in the verdict's colour.
    const QString probe = probeMarker(*tile);
    const qreal probeWidth = probe.isEmpty() ? 0 : metrics.horizontalAdvance(probe) + 8;
    painter->drawText(QRectF(left + iconSize + 6, y, width - iconSize - 6 - probeWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight, int(width - iconSize - 6 - probeWidth)));
    if (!probe.isEmpty()) {
        const QColor probeColour = tile->health.probe == ProbeHealth::Up     ? statusColour(ChannelStatus::Healthy)
                                   : tile->health.probe == ProbeHealth::Down ? statusColour(ChannelStatus::Unhealthy)
                                                                              : QColor(0x75, 0x75, 0x75);
        painter->setFont(option.font);
        painter->setPen(probeColour);
        painter->drawText(QRectF(left + width - probeWidth, y, probeWidth, line), Qt::AlignRight | Qt::AlignVCenter, probe);
    }
    y += line;

    painter->setFont(option.font);
    painter->setPen(colour.darker(110));
    QString status = statusLine(*tile);
    if (tile->stale)
        status = tr("STALE · %1").arg(status);
    painter->drawText(QRectF(left, y, width, line), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(status, Qt::ElideRight, int(width)));
    y += line;

    const QColor text = option.palette.color(QPalette::Text);
    const QColor muted = option.palette.color(QPalette::PlaceholderText);
    painter->setPen(tile->hasData() ? text : muted);
    QFont metricsFont = option.font;
    metricsFont.setItalic(!tile->hasData());
    painter->setFont(metricsFont);
    painter->drawText(QRectF(left, y, width, line), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(metricsLine(*tile), Qt::ElideRight, int(width)));
    y += line;

    painter->setFont(option.font);
    painter->setPen(tile->health.mos ? text : muted);
    const QString mos = mosLine(*tile);
    const qreal mosWidth = metrics.horizontalAdvance(mos) + 10;
    painter->drawText(QRectF(left, y, mosWidth, line), Qt::AlignLeft | Qt::AlignVCenter, mos);
    paintSparkline(painter, QRectF(left + mosWidth, y + 2, width - mosWidth, line - 4), *tile, colour);
    y += line;

    QColor routingColour = tile->health.routedVia.isEmpty() && tile->carriesFor.isEmpty() ? muted : QColor(0x15, 0x65, 0xc0);
    if (!tile->alarm.isEmpty()) {
        routingColour = statusColour(ChannelStatus::Unhealthy);
        QFont alarmFont = option.font;
        alarmFont.setBold(true);
        painter->setFont(alarmFont);
    }
    painter->setPen(routingColour);
    painter->drawText(QRectF(left, y, width, line), Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(routingLine(*tile), Qt::ElideRight, int(width)));
    painter->restore();
}

void ChannelTileDelegate::paintSparkline(QPainter *painter, const QRectF &area, const ChannelTile &tile,
                                         const QColor &colour)
{
    double low = 0.0;
    double high = 0.0;
    int known = 0;
    for (const auto &value : tile.latencyHistory) {
        if (!value)
            continue;
        low = known == 0 ? *value : std::min(low, *value);
        high = known == 0 ? *value : std::max(high, *value);
        ++known;
    }
    if (known < 2 || area.width() < 10)
        return;
    const double span = std::max(high - low, 1.0);
    const qsizetype count = tile.latencyHistory.size();
    const double step = area.width() / double(std::max<qsizetype>(ChannelTile::kHistoryLength - 1, 1));
    const double x0 = area.right() - step * double(count - 1);
    QPainterPath path;
    bool drawing = false;
    for (qsizetype i = 0; i < count; ++i) {
        const auto &value = tile.latencyHistory.at(i);
        if (!value) {
            drawing = false;   // a cycle without data is a gap, not a zero
            continue;
        }
        const QPointF point(x0 + step * double(i), area.bottom() - (*value - low) / span * area.height());
        if (drawing)
            path.lineTo(point);
        else
            path.moveTo(point);
        drawing = true;
    }
    painter->setPen(QPen(colour, 1.4));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);
}

} // namespace cc::ui
