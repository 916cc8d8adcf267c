#include "event_feed_model.h"

#include "monitor/health_state.h"

#include <QApplication>
#include <QIcon>
#include <QJsonDocument>
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

} // namespace

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
        QStyle *style = QApplication::style();
        if (isProblem(event.type))
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        if (isAction(event.type))
            return style->standardIcon(QStyle::SP_BrowserReload);
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    case EventTypeRole:
        return event.type;
    case ChannelIdRole:
        return event.channelId;
    default:
        return {};
    }
}

QString EventFeedModel::describe(const MonitorEvent &event) const
{
    const QString time = QLocale().toString(event.time.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
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
    const QString via = event.details.value(QStringLiteral("target")).toString();
    if (!via.isEmpty())
        line += tr(" via %1").arg(m_names.value(via, via));
    const QString reason = event.details.value(QStringLiteral("reason")).toString();
    if (!reason.isEmpty())
        line += QStringLiteral(" — ") + reason;
    return line;
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
    beginInsertRows({}, 0, 0);
    m_events.prepend(event);
    endInsertRows();
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
    endResetModel();
}

void EventFeedModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (m_events.size() > m_capacity) {
        beginRemoveRows({}, m_capacity, int(m_events.size()) - 1);
        m_events.resize(m_capacity);
        endRemoveRows();
    }
}

} // namespace cc::ui
