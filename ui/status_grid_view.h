#pragma once
// The status grid: one small cell per channel of a ChannelTileModel, coloured
// and shaped by its state (up, degraded, down, failed over, no data, paused:
// never colour alone), grouped by status, carrier, failover group or not at
// all, sized so that 5,000 channels fit a 1920×1080 screen without scrolling.
//
// Cells keep their place: within a group channels are in name order, and when
// grouping by status a change that would move cells waits while the mouse is
// over the grid. A cell whose state changed in the last kRecentMs carries a
// ring ("changed recently") instead. A corner mark shows a failing SIP probe.
// Hover: the channel's name, state, readings and routing; click: select;
// double-click or Enter: historyRequested. Painting only (no widget per cell),
// and the layout is recomputed only when a cell's group can have changed.

#include "overview/channel_grouping.h"
#include "overview/grid_state.h"

#include <QAbstractItemView>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>

namespace cc::ui {

class ChannelTileModel;
struct ChannelTile;

class StatusGridView final : public QAbstractItemView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusGridView)

public:
    static constexpr int kRecentMs = 120 * 1000;
    static constexpr int kLargestCell = 30;
    static constexpr int kSmallestCell = 9;

    explicit StatusGridView(QWidget *parent = nullptr);
    ~StatusGridView() override;

    // The model must be a ChannelTileModel (the dashboard's).
    void setModel(QAbstractItemModel *model) override;

    GridGrouping grouping() const { return m_grouping; }
    void setGrouping(GridGrouping grouping);
    // Shows only the channels whose search text contains `text` (the tile filter's rule).
    void setFilterText(const QString &text);
    // Larger group titles, for the wall screen.
    void setLargeType(bool large);

    int shownCount() const { return int(m_cells.size()); }
    // The side of one cell as laid out now, in pixels.
    int cellSide() const { return m_side; }
    // Channels per state among those shown.
    QHash<GridState, int> stateCounts() const;
    // What the tooltip of a cell says.
    QString describe(const QModelIndex &index) const;

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;

signals:
    void historyRequested(const QString &channelId);
    // The layout changed: how many channels are shown, and the counts per state.
    void layoutUpdated();

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void reset() override;
    void updateGeometries() override;

    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Cell
    {
        int row = -1;          // in the model
        QRect rect;            // in content coordinates (before scrolling)
    };
    struct Header
    {
        QRect rect;
        QString text;
    };

    const ChannelTile *tileOf(int row) const;
    GridState stateOf(const ChannelTile &tile) const;
    QString groupKeyOf(const ChannelTile &tile) const;
    // Rebuilds groups and cells now, or once the mouse leaves when a status
    // grouping would move cells under it.
    void requestLayout();
    void doLayout();
    void noteStates(int first, int last);
    int cellIndexOfRow(int row) const { return row >= 0 && row < m_cellOfRow.size() ? m_cellOfRow.at(row) : -1; }

    ChannelTileModel *m_tiles = nullptr;
    GridGrouping m_grouping = GridGrouping::None;
    QString m_filter;
    bool m_large = false;
    int m_largest = kLargestCell;
    bool m_layoutPending = false;

    QList<Cell> m_cells;          // display order
    QList<int> m_cellOfRow;       // model row -> index in m_cells, -1 when not shown
    QList<Header> m_headers;
    QList<QString> m_groupKeyOfRow;
    QList<int> m_columnsOfCell;   // columns of the group a cell is in (for Up/Down keys)
    int m_side = kLargestCell;    // cell side
    int m_contentHeight = 0;

    // Last state seen per channel id, and when it last changed (for the ring).
    QHash<QString, GridState> m_lastState;
    QHash<QString, qint64> m_changedAtMs;
    QElapsedTimer m_clock;
};

} // namespace cc::ui
