#include "sipp_test.h"

namespace cc::test {

void SippTest::SetUp()
{
    if (!SippPeer::available())
        GTEST_SKIP() << "sipp (sip-tester) is not installed; scripts/setup installs it";
}

bool SippTest::startSipp(const QString &scenario, int delayMs)
{
    QString error;
    const bool started = sipp.start(scenario, GetParam(), delayMs, &error);
    EXPECT_TRUE(started) << scenario.toStdString() << ": " << error.toStdString();
    return started;
}

} // namespace cc::test
