// Largest-triangle-three-buckets: the shape survives, the count is capped.

#include "series/lttb.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace cc;

namespace {

QList<QPointF> sine(int count)
{
    QList<QPointF> points;
    for (int i = 0; i < count; ++i)
        points.append({double(i), std::sin(double(i) / 50.0) * 10.0});
    return points;
}

} // namespace

TEST(Lttb, KeepsFewPointsAsTheyAre)
{
    const QList<QPointF> points = sine(100);
    EXPECT_EQ(downsampleLttb(points, 500), points);
    EXPECT_EQ(downsampleLttb(points, 2), points) << "below three buckets there is nothing to choose";
}

TEST(Lttb, CapsTheCountAndKeepsTheEnds)
{
    const QList<QPointF> points = sine(8640);
    const QList<QPointF> drawn = downsampleLttb(points, 800);
    ASSERT_EQ(drawn.size(), 800);
    EXPECT_EQ(drawn.first(), points.first());
    EXPECT_EQ(drawn.last(), points.last());
    for (qsizetype i = 1; i < drawn.size(); ++i)
        EXPECT_LT(drawn.at(i - 1).x(), drawn.at(i).x()) << "points stay in order, each one picked once";
}

TEST(Lttb, KeepsASpikeThatAveragingWouldFlatten)
{
    QList<QPointF> points;
    for (int i = 0; i < 10000; ++i)
        points.append({double(i), 40.0});
    points[4321].setY(900.0);   // one reading far above the rest
    const QList<QPointF> drawn = downsampleLttb(points, 300);
    bool spike = false;
    for (const QPointF &p : drawn)
        spike = spike || p.y() == 900.0;
    EXPECT_TRUE(spike);
}
