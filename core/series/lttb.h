#pragma once
// Largest-triangle-three-buckets downsampling (Sveinn Steinarsson, "Downsampling
// Time Series for Visual Representation", 2013): keeps the first and last point
// and, from each bucket between, the point that makes the largest triangle with
// its neighbours, so peaks survive. For drawing only: every figure a person
// reads is computed from all the points.

#include <QList>
#include <QPointF>

namespace cc {

// At most `threshold` points of `points` (sorted by x). Returns `points` as
// they are when they are already few enough or threshold < 3.
QList<QPointF> downsampleLttb(const QList<QPointF> &points, int threshold);

} // namespace cc
