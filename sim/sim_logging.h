#pragma once
// The simulated tenant's logging category: QT_LOGGING_RULES="cc.sim.debug=true".

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSim)
