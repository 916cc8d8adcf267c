#pragma once
// Which entries a CSV export, a count or a listing covers. Empty members do not
// filter. The time range is [from, to): from inclusive, to exclusive.

#include <QDateTime>
#include <QString>

namespace cc {

struct AuditFilter
{
    QDateTime from;          // invalid: no lower bound
    QDateTime to;            // invalid: no upper bound
    QString channelId;       // exact match
    QString eventType;       // exact match
};

} // namespace cc
