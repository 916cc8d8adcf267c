#include "alarm_table_model.h"

#include "row_table.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSet>

namespace cc::ui {

namespace {

// More rows going at once than this: the model is reset instead of shrunk row by row.
constexpr int kRemovalsBeforeReset = 200;

int stateRank(AlarmState state)
{
    switch (state) {
    case AlarmState::New: return 0;
    case AlarmState::Acknowledged: return 1;
    case AlarmState::Shelved: return 2;
    case AlarmState::Cleared: return 3;
    }
    return 3;
}

QColor severityColour(AlarmSeverity severity)
{
    switch (severity) {
    case AlarmSeverity::Critical: return QColor(0xd3, 0x2f, 0x2f);
    case AlarmSeverity::Major: return QColor(0xef, 0x6c, 0x00);
    case AlarmSeverity::Minor: return QColor(0xf9, 0xa8, 0x25);
    }
    return Qt::gray;
}

// Each severity its own shape as well as colour: a square, a triangle, a circle.
QPixmap severityMark(AlarmSeverity severity)
{
    static QHash<int, QPixmap> cache;
    const int key = static_cast<int>(severity);
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(severityColour(severity));
    switch (severity) {
    case AlarmSeverity::Critical: painter.drawRect(QRectF(1.5, 1.5, 11, 11)); break;
    case AlarmSeverity::Major: {
        const QPointF triangle[3] = {QPointF(7, 1), QPointF(13, 13), QPointF(1, 13)};
        painter.drawPolygon(triangle, 3);
        break;
    }
    case AlarmSeverity::Minor: painter.drawEllipse(QRectF(2, 2, 10, 10)); break;
    }
    painter.end();
    cache.insert(key, pixmap);
    return pixmap;
}

QString timeText(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return QString();
    const QDateTime local = time.toLocalTime();
    return local.date() == now.toLocalTime().date() ? QLocale().toString(local.time(), QStringLiteral("HH:mm:ss"))
                                                    : QLocale().toString(local, QStringLiteral("yyyy-MM-dd HH:mm"));
}

// Whether two versions of an alarm show the same (its last-seen time moves every cycle and is not shown).
bool sameOnScreen(const Alarm &a, const Alarm &b)
{
    return a.summary == b.summary && a.channelName == b.channelName && a.firstSeen == b.firstSeen
        && a.clearedAt == b.clearedAt && a.acknowledgedAt == b.acknowledgedAt && a.acknowledgedBy == b.acknowledgedBy
        && a.ackComment == b.ackComment && a.shelvedUntil == b.shelvedUntil && a.shelvedBy == b.shelvedBy
        && a.shelveReason == b.shelveReason;
}

} // namespace

QString alarmDurationText(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, ms / 1000);
    if (seconds < 60)
        return AlarmTableModel::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return AlarmTableModel::tr("%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return AlarmTableModel::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60, 2, 10, QLatin1Char('0'));
    return AlarmTableModel::tr("%1 d %2 h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

AlarmTableModel::AlarmTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void AlarmTableModel::setAlarms(const AlarmSetPtr &set)
{
    const QList<Alarm> incoming = set ? set->alarms : QList<Alarm>();
    QHash<qint64, int> wanted;
    wanted.reserve(incoming.size());
    for (int i = 0; i < incoming.size(); ++i)
        wanted.insert(incoming.at(i).number, i);
    if (set && set->at.isValid())
        m_now = std::max(m_now, set->at);

    int removals = 0;
    for (const Alarm &alarm : std::as_const(m_alarms))
        removals += wanted.contains(alarm.number) ? 0 : 1;
    if (removals > kRemovalsBeforeReset) {
        beginResetModel();
        m_alarms = incoming;
        reindex();
        endResetModel();
        return;
    }
    for (int row = static_cast<int>(m_alarms.size()) - 1; row >= 0; --row) {
        if (wanted.contains(m_alarms.at(row).number))
            continue;
        beginRemoveRows({}, row, row);
        m_alarms.removeAt(row);
        endRemoveRows();
    }
    reindex();
    // Only the rows whose shown values changed, in runs: a set where one alarm
    // was acknowledged re-sorts one row, not five thousand.
    int runStart = -1;
    for (int row = 0; row <= rowCount(); ++row) {
        bool changed = false;
        if (row < rowCount()) {
            const Alarm &next = incoming.at(wanted.value(m_alarms.at(row).number));
            changed = !sameOnScreen(m_alarms.at(row), next);
            m_alarms[row] = next;
        }
        if (changed && runStart < 0)
            runStart = row;
        if (!changed && runStart >= 0) {
            emit dataChanged(index(runStart, 0), index(row - 1, columnCount() - 1));
            runStart = -1;
        }
    }
    QList<Alarm> added;
    for (const Alarm &alarm : incoming) {
        if (!m_rows.contains(alarm.number))
            added.append(alarm);
    }
    if (!added.isEmpty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        m_alarms += added;
        reindex();
        endInsertRows();
    }
}

void AlarmTableModel::setNow(const QDateTime &now)
{
    const QDateTime before = m_now;
    m_now = now;
    if (m_alarms.isEmpty())
        return;
    // A shelf that ran out, or a cleared alarm's "ago": those rows whole (they may move or leave a filter).
    for (int row = 0; row < rowCount(); ++row) {
        const Alarm &alarm = m_alarms.at(row);
        if (!alarm.isOpen() || alarm.stateAt(before) != alarm.stateAt(now))
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    }
    // Durations grow: that column alone, which the order rarely follows.
    emit dataChanged(index(0, int(Column::Duration)), index(rowCount() - 1, int(Column::Duration)));
}

void AlarmTableModel::reindex()
{
    m_rows.clear();
    m_rows.reserve(m_alarms.size());
    for (int i = 0; i < m_alarms.size(); ++i)
        m_rows.insert(m_alarms.at(i).number, i);
}

const Alarm *AlarmTableModel::alarmAt(int row) const
{
    return row >= 0 && row < m_alarms.size() ? &m_alarms.at(row) : nullptr;
}

const Alarm *AlarmTableModel::alarmByNumber(qint64 number) const
{
    return alarmAt(rowOf(number));
}

int AlarmTableModel::count(AlarmState state) const
{
    int n = 0;
    for (const Alarm &alarm : m_alarms)
        n += alarm.stateAt(m_now) == state ? 1 : 0;
    return n;
}

int AlarmTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_alarms.size());
}

int AlarmTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant AlarmTableModel::display(const Alarm &alarm, Column column) const
{
    const AlarmState state = alarm.stateAt(m_now);
    switch (column) {
    case Column::Id: return alarm.id();
    case Column::State:
        if (state == AlarmState::Shelved)
            return tr("Shelved until %1").arg(QLocale().toString(alarm.shelvedUntil.toLocalTime().time(), QStringLiteral("HH:mm")));
        if (state == AlarmState::Cleared)
            return tr("Cleared %1 ago").arg(alarmDurationText(alarm.clearedAt.msecsTo(m_now)));
        return alarmStateLabel(state);
    case Column::Alarm: return QStringLiteral("%1 · %2").arg(alarmSeverityLabel(alarm.severity()), alarmKindLabel(alarm.kind));
    case Column::Channel:
        return alarm.channelId.isEmpty() ? tr("(the tenant)") : alarm.channelName.isEmpty() ? alarm.channelId : alarm.channelName;
    case Column::FirstSeen: return timeText(alarm.firstSeen, m_now);
    case Column::Duration: return alarmDurationText(alarm.durationMsAt(m_now));
    case Column::HandledBy:
        if (state == AlarmState::Shelved)
            return alarm.shelveReason.isEmpty() ? alarm.shelvedBy : tr("%1: %2").arg(alarm.shelvedBy, alarm.shelveReason);
        if (alarm.acknowledgedAt.isValid())
            return tr("%1: %2").arg(alarm.acknowledgedBy, alarm.ackComment);
        return QString();
    case Column::Summary: return alarm.summary;
    case Column::Count: break;
    }
    return {};
}

QVariant AlarmTableModel::rawValue(const Alarm &alarm, Column column) const
{
    switch (column) {
    case Column::Id: return alarm.number;
    case Column::State:
        // Worst first: the state, then the severity, then the oldest.
        return stateRank(alarm.stateAt(m_now)) * 10 + (2 - static_cast<int>(alarm.severity()));
    case Column::Alarm: return (2 - static_cast<int>(alarm.severity())) * 100 + static_cast<int>(alarm.kind);
    case Column::FirstSeen: return alarm.firstSeen.toMSecsSinceEpoch();
    case Column::Duration: return alarm.durationMsAt(m_now);
    case Column::Channel:
    case Column::HandledBy:
    case Column::Summary:
        return display(alarm, column).toString().toLower();
    case Column::Count: break;
    }
    return {};
}

QVariant AlarmTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alarm &alarm = m_alarms.at(index.row());
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole: return display(alarm, column);
    case RawValueRole: return rawValue(alarm, column);
    case AlarmNumberRole: return alarm.number;
    case ChannelIdRole: return alarm.channelId;
    case Qt::DecorationRole:
        if (column == Column::Alarm)
            return severityMark(alarm.severity());
        return {};
    case Qt::FontRole:
        // What asks for a person stands out (its id and state); what is handled recedes.
        if (alarm.stateAt(m_now) == AlarmState::New && (column == Column::Id || column == Column::State)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (alarm.stateAt(m_now) == AlarmState::Shelved || alarm.stateAt(m_now) == AlarmState::Cleared) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == Column::State && alarm.stateAt(m_now) == AlarmState::New)
            return QBrush(severityColour(AlarmSeverity::Critical));
        return {};
    case Qt::ToolTipRole:
        if (column == Column::Summary || column == Column::HandledBy)
            return display(alarm, column);
        if (column == Column::Alarm)
            return QString(alarmKindLabel(alarm.kind) + QStringLiteral(": ") + alarm.summary);
        return {};
    default:
        return {};
    }
}

QVariant AlarmTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // In Column order.
    const QStringList titles{tr("Id"), tr("State"), tr("Alarm"), tr("Channel"), tr("First seen"), tr("For"),
                             tr("Acknowledged / shelved by"), tr("What stands")};
    return columnTitle(*this, titles, section, orientation, role);
}

} // namespace cc::ui
