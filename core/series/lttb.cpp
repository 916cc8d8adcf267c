#include "series/lttb.h"

#include <cmath>

namespace cc {

QList<QPointF> downsampleLttb(const QList<QPointF> &points, int threshold)
{
    const qsizetype count = points.size();
    if (threshold < 3 || count <= threshold)
        return points;

    QList<QPointF> sampled;
    sampled.reserve(threshold);
    sampled.append(points.first());

    // The first and last points are kept; the rest go in threshold - 2 buckets.
    const double bucketSize = double(count - 2) / double(threshold - 2);
    qsizetype chosen = 0;
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        // The average of the next bucket is the triangle's third corner.
        const qsizetype nextStart = qsizetype(std::floor((bucket + 1) * bucketSize)) + 1;
        qsizetype nextEnd = qsizetype(std::floor((bucket + 2) * bucketSize)) + 1;
        if (nextEnd > count)
            nextEnd = count;
        double avgX = 0.0;
        double avgY = 0.0;
        const qsizetype nextLength = nextEnd - nextStart;
        for (qsizetype i = nextStart; i < nextEnd; ++i) {
            avgX += points.at(i).x();
            avgY += points.at(i).y();
        }
        if (nextLength > 0) {
            avgX /= double(nextLength);
            avgY /= double(nextLength);
        } else {
            avgX = points.last().x();
            avgY = points.last().y();
        }

        const qsizetype start = qsizetype(std::floor(bucket * bucketSize)) + 1;
        const qsizetype end = qsizetype(std::floor((bucket + 1) * bucketSize)) + 1;
        const QPointF &a = points.at(chosen);
        double largestArea = -1.0;
        qsizetype largest = start;
        for (qsizetype i = start; i < end && i < count; ++i) {
            const QPointF &p = points.at(i);
            const double area = std::abs((a.x() - avgX) * (p.y() - a.y()) - (a.x() - p.x()) * (avgY - a.y()));
            if (area > largestArea) {
                largestArea = area;
                largest = i;
            }
        }
        sampled.append(points.at(largest));
        chosen = largest;
    }
    sampled.append(points.last());
    return sampled;
}

} // namespace cc
