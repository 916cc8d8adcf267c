#pragma once
// The wall screen's first line: what is wrong, counted, worst first
// ("2 down · 1 failed over"), or that all is well. Built from a snapshot; the
// alarms' count joins it when alarms exist (set alarmsUnacknowledged).

#include "monitor/monitor_snapshot.h"
#include "overview/grid_state.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace cc {

struct ProblemHeadline
{
    int channels = 0;
    QHash<GridState, int> counts;   // channels per state
    int alarmsUnacknowledged = 0;   // filled by whoever owns the alarms
    bool failoverPausedAll = false;

    static ProblemHeadline fromSnapshot(const MonitorSnapshot &snapshot);

    int count(GridState state) const { return counts.value(state); }
    bool allWell() const;
    // The problems, worst first, one phrase each ("2 down", "1 failed over",
    // "3 alarms unacknowledged"); empty when all is well.
    QStringList problems() const;
    // problems() joined with " · ", or "All 1,000 channels up".
    QString text() const;
};

} // namespace cc
