#include "row_table.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace cc::ui {

void setUpRowTable(QTableView *view, QAbstractItemView::SelectionMode mode, int rowPaddingPx)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(mode);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + rowPaddingPx);
    view->horizontalHeader()->setStretchLastSection(true);
}

void setColumnWidths(QTableView *view, int unitPx, const QList<QPair<int, int>> &columnUnits)
{
    for (const auto &[column, units] : columnUnits)
        view->setColumnWidth(column, units * unitPx);
}

QVariant columnTitle(const QAbstractItemModel &model, const QStringList &titles, int section,
                     Qt::Orientation orientation, int role)
{
    Q_ASSERT(titles.size() == model.columnCount());
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return model.QAbstractItemModel::headerData(section, orientation, role);
    return section >= 0 && section < titles.size() ? QVariant(titles.at(section)) : QVariant();
}

void selectSourceRow(QAbstractItemView *view, const QSortFilterProxyModel *proxy, int sourceRow)
{
    if (sourceRow < 0 || sourceRow >= proxy->sourceModel()->rowCount())
        return;
    const QModelIndex index = proxy->mapFromSource(proxy->sourceModel()->index(sourceRow, 0));
    if (!index.isValid())
        return;
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
}

} // namespace cc::ui
