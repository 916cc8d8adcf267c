#pragma once
// What the console's long tables share: a read-only table of whole rows that
// stays fast with thousands of them, and selecting a model's row behind the
// table's sort and filter proxy.

#include <QAbstractItemView>

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

// Makes row `sourceRow` of the proxy's source model the view's current row
// and scrolls to it; nothing when there is no such row or the proxy hides it.
void selectSourceRow(QAbstractItemView *view, const QSortFilterProxyModel *proxy, int sourceRow);

} // namespace cc::ui
