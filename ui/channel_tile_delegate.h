#pragma once
// Paints one dashboard tile from its ChannelTile: status colour band, icon and
// word (never colour alone), the latest latency / jitter / loss / MOS ("No
// data" when there is none, never zeros), a latency sparkline, where traffic is
// routed, a "stale" mark, and the SIP probe's marker when the monitor probes. Painting only: no widget per tile, so a view of
// 1,000 channels stays smooth.

#include <QStyledItemDelegate>

namespace cc::ui {

struct ChannelTile;

class ChannelTileDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelTileDelegate)

public:
    explicit ChannelTileDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The text lines a tile shows, top to bottom (for tests and accessibility).
    static QStringList tileLines(const ChannelTile &tile);
    static QString statusLine(const ChannelTile &tile);
    static QString metricsLine(const ChannelTile &tile);
    static QString mosLine(const ChannelTile &tile);
    static QString routingLine(const ChannelTile &tile);
    // The SIP probe marker ("SIP ▲ 200 · 12 ms", "SIP ▼ no answer"); empty when the monitor does not probe.
    static QString probeMarker(const ChannelTile &tile);

private:
    static void paintSparkline(QPainter *painter, const QRectF &area, const ChannelTile &tile, const QColor &colour);
};

} // namespace cc::ui
