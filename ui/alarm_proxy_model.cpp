#include "alarm_proxy_model.h"

#include "alarm_table_model.h"

namespace cc::ui {

AlarmProxyModel::AlarmProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AlarmTableModel::RawValueRole);
    setDynamicSortFilter(true);
}

void AlarmProxyModel::setFilter(const AlarmFilter &filter)
{
    m_filter = filter;
    invalidateFilter();
}

bool AlarmProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    Q_UNUSED(sourceParent)
    const auto *model = qobject_cast<const AlarmTableModel *>(sourceModel());
    const Alarm *alarm = model ? model->alarmAt(sourceRow) : nullptr;
    return alarm != nullptr && m_filter.matches(*alarm, model->now());
}

} // namespace cc::ui
