#pragma once
// A test against SIPp, run once per transport (UDP, TCP): skipped where sipp is
// not installed; startSipp() starts the test's `sipp` on the test's transport.

#include "sipp_peer.h"

#include <gtest/gtest.h>

namespace cc::test {

class SippTest : public ::testing::TestWithParam<SipTransport>
{
protected:
    void SetUp() override;
    // SIPp plays `scenario` (a file of tests/sip/scenarios), answering after
    // `delayMs`; false, with a test failure naming why, when it did not start.
    bool startSipp(const QString &scenario, int delayMs = 0);

    SippPeer sipp;
};

} // namespace cc::test
