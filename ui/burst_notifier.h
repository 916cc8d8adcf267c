#pragma once
// Turns a burst of new alarms (core/alarms: the ones that newly need a person;
// an acknowledged or shelved alarm is never new again) into one notification:
// the alarms within kCoalesceMs of the first go out together, so 1,000 channels
// going down in one cycle are one message, counted by kind worst first, naming
// the first few places and counting the rest.

#include "alarms/alarm.h"

#include <QList>
#include <QObject>

class QTimer;

namespace cc::ui {

class BurstNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BurstNotifier)

public:
    static constexpr int kCoalesceMs = 1500;
    static constexpr int kNamedInBurst = 3;

    explicit BurstNotifier(QObject *parent = nullptr);

    void add(const QList<Alarm> &alarms);
    // Forgets the burst being gathered (notifications turned off).
    void clear();

signals:
    void ready(const QString &title, const QString &message);

private:
    void flush();

    QTimer *m_timer;
    QList<Alarm> m_pending;
};

} // namespace cc::ui
