#pragma once
// Helpers of the metrics tests: promtool on a scrape, a free loopback port for
// a program that cannot be told port 0.

#include <QByteArray>
#include <QString>

namespace cc::test {

struct PromtoolResult
{
    bool ran = false;        // false: promtool is not installed (scripts/setup installs prometheus)
    int exitCode = -1;
    QString output;          // stdout and stderr
};

// `promtool check metrics` with the scrape on its standard input.
PromtoolResult promtoolCheckMetrics(const QByteArray &scrape);

// A port nothing listened on a moment ago (bound on 127.0.0.1 and closed).
quint16 freeLoopbackPort();

} // namespace cc::test
