#include "status_grid_view.h"

#include "channel_tile.h"
#include "channel_tile_delegate.h"
#include "channel_tile_model.h"
#include "grid_cell_painter.h"
#include "status_presentation.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>
#include <QPaintEvent>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

namespace cc::ui {

namespace {

constexpr int kMargin = 6;
constexpr int kGroupSpacing = 6;

int gapFor(int side)
{
    return side >= 16 ? 3 : 2;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QString ago(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return seconds == 1 ? StatusGridView::tr("1 second ago") : StatusGridView::tr("%1 seconds ago").arg(seconds);
    const qint64 minutes = seconds / 60;
    return minutes == 1 ? StatusGridView::tr("1 minute ago") : StatusGridView::tr("%1 minutes ago").arg(minutes);
}

QString channelCount(int count)
{
    return count == 1 ? StatusGridView::tr("1 channel") : StatusGridView::tr("%1 channels").arg(QLocale().toString(count));
}

} // namespace

StatusGridView::StatusGridView(QWidget *parent)
    : QAbstractItemView(parent)
{
    setObjectName(QStringLiteral("statusGrid"));
    setAccessibleName(tr("Status grid"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_Hover, false);
    m_clock.start();
    // Rings of "changed recently" fade with time, not only with new readings.
    auto *rings = new QTimer(this);
    rings->setInterval(10 * 1000);
    connect(rings, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.elapsed();
        bool any = false;
        for (auto it = m_changedAtMs.begin(); it != m_changedAtMs.end();) {
            if (now - it.value() > kRecentMs) {
                it = m_changedAtMs.erase(it);
                any = true;
            } else {
                ++it;
            }
        }
        if (any)
            viewport()->update();
    });
    rings->start();
}

StatusGridView::~StatusGridView() = default;

void StatusGridView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemView::model() != nullptr)
        disconnect(QAbstractItemView::model(), nullptr, this, nullptr);
    m_tiles = qobject_cast<ChannelTileModel *>(model);
    Q_ASSERT_X(model == nullptr || m_tiles != nullptr, "StatusGridView::setModel", "needs a ChannelTileModel");
    QAbstractItemView::setModel(model);
    if (model != nullptr) {
        connect(model, &QAbstractItemModel::rowsRemoved, this, &StatusGridView::doLayout);
        connect(model, &QAbstractItemModel::layoutChanged, this, &StatusGridView::doLayout);
    }
    m_lastState.clear();
    m_changedAtMs.clear();
    if (model != nullptr)
        noteStates(0, model->rowCount() - 1);
    doLayout();
}

void StatusGridView::setGrouping(GridGrouping grouping)
{
    if (grouping == m_grouping)
        return;
    m_grouping = grouping;
    doLayout();
}

void StatusGridView::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    doLayout();
}

void StatusGridView::setLargeType(bool large)
{
    m_large = large;
    m_largest = large ? 3 * kLargestCell / 2 : kLargestCell;
    doLayout();
}

const ChannelTile *StatusGridView::tileOf(int row) const
{
    return m_tiles != nullptr ? m_tiles->tileAt(row) : nullptr;
}

GridState StatusGridView::stateOf(const ChannelTile &tile) const
{
    const GridState state = gridStateOf(tile.health);
    // A stale reading says nothing about now: not "up".
    return tile.stale && state == GridState::Up ? GridState::NoData : state;
}

QString StatusGridView::groupKeyOf(const ChannelTile &tile) const
{
    switch (m_grouping) {
    case GridGrouping::Status: return gridStateName(stateOf(tile));
    case GridGrouping::Carrier: return tile.health.sipServer;
    case GridGrouping::FailoverGroup: return tile.health.failoverChannels.join(QLatin1Char(','));
    case GridGrouping::None: break;
    }
    return {};
}

QHash<GridState, int> StatusGridView::stateCounts() const
{
    QHash<GridState, int> counts;
    for (const Cell &cell : m_cells) {
        if (const ChannelTile *tile = tileOf(cell.row))
            counts[stateOf(*tile)] += 1;
    }
    return counts;
}

void StatusGridView::requestLayout()
{
    // Grouped by status, a change of state moves cells: not while someone points at one.
    if (m_grouping == GridGrouping::Status && viewport()->underMouse()) {
        m_layoutPending = true;
        viewport()->update();
        return;
    }
    doLayout();
}

void StatusGridView::doLayout()
{
    m_layoutPending = false;
    m_cells.clear();
    m_headers.clear();
    const int rows = m_tiles != nullptr ? m_tiles->rowCount() : 0;
    m_cellOfRow = QList<int>(rows, -1);
    m_groupKeyOfRow = QList<QString>(rows);
    m_columnsOfCell.clear();

    QList<ChannelHealth> healths;
    QList<int> rowOfHealth;
    healths.reserve(rows);
    rowOfHealth.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const ChannelTile *tile = tileOf(row);
        if (tile == nullptr)
            continue;
        if (!m_filter.isEmpty()
            && !m_tiles->index(row).data(ChannelTileModel::SearchTextRole).toString().contains(m_filter, Qt::CaseInsensitive))
            continue;
        ChannelHealth health = tile->health;
        if (tile->stale && gridStateOf(health) == GridState::Up) {
            // Grouped as it is drawn: a stale reading is "no data".
            health.latencyMs.reset();
            health.jitterMs.reset();
            health.packetLossPct.reset();
        }
        healths.append(std::move(health));
        rowOfHealth.append(row);
        m_groupKeyOfRow[row] = groupKeyOf(*tile);
    }
    const QList<ChannelGroup> groups = groupChannels(healths, m_grouping);

    QFont headerFont = font();
    headerFont.setBold(true);
    if (m_large)
        headerFont.setPointSizeF(headerFont.pointSizeF() * 1.6);
    const int headerHeight = m_grouping == GridGrouping::None ? 0 : QFontMetrics(headerFont).height() + 6;
    const int width = std::max(1, viewport()->width() - 2 * kMargin);
    const int height = std::max(1, viewport()->height() - 2 * kMargin);

    // The largest cell with which every group fits the height; the smallest (and a scroll bar) when none does.
    const auto heightFor = [&](int side) {
        const int pitch = side + gapFor(side);
        const int columns = std::max(1, (width + gapFor(side)) / pitch);
        int total = 0;
        for (const ChannelGroup &group : groups) {
            if (group.members.isEmpty())
                continue;
            total += headerHeight + int((group.members.size() + columns - 1) / columns) * pitch + kGroupSpacing;
        }
        return total - kGroupSpacing;
    };
    m_side = kSmallestCell;
    for (int side = m_largest; side >= kSmallestCell; --side) {
        if (heightFor(side) <= height) {
            m_side = side;
            break;
        }
    }
    const int gap = gapFor(m_side);
    const int pitch = m_side + gap;
    const int columns = std::max(1, (width + gap) / pitch);

    int y = kMargin;
    for (const ChannelGroup &group : groups) {
        if (group.members.isEmpty())
            continue;
        if (headerHeight > 0) {
            QHash<GridState, int> counts;
            for (int member : group.members)
                counts[gridStateOf(healths.at(member))] += 1;
            QString title = group.title;
            if (m_grouping == GridGrouping::Status) {
                for (GridState state : gridStatesWorstFirst()) {
                    if (gridStateName(state) == group.key)
                        title = gridStateText(state);
                }
            } else if (m_grouping == GridGrouping::FailoverGroup && !group.key.isEmpty()) {
                title = tr("Backed up by %1").arg(group.title);
            } else if (m_grouping == GridGrouping::FailoverGroup) {
                title = tr("No failover group");
            }
            QStringList parts{title, channelCount(int(group.members.size()))};
            if (m_grouping != GridGrouping::Status) {
                for (GridState state : gridStatesWorstFirst()) {
                    if (state != GridState::Up && counts.value(state) > 0)
                        parts.append(QStringLiteral("%1 %2").arg(counts.value(state)).arg(gridStateText(state).toLower()));
                }
            }
            m_headers.append({QRect(kMargin, y, width, headerHeight), parts.join(QStringLiteral(" · "))});
            y += headerHeight;
        }
        int column = 0;
        for (int member : group.members) {
            const int row = rowOfHealth.at(member);
            m_cellOfRow[row] = int(m_cells.size());
            m_cells.append({row, QRect(kMargin + column * pitch, y, m_side, m_side)});
            m_columnsOfCell.append(columns);
            if (++column == columns) {
                column = 0;
                y += pitch;
            }
        }
        if (column != 0)
            y += pitch;
        y += kGroupSpacing;
    }
    m_contentHeight = y - kGroupSpacing + kMargin;
    noteStates(0, rows - 1);
    updateGeometries();
    viewport()->update();
    setAccessibleDescription(tr("%1 shown").arg(channelCount(int(m_cells.size()))));
    emit layoutUpdated();
}

void StatusGridView::noteStates(int first, int last)
{
    const qint64 now = m_clock.elapsed();
    for (int row = std::max(0, first); row <= last; ++row) {
        const ChannelTile *tile = tileOf(row);
        if (tile == nullptr)
            continue;
        const GridState state = stateOf(*tile);
        const auto seen = m_lastState.constFind(tile->health.id);
        if (seen == m_lastState.cend()) {
            m_lastState.insert(tile->health.id, state);
        } else if (seen.value() != state) {
            m_lastState.insert(tile->health.id, state);
            m_changedAtMs.insert(tile->health.id, now);
        }
    }
}

void StatusGridView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
    const int first = topLeft.row();
    const int last = bottomRight.row();
    noteStates(first, last);
    bool relayout = !m_filter.isEmpty();   // the search text holds the status words
    for (int row = first; row <= last && !relayout; ++row) {
        const ChannelTile *tile = tileOf(row);
        if (tile != nullptr && row < m_groupKeyOfRow.size() && groupKeyOf(*tile) != m_groupKeyOfRow.at(row))
            relayout = true;
    }
    if (relayout)
        requestLayout();
    else
        viewport()->update();
    emit layoutUpdated();
}

void StatusGridView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    noteStates(start, end);   // the state a channel arrives in: its first change is a change
    doLayout();
}

void StatusGridView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    for (int row = start; row <= end; ++row) {
        if (const ChannelTile *tile = tileOf(row)) {
            m_lastState.remove(tile->health.id);
            m_changedAtMs.remove(tile->health.id);
        }
    }
}

void StatusGridView::reset()
{
    QAbstractItemView::reset();
    m_lastState.clear();
    m_changedAtMs.clear();
    if (model() != nullptr)
        noteStates(0, model()->rowCount() - 1);
    doLayout();
}

void StatusGridView::updateGeometries()
{
    verticalScrollBar()->setSingleStep(m_side + gapFor(m_side));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setRange(0, std::max(0, m_contentHeight - viewport()->height()));
    QAbstractItemView::updateGeometries();
}

void StatusGridView::resizeEvent(QResizeEvent *event)
{
    QAbstractItemView::resizeEvent(event);
    doLayout();
}

QRect StatusGridView::visualRect(const QModelIndex &index) const
{
    const int cell = index.isValid() ? cellIndexOfRow(index.row()) : -1;
    if (cell < 0)
        return {};
    return m_cells.at(cell).rect.translated(0, -verticalOffset());
}

void StatusGridView::scrollTo(const QModelIndex &index, ScrollHint)
{
    const int cell = index.isValid() ? cellIndexOfRow(index.row()) : -1;
    if (cell < 0)
        return;
    const QRect rect = m_cells.at(cell).rect;
    const int top = verticalOffset();
    if (rect.top() < top)
        verticalScrollBar()->setValue(rect.top() - kMargin);
    else if (rect.bottom() > top + viewport()->height())
        verticalScrollBar()->setValue(rect.bottom() - viewport()->height() + kMargin);
}

QModelIndex StatusGridView::indexAt(const QPoint &point) const
{
    if (m_tiles == nullptr)
        return {};
    const QPoint content = point + QPoint(0, verticalOffset());
    const int gap = gapFor(m_side);
    // Cells are in rows of equal pitch: a binary search by top, then a look along the row.
    const auto first = std::lower_bound(m_cells.cbegin(), m_cells.cend(), content.y() - m_side - gap,
                                        [](const Cell &cell, int y) { return cell.rect.top() < y; });
    for (auto it = first; it != m_cells.cend() && it->rect.top() <= content.y(); ++it) {
        if (it->rect.adjusted(0, 0, gap, gap).contains(content))
            return m_tiles->index(it->row);
    }
    return {};
}

QModelIndex StatusGridView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    if (m_cells.isEmpty() || m_tiles == nullptr)
        return {};
    int cell = cellIndexOfRow(currentIndex().row());
    if (cell < 0)
        return m_tiles->index(m_cells.first().row);
    const int columns = m_columnsOfCell.value(cell, 1);
    switch (cursorAction) {
    case MoveLeft:
    case MovePrevious: cell -= 1; break;
    case MoveRight:
    case MoveNext: cell += 1; break;
    case MoveUp: cell -= columns; break;
    case MoveDown: cell += columns; break;
    case MovePageUp: cell -= columns * std::max(1, viewport()->height() / (m_side + gapFor(m_side))); break;
    case MovePageDown: cell += columns * std::max(1, viewport()->height() / (m_side + gapFor(m_side))); break;
    case MoveHome: cell = 0; break;
    case MoveEnd: cell = int(m_cells.size()) - 1; break;
    }
    cell = std::clamp(cell, 0, int(m_cells.size()) - 1);
    return m_tiles->index(m_cells.at(cell).row);
}

int StatusGridView::horizontalOffset() const
{
    return 0;
}

int StatusGridView::verticalOffset() const
{
    return verticalScrollBar()->value();
}

bool StatusGridView::isIndexHidden(const QModelIndex &index) const
{
    return cellIndexOfRow(index.row()) < 0;
}

void StatusGridView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    const QModelIndex index = indexAt(rect.topLeft());
    if (index.isValid())
        selectionModel()->select(index, command);
    else if (command.testFlag(QItemSelectionModel::Clear))
        selectionModel()->clearSelection();
}

QRegion StatusGridView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    for (const QModelIndex &index : selection.indexes())
        region += visualRect(index).adjusted(-3, -3, 3, 3);
    return region;
}

QString StatusGridView::describe(const QModelIndex &index) const
{
    const ChannelTile *tile = index.isValid() ? tileOf(index.row()) : nullptr;
    if (tile == nullptr)
        return {};
    QStringList lines = ChannelTileDelegate::tileLines(*tile);
    lines.insert(1, tr("%1 · %2").arg(gridStateText(stateOf(*tile)), tile->health.id));
    if (const QString carrier = carrierOf(tile->health.sipServer); !carrier.isEmpty())
        lines.append(tr("Carrier: %1").arg(carrier));
    if (tile->health.probeDisagreement)
        lines.append(tr("The tenant and the SIP probe disagree"));
    // A reading applied but not yet flushed to the view is a change of this instant.
    const auto seen = m_lastState.constFind(tile->health.id);
    if (seen != m_lastState.cend() && seen.value() != stateOf(*tile))
        lines.append(tr("State changed just now"));
    else if (const auto changed = m_changedAtMs.constFind(tile->health.id); changed != m_changedAtMs.cend())
        lines.append(tr("State changed %1").arg(ago(m_clock.elapsed() - changed.value())));
    lines.append(tr("Double-click for its history"));
    return lines.join(QLatin1Char('\n'));
}

bool StatusGridView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = indexAt(help->pos());
        if (index.isValid())
            QToolTip::showText(help->globalPos(), describe(index), viewport(), visualRect(index));
        else
            QToolTip::hideText();
        return true;
    }
    case QEvent::Leave:
        if (m_layoutPending)
            doLayout();
        break;
    default:
        break;
    }
    return QAbstractItemView::viewportEvent(event);
}

void StatusGridView::mouseDoubleClickEvent(QMouseEvent *event)
{
    QAbstractItemView::mouseDoubleClickEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid())
        emit historyRequested(index.data(ChannelTileModel::ChannelIdRole).toString());
}

void StatusGridView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
        emit historyRequested(currentIndex().data(ChannelTileModel::ChannelIdRole).toString());
        event->accept();
        return;
    }
    QAbstractItemView::keyPressEvent(event);
}

void StatusGridView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    const QRect exposed = event->rect().translated(0, verticalOffset());
    const bool dark = isDark(palette());
    const QColor text = palette().color(QPalette::Text);
    painter.translate(0, -verticalOffset());

    QFont headerFont = font();
    headerFont.setBold(true);
    if (m_large)
        headerFont.setPointSizeF(headerFont.pointSizeF() * 1.6);
    painter.setFont(headerFont);
    painter.setPen(text);
    for (const Header &header : std::as_const(m_headers)) {
        if (header.rect.intersects(exposed))
            painter.drawText(header.rect.adjusted(0, 0, 0, -3), Qt::AlignLeft | Qt::AlignBottom, header.text);
    }

    GridCellPainter cells(m_side);
    const qint64 now = m_clock.elapsed();
    for (const Cell &cell : std::as_const(m_cells)) {
        if (!cell.rect.intersects(exposed))
            continue;
        const ChannelTile *tile = tileOf(cell.row);
        if (tile == nullptr)
            continue;
        const auto changed = m_changedAtMs.constFind(tile->health.id);
        cells.add(cell.rect, stateOf(*tile), changed != m_changedAtMs.cend() && now - changed.value() <= kRecentMs,
                  tile->health.probed && tile->health.probe == ProbeHealth::Down);
    }
    cells.paint(painter, dark, text);
    if (const int cell = cellIndexOfRow(currentIndex().row()); cell >= 0) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(m_cells.at(cell).rect.adjusted(-2, -2, 1, 1));
    }
    if (m_cells.isEmpty() && m_tiles != nullptr && m_tiles->rowCount() > 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No channel matches the filter"));
    }
}

} // namespace cc::ui
