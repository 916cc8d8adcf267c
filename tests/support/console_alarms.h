#pragma once

// One console's alarms on an audit store, put together as its keeper does: the
// alarm store, the numbers it hands out, and the book that raises and clears.

#include "alarms/alarm_book.h"
#include "alarms/alarm_store.h"

#include <QString>

namespace cc::test {

struct ConsoleAlarms
{
    ConsoleAlarms(AuditStore *store, const QString &tenantKey, const QString &tenant, const AlarmRuleSettings &rules,
                  const Clock *clock)
        : alarms(store), ids(&alarms), book(tenantKey, tenant, rules, clock)
    {
    }

    AlarmStore alarms;
    StoreAlarmIds ids;
    AlarmBook book;
};

} // namespace cc::test
