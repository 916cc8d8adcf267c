#pragma once
// The Alarms page's view of the alarm table: filtered by an AlarmFilter (the
// predicate is core's) and sorted by the model's raw values.

#include "alarms/alarm_filter.h"

#include <QSortFilterProxyModel>

namespace cc::ui {

class AlarmProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmProxyModel)

public:
    explicit AlarmProxyModel(QObject *parent = nullptr);

    void setFilter(const cc::AlarmFilter &filter);
    const cc::AlarmFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    cc::AlarmFilter m_filter;
};

} // namespace cc::ui
