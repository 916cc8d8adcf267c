#include "scenario_timeline.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace cc::sim {

bool ScenarioTimeline::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read the scenario file %1: %2").arg(path, file.errorString());
        return false;
    }
    QString parseError;
    if (!loadJson(file.readAll(), &parseError)) {
        if (error)
            *error = QStringLiteral("scenario file %1: %2").arg(path, parseError);
        return false;
    }
    return true;
}

bool ScenarioTimeline::loadJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON at offset %1 (%2)").arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject() || !document.object().value(QStringLiteral("events")).isArray())
        return fail(QStringLiteral("expected an object {\"events\": [{\"at\": seconds, \"action\": ...}, ...]}"));

    QList<Event> events;
    const QJsonArray array = document.object().value(QStringLiteral("events")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const QJsonValue at = object.value(QStringLiteral("at"));
        if (!array.at(i).isObject() || !at.isDouble() || at.toDouble() < 0 || !std::isfinite(at.toDouble()))
            return fail(QStringLiteral("events[%1]: needs \"at\", a number of seconds >= 0").arg(i));
        if (!object.value(QStringLiteral("action")).isString())
            return fail(QStringLiteral("events[%1]: needs \"action\", the name of a control action").arg(i));
        QJsonObject action = object;
        action.remove(QStringLiteral("at"));
        events.append({static_cast<qint64>(std::llround(at.toDouble() * 1000)), action});
    }
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.atMs < b.atMs; });
    m_events = events;
    m_next = 0;
    return true;
}

QList<QJsonObject> ScenarioTimeline::takeDue(qint64 elapsedMs)
{
    QList<QJsonObject> due;
    while (m_next < m_events.size() && m_events.at(m_next).atMs <= elapsedMs)
        due.append(m_events.at(m_next++).action);
    return due;
}

std::optional<qint64> ScenarioTimeline::nextDueMs() const
{
    if (m_next >= m_events.size())
        return std::nullopt;
    return m_events.at(m_next).atMs;
}

QList<QJsonObject> ScenarioTimeline::actions() const
{
    QList<QJsonObject> list;
    for (const Event &event : m_events)
        list.append(event.action);
    return list;
}

} // namespace cc::sim
