#pragma once
// A fault scenario read from JSON (`{"events": [{"at": 5, "action": ...}]}`): the
// control API's actions, each due `at` seconds (fractions allowed) after the
// tenant started. The tenant asks for the due ones; nothing here knows HTTP.

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace cc::sim {

class ScenarioTimeline final
{
public:
    // Reads and checks the file's shape; the actions themselves are checked by
    // the tenant. On failure `error` says what and where.
    bool loadFile(const QString &path, QString *error);
    bool loadJson(const QByteArray &json, QString *error);

    // Events due at `elapsedMs` that have not been handed out yet, in order.
    QList<QJsonObject> takeDue(qint64 elapsedMs);
    std::optional<qint64> nextDueMs() const;
    int pending() const { return static_cast<int>(m_events.size() - m_next); }
    QList<QJsonObject> actions() const;

private:
    struct Event
    {
        qint64 atMs = 0;
        QJsonObject action;
    };

    QList<Event> m_events;
    qsizetype m_next = 0;
};

} // namespace cc::sim
