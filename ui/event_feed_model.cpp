#include "event_feed_model.h"

#include "monitor/health_state.h"

#include <QApplication>
#include <algorithm>
#include <iterator>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QLocale>
#include <QStyle>

namespace cc::ui {

namespace {

bool isProblem(const QString &type)
{
    return type == events::kFailoverFailed || type == events::kFailbackFailed || type == events::kAlarm
        || type == events::kCycleFailed || type == events::kMediaPathOptimizationFailed;
}

bool isAction(const QString &type)
{
    return type == events::kFailoverDone || type == events::kFailbackDone || type == events::kFailoverStarted
        || type == events::kFailbackStarted || type == events::kMediaPathOptimized;
}

// At most this many channels found down are named on the first-verdicts line.
constexpr int kNamedDown = 3;

} // namespace

const QString EventFeedModel::kFirstVerdictsType = QStringLiteral("first_verdicts");

EventFeedModel::EventFeedModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int EventFeedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant EventFeedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MonitorEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return describe(event);
    case Qt::ToolTipRole:
        return QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Indented));
    case Qt::DecorationRole: {
        // The style draws its icons from files: made once, not for every row
        // the view lays out.
        if (m_icons.isEmpty()) {
            QStyle *style = QApplication::style();
            m_icons = {style->standardIcon(QStyle::SP_MessageBoxWarning), style->standardIcon(QStyle::SP_BrowserReload),
                       style->standardIcon(QStyle::SP_MessageBoxInformation)};
        }
        if (isProblem(event.type)
            || (event.type == kFirstVerdictsType && event.details.value(QStringLiteral("down")).toInt() > 0))
            return m_icons.at(0);
        if (isAction(event.type))
            return m_icons.at(1);
        return m_icons.at(2);
    }
    case EventTypeRole:
        return event.type;
    case ChannelIdRole:
        return event.channelId;
    case SearchTextRole:
        return QStringList{describe(event), event.channelId, event.type}.join(QLatin1Char(' '));
    default:
        return {};
    }
}

QString EventFeedModel::describe(const MonitorEvent &event) const
{
    const QString time = QLocale().toString(event.time.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
    if (event.type == kFirstVerdictsType) {
        const QJsonObject &d = event.details;
        QString line = tr("%1  First verdicts: %2 up, %3 down")
                           .arg(time)
                           .arg(d.value(QStringLiteral("up")).toInt())
                           .arg(d.value(QStringLiteral("down")).toInt());
        QStringList named;
        for (const QJsonValue &id : d.value(QStringLiteral("down_ids")).toArray())
            named.append(m_names.value(id.toString(), id.toString()));
        const int down = d.value(QStringLiteral("down")).toInt();
        if (!named.isEmpty())
            line += down > named.size() ? tr(" (%1 and %2 more)").arg(named.join(QStringLiteral(", "))).arg(down - named.size())
                                        : tr(" (%1)").arg(named.join(QStringLiteral(", ")));
        return line;
    }
    QString what = event.type;
    what.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!what.isEmpty())
        what[0] = what.at(0).toUpper();
    if (what.startsWith(QLatin1String("Sip ")))
        what.replace(0, 3, QStringLiteral("SIP"));   // sip_probe_*: the protocol's name as people write it
    QString line = QStringLiteral("%1  %2").arg(time, what);
    if (!event.channelId.isEmpty())
        line += QStringLiteral(": %1").arg(m_names.value(event.channelId, event.channelId));
    line += QStringLiteral(" (%1)").arg(eventSourceName(event.source));
    // The engine's readable message, which the audit trail keeps too; the raw
    // reason code only when an event has no message.
    const QString message = event.details.value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return line + QStringLiteral(" — ") + withNames(message);
    const QString via = event.details.value(QStringLiteral("target")).toString();
    if (!via.isEmpty())
        line += tr(" via %1").arg(m_names.value(via, via));
    const QString reason = event.details.value(QStringLiteral("reason")).toString();
    if (!reason.isEmpty())
        line += QStringLiteral(" — ") + reason;
    return line;
}

QString EventFeedModel::withNames(QString text) const
{
    if (m_names.isEmpty())
        return text;
    static const QRegularExpression word(QStringLiteral("[A-Za-z0-9_.:-]+"));
    QString out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(at, match.capturedStart() - at);
        const auto name = m_names.constFind(match.captured());
        out += name != m_names.cend() && !name->isEmpty() ? *name : match.captured();
        at = match.capturedEnd();
    }
    out += QStringView(text).mid(at);
    return out;
}

bool EventFeedModel::isNotable(const MonitorEvent &event)
{
    // A tenant and a probe that disagree is what a NOC most needs to see.
    if (event.type == events::kFailoverDone || event.type == events::kSipProbeDisagreement)
        return true;
    return event.type == events::kHealthStateChanged
        && event.details.value(QStringLiteral("to")).toString() == healthStateName(HealthState::Down);
}

void EventFeedModel::addEvent(const MonitorEvent &event)
{
    addEvents(MonitorEventList{event});
}

void EventFeedModel::addEvents(const MonitorEventList &events)
{
    QList<MonitorEvent> fresh;   // oldest first
    int changedRow = -1;
    for (const MonitorEvent &event : events) {
        if (!foldFirstVerdict(event, fresh, &changedRow))
            fresh.append(event);
    }
    // Rows beyond the capacity would be removed at once: never inserted.
    if (fresh.size() > m_capacity)
        fresh.remove(0, fresh.size() - m_capacity);
    if (!fresh.isEmpty()) {
        beginInsertRows({}, 0, int(fresh.size()) - 1);
        QList<MonitorEvent> rows;
        rows.reserve(fresh.size() + m_events.size());
        std::move(fresh.rbegin(), fresh.rend(), std::back_inserter(rows));
        std::move(m_events.begin(), m_events.end(), std::back_inserter(rows));
        m_events = std::move(rows);
        endInsertRows();
        if (changedRow >= 0)
            changedRow += int(fresh.size());
    }
    trimToCapacity();
    if (changedRow >= 0 && changedRow < m_events.size())
        emit dataChanged(index(changedRow), index(changedRow));
}

bool EventFeedModel::foldFirstVerdict(const MonitorEvent &event, QList<MonitorEvent> &fresh, int *changedRow)
{
    if (event.type != events::kHealthStateChanged || event.channelId.isEmpty()
        || m_judged.contains(event.channelId)
        || event.details.value(QStringLiteral("from")).toString() != healthStateName(HealthState::Unknown))
        return false;
    m_judged.insert(event.channelId);
    const bool down = event.details.value(QStringLiteral("to")).toString() == healthStateName(HealthState::Down);
    MonitorEvent *line = nullptr;
    for (qsizetype i = fresh.size() - 1; i >= 0 && line == nullptr; --i)
        line = fresh.at(i).type == kFirstVerdictsType ? &fresh[i] : nullptr;
    for (int i = 0; i < m_events.size() && line == nullptr; ++i) {
        if (m_events.at(i).type == kFirstVerdictsType) {
            line = &m_events[i];
            *changedRow = i;
        }
    }
    if (line == nullptr) {
        fresh.append(MonitorEvent{kFirstVerdictsType, QString(), EventSource::System, event.time,
                                  QJsonObject{{QStringLiteral("up"), 0}, {QStringLiteral("down"), 0},
                                              {QStringLiteral("down_ids"), QJsonArray{}}}});
        line = &fresh.last();
    }
    QJsonObject &details = line->details;
    const QString key = down ? QStringLiteral("down") : QStringLiteral("up");
    details.insert(key, details.value(key).toInt() + 1);
    if (down) {
        QJsonArray ids = details.value(QStringLiteral("down_ids")).toArray();
        if (ids.size() < kNamedDown) {
            ids.append(event.channelId);
            details.insert(QStringLiteral("down_ids"), ids);
        }
    }
    return true;
}

void EventFeedModel::trimToCapacity()
{
    if (m_events.size() > m_capacity) {
        beginRemoveRows({}, m_capacity, int(m_events.size()) - 1);
        m_events.resize(m_capacity);
        endRemoveRows();
    }
}

void EventFeedModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_names.clear();
    m_judged.clear();
    endResetModel();
}

void EventFeedModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    trimToCapacity();
}

} // namespace cc::ui
