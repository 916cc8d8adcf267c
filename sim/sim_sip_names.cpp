#include "sim_sip_names.h"

namespace cc::sim {

QString seededSipServer(const QString &carrierHost, int index)
{
    const qsizetype dot = carrierHost.indexOf(QLatin1Char('.'));
    const QString number = QString::number(index + 1).rightJustified(2, QLatin1Char('0'));
    if (dot < 0)
        return carrierHost + QLatin1Char('-') + number;
    return carrierHost.left(dot) + QLatin1Char('-') + number + carrierHost.mid(dot);
}

} // namespace cc::sim
