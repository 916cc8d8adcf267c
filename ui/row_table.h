#pragma once
// What the console's long tables share: a read-only table of whole rows that
// stays fast with thousands of them, and selecting a model's row behind the
// table's sort and filter proxy.

#include <QAbstractItemView>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QVariant>

QT_BEGIN_NAMESPACE
class QSortFilterProxyModel;
class QTableView;
QT_END_NAMESPACE

namespace cc::ui {

// Whole rows selected (`mode`), no editing, alternating colours, no word wrap,
// no row header, the last column stretched, and fixed row heights of the
// font's height plus `rowPaddingPx`: a view of thousands of rows never
// measures them one by one.
void setUpRowTable(QTableView *view, QAbstractItemView::SelectionMode mode, int rowPaddingPx);

// Fixed widths, each a column's number and its width in `unitPx` (an em of the
// view's font, say): thousands of rows are never measured to size a column.
void setColumnWidths(QTableView *view, int unitPx, const QList<QPair<int, int>> &columnUnits);

// A table model's headerData(): `titles` across the top, one a column in
// order; anything else as QAbstractItemModel answers it.
QVariant columnTitle(const QAbstractItemModel &model, const QStringList &titles, int section,
                     Qt::Orientation orientation, int role);

// Makes row `sourceRow` of the proxy's source model the view's current row
// and scrolls to it; nothing when there is no such row or the proxy hides it.
void selectSourceRow(QAbstractItemView *view, const QSortFilterProxyModel *proxy, int sourceRow);

} // namespace cc::ui
