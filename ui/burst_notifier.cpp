#include "burst_notifier.h"

#include <QMap>
#include <QStringList>
#include <QTimer>

#include <utility>

namespace cc::ui {

BurstNotifier::BurstNotifier(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kCoalesceMs);
    connect(m_timer, &QTimer::timeout, this, &BurstNotifier::flush);
}

void BurstNotifier::add(const QList<Alarm> &alarms)
{
    if (alarms.isEmpty())
        return;
    m_pending += alarms;
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
    const QList<Alarm> notes = std::exchange(m_pending, {});
    if (notes.isEmpty())
        return;
    const auto whereOf = [](const Alarm &alarm) { return alarm.channelId.isEmpty() ? tr("the tenant") : alarm.channelName; };
    QString title;
    QString message;
    if (notes.size() == 1) {
        const Alarm &alarm = notes.first();
        title = tr("%1: %2").arg(whereOf(alarm), alarmKindLabel(alarm.kind).toLower());
        message = tr("%1 (alarm %2). See the Alarms page.").arg(alarm.summary, alarm.id());
    } else {
        // Counted by kind, worst first: "2 down, calls not carried, 1 failed over".
        QMap<int, int> byKind;
        QStringList names;
        for (const Alarm &alarm : notes) {
            ++byKind[(2 - static_cast<int>(alarm.severity())) * 100 + static_cast<int>(alarm.kind)];
            if (const QString where = whereOf(alarm); !names.contains(where))
                names.append(where);
        }
        QStringList parts;
        for (auto it = byKind.cbegin(); it != byKind.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(alarmKindLabel(static_cast<AlarmKind>(it.key() % 100)).toLower()));
        title = tr("%1 new alarms").arg(notes.size());
        const QString named = names.mid(0, kNamedInBurst).join(QStringLiteral(", "));
        message = names.size() > kNamedInBurst
            ? tr("%1: %2 and %3 more. See the Alarms page.").arg(parts.join(QStringLiteral(", ")), named).arg(names.size() - kNamedInBurst)
            : tr("%1: %2. See the Alarms page.").arg(parts.join(QStringLiteral(", ")), named);
    }
    emit ready(title, message);
}

} // namespace cc::ui
