#include "overview/problem_headline.h"

#include <QCoreApplication>
#include <QLocale>

namespace cc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cc::ProblemHeadline", text);
}

QString phrase(GridState state, int n)
{
    const QString count = QLocale().toString(n);
    switch (state) {
    case GridState::Down: return tr("%1 down").arg(count);
    case GridState::FailedOver: return tr("%1 failed over").arg(count);
    case GridState::Degraded: return tr("%1 degraded").arg(count);
    case GridState::NoData: return tr("%1 with no data").arg(count);
    case GridState::Paused: return tr("%1 paused").arg(count);
    case GridState::Up: return tr("%1 up").arg(count);
    }
    return {};
}

} // namespace

ProblemHeadline ProblemHeadline::fromSnapshot(const MonitorSnapshot &snapshot)
{
    ProblemHeadline headline;
    headline.channels = static_cast<int>(snapshot.channels.size());
    headline.failoverPausedAll = snapshot.failoverPausedAll;
    for (const ChannelHealth &health : snapshot.channels)
        ++headline.counts[gridStateOf(health)];
    return headline;
}

bool ProblemHeadline::allWell() const
{
    return problems().isEmpty();
}

QStringList ProblemHeadline::problems() const
{
    QStringList parts;
    for (GridState state : gridStatesWorstFirst()) {
        if (state != GridState::Up && count(state) > 0)
            parts.append(phrase(state, count(state)));
    }
    if (alarmsUnacknowledged > 0)
        parts.append(alarmsUnacknowledged == 1 ? tr("1 alarm unacknowledged")
                                               : tr("%1 alarms unacknowledged").arg(QLocale().toString(alarmsUnacknowledged)));
    if (failoverPausedAll)
        parts.append(tr("automatic failover paused"));
    return parts;
}

QString ProblemHeadline::text() const
{
    const QStringList parts = problems();
    if (!parts.isEmpty())
        return parts.join(QStringLiteral(" · "));
    if (channels == 0)
        return tr("No channels yet");
    return channels == 1 ? tr("The channel is up") : tr("All %1 channels up").arg(QLocale().toString(channels));
}

} // namespace cc
