#pragma once
// One trunk to probe: an id of the caller's (a channel id), the SIP URI
// (sip:sip_server:sip_port, ;transport=tcp, or sips:), the cadence and the
// probe's own timeout.

#include <QString>

namespace cc {

struct SipProbeTarget
{
    QString id;
    QString uri;
    int intervalMs = 30 * 1000;
    int timeoutMs = 5 * 1000;    // clamped below the interval
};

} // namespace cc
