#pragma once
// How probe results become a verdict, with Kamailio dispatcher's semantics and
// names: a destination is taken down after `failuresBeforeDown` failed probes
// in a row (ds_probing_threshold) and up again after `successesBeforeUp`
// answered ones (ds_inactive_threshold); an answer counts as up when its code is
// 2xx or listed in `acceptedCodes` (ds_ping_reply_codes, same syntax:
// "code=404;code=501;class=4").
//
// Defaults, and why:
// - failuresBeforeDown 3. Kamailio defaults to 1, but its one failure is a tm
//   transaction that ran to fr_timer (30 s) through nine retransmissions; a
//   probe here gives up after 5 s. Three in a row (two intervals plus a
//   timeout) is closer to the evidence Kamailio waits for, is OpenSIPS
//   dispatcher's own default (ds_probing_threshold = 3), and is the monitor's
//   downAfter for the tenant's verdict, so both signals of the two-signal
//   failover rule turn on the same time scale.
// - successesBeforeUp 3. Kamailio's ds_inactive_threshold defaults to 1; here
//   an "up" ends a failover, so a trunk that answers one probe in three must
//   not flap back: the same as the monitor's upAfter.
// - acceptedCodes empty: 2xx only, Kamailio's default (an empty
//   ds_ping_reply_codes). Carriers that answer OPTIONS with 403/404/405/501
//   from a live stack need "code=403;..." set, as on Kamailio.

#include <QSet>
#include <QString>

#include <optional>

namespace cc {

struct SipProbeResult;

struct ProbeHealthSettings
{
    int failuresBeforeDown = 3;
    int successesBeforeUp = 3;
    QSet<int> acceptedCodes;      // besides 2xx
    QSet<int> acceptedClasses;    // 1..6, besides class 2

    // Parses Kamailio's ds_ping_reply_codes syntax; null with `error` set.
    static std::optional<ProbeHealthSettings> withReplyCodes(const ProbeHealthSettings &base, const QString &spec,
                                                             QString *error = nullptr);
    // Kamailio's syntax for the accepted codes and classes ("" for 2xx only).
    QString replyCodesText() const;

    bool accepts(int statusCode) const;
    // True when the result counts as up: an answer with an accepted code.
    bool countsAsUp(const SipProbeResult &result) const;
};

} // namespace cc
