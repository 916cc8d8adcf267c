#pragma once
// The simulated tenant's control actions (POST /_sim/faults and the scenario's
// events) as one table: each action's name, the fields it takes with their
// ranges, any check beyond those, and what it does to the tenant. Validating
// and applying read the same row, so a new action is one entry.

#include "sim_state.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace cc::sim {

class ControlActions final
{
public:
    explicit ControlActions(SimState &state);

    // Empty when `action` may be applied; otherwise what is wrong with it.
    QString problem(const QJsonObject &action) const;
    // Applies a valid action; false with the problem otherwise.
    bool apply(const QJsonObject &action, QString *error = nullptr);

    // The problem named when a set_status names no channel (yet): a scenario
    // may name a channel it creates later, so loading it lets this one pass.
    static QString unknownChannelProblem();

private:
    SimState &m_state;
};

} // namespace cc::sim
