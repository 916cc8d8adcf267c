// The hysteresis of one channel's health.

#include "monitor/health_state_machine.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {
constexpr HealthReading G = HealthReading::Good;
constexpr HealthReading B = HealthReading::Bad;
constexpr HealthReading N = HealthReading::NoData;
} // namespace

TEST(HealthState, StartsUnknown)
{
    EXPECT_EQ(HealthStateMachine().state(), HealthState::Unknown);
}

TEST(HealthState, GoesDownOnlyAfterNConsecutiveBadReadings)
{
    HealthStateMachine machine({3, 3, 3});
    for (int i = 0; i < 3; ++i)
        machine.observe(G);
    ASSERT_EQ(machine.state(), HealthState::Up);
    EXPECT_FALSE(machine.observe(B));
    EXPECT_FALSE(machine.observe(B));
    EXPECT_EQ(machine.state(), HealthState::Up);
    EXPECT_TRUE(machine.observe(B));
    EXPECT_EQ(machine.state(), HealthState::Down);
    EXPECT_FALSE(machine.observe(B));
}

TEST(HealthState, ComesBackUpOnlyAfterMConsecutiveGoodReadings)
{
    HealthStateMachine machine({2, 4, 3});
    machine.observe(B);
    machine.observe(B);
    ASSERT_EQ(machine.state(), HealthState::Down);
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(machine.observe(G));
        EXPECT_EQ(machine.state(), HealthState::Down);
    }
    EXPECT_TRUE(machine.observe(G));
    EXPECT_EQ(machine.state(), HealthState::Up);
}

TEST(HealthState, FlappingNeverGoesDown)
{
    HealthStateMachine machine({3, 3, 3});
    for (int i = 0; i < 3; ++i)
        machine.observe(G);
    for (int i = 0; i < 50; ++i) {
        machine.observe(B);
        machine.observe(B);
        machine.observe(G);
        EXPECT_NE(machine.state(), HealthState::Down);
    }
}

TEST(HealthState, NoDataBreaksAStreakAndEndsInUnknown)
{
    HealthStateMachine machine({3, 3, 3});
    for (int i = 0; i < 3; ++i)
        machine.observe(G);
    machine.observe(B);
    machine.observe(B);
    machine.observe(N);
    machine.observe(B);
    EXPECT_EQ(machine.state(), HealthState::Up);
    machine.observe(N);
    machine.observe(N);
    EXPECT_EQ(machine.state(), HealthState::Up);
    EXPECT_TRUE(machine.observe(N));
    EXPECT_EQ(machine.state(), HealthState::Unknown);
}

TEST(HealthState, ThresholdsBelowOneAreTreatedAsOne)
{
    HealthStateMachine machine({0, -2, 0});
    EXPECT_TRUE(machine.observe(B));
    EXPECT_EQ(machine.state(), HealthState::Down);
    EXPECT_TRUE(machine.observe(G));
    EXPECT_EQ(machine.state(), HealthState::Up);
}
