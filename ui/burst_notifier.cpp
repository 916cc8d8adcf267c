#include "burst_notifier.h"

#include <QStringList>
#include <QTimer>

#include <utility>

namespace cc::ui {

BurstNotifier::BurstNotifier(std::function<QString(const QString &channelId)> nameOf,
                             std::function<QString(const MonitorEvent &event)> describe, QObject *parent)
    : QObject(parent)
    , m_nameOf(std::move(nameOf))
    , m_describe(std::move(describe))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kCoalesceMs);
    connect(m_timer, &QTimer::timeout, this, &BurstNotifier::flush);
}

void BurstNotifier::add(const MonitorEvent &event)
{
    m_pending.append(event);
    if (!m_timer->isActive())
        m_timer->start();
}

void BurstNotifier::clear()
{
    m_pending.clear();
    m_timer->stop();
}

void BurstNotifier::flush()
{
    const QList<MonitorEvent> notes = std::exchange(m_pending, {});
    if (notes.isEmpty())
        return;
    QString title;
    QString message;
    if (notes.size() == 1) {
        const MonitorEvent &event = notes.first();
        title = event.type == events::kFailoverDone ? tr("%1 failed over").arg(m_nameOf(event.channelId))
                                                    : tr("%1 is down").arg(m_nameOf(event.channelId));
        message = m_describe(event);
    } else {
        int down = 0;
        int failedOver = 0;
        QStringList names;
        for (const MonitorEvent &event : notes) {
            (event.type == events::kFailoverDone ? failedOver : down) += 1;
            const QString name = m_nameOf(event.channelId);
            if (!names.contains(name))
                names.append(name);
        }
        title = tr("%1 channels need attention").arg(names.size());
        QStringList parts;
        if (down > 0)
            parts.append(tr("%1 down").arg(down));
        if (failedOver > 0)
            parts.append(tr("%1 failed over").arg(failedOver));
        const QString named = names.mid(0, kNamedInBurst).join(QStringLiteral(", "));
        message = names.size() > kNamedInBurst
            ? tr("%1: %2 and %3 more. See the event feed.").arg(parts.join(QStringLiteral(", ")), named).arg(names.size() - kNamedInBurst)
            : tr("%1: %2. See the event feed.").arg(parts.join(QStringLiteral(", ")), named);
    }
    emit ready(title, message);
}

} // namespace cc::ui
