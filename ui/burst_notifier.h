#pragma once
// Turns a burst of monitor events worth a notification (a channel down, a
// channel failed over) into one notification: the events within kCoalesceMs of
// the first go out together, so 1,000 channels going down in one cycle are one
// message, which names the first few channels and counts the rest.

#include "monitor/monitor_event.h"

#include <QList>
#include <QObject>

#include <functional>

class QTimer;

namespace cc::ui {

class BurstNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BurstNotifier)

public:
    static constexpr int kCoalesceMs = 1500;
    static constexpr int kNamedInBurst = 3;

    // `nameOf` gives a channel's name for its id; `describe` one event in words.
    BurstNotifier(std::function<QString(const QString &channelId)> nameOf,
                  std::function<QString(const MonitorEvent &event)> describe, QObject *parent = nullptr);

    void add(const MonitorEvent &event);
    // Forgets the burst being gathered (notifications turned off).
    void clear();

signals:
    void ready(const QString &title, const QString &message);

private:
    void flush();

    std::function<QString(const QString &)> m_nameOf;
    std::function<QString(const MonitorEvent &)> m_describe;
    QTimer *m_timer;
    QList<MonitorEvent> m_pending;
};

} // namespace cc::ui
