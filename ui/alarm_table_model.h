#pragma once
// The alarms as a table: id, state, severity and kind, channel, first seen,
// how long, who acknowledged or shelved it and why, and what stands. Fed the
// keeper's sets (AlarmSet), diffed by id so that the selection and the scroll
// position survive; states and durations follow the clock (setNow), so a
// shelf that runs out shows at once. RawValueRole holds what sorts: the State
// column's is the "worst first" order (new before acknowledged before
// shelved, critical before major before minor).

#include "alarms/alarm.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace cc::ui {

class AlarmTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmTableModel)

public:
    enum class Column { Id, State, Alarm, Channel, FirstSeen, Duration, HandledBy, Summary, Count };
    Q_ENUM(Column)
    enum Role { RawValueRole = Qt::UserRole + 1, AlarmNumberRole, ChannelIdRole };

    explicit AlarmTableModel(QObject *parent = nullptr);

    void setAlarms(const cc::AlarmSetPtr &set);
    // States and durations as of `now` (a shelf that ran out, a minute more).
    void setNow(const QDateTime &now);
    QDateTime now() const { return m_now; }

    const cc::Alarm *alarmAt(int row) const;
    const cc::Alarm *alarmByNumber(qint64 number) const;
    int rowOf(qint64 number) const { return m_rows.value(number, -1); }
    // Counts as of now().
    int count(cc::AlarmState state) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const cc::Alarm &alarm, Column column) const;
    QVariant rawValue(const cc::Alarm &alarm, Column column) const;
    void reindex();

    QList<cc::Alarm> m_alarms;
    QHash<qint64, int> m_rows;   // alarm number → row
    QDateTime m_now;
};

// "12 s", "4 min", "2 h 05 min", "3 d 4 h".
QString alarmDurationText(qint64 ms);

} // namespace cc::ui
