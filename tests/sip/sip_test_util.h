#pragma once
// Helpers for the SIP probe tests: wait on the event loop for a condition or a
// probe result (never a sleep), and pick a loopback port free for UDP and TCP.

#include "sip/sip_probe_result.h"
#include "sip/sip_prober.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace cc::test {

// Runs the event loop until `condition` holds or `timeoutMs` pass; true if it held.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 10000);

// Starts one probe and waits for its result.
std::optional<SipProbeResult> probeAndWait(SipProber &prober, const QString &uri, int timeoutMs = 3000);
// The same with a prober of its own, default options.
std::optional<SipProbeResult> probeAndWait(const QString &uri, int timeoutMs = 3000);

// A port number that is free on 127.0.0.1 for both UDP and TCP right now.
quint16 freeLoopbackPort();

} // namespace cc::test
