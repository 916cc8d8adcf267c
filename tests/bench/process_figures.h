#pragma once

// What a benchmark reads about a process from Linux's /proc: its CPU time, its
// memory and the machine's load, so each figure is measured one way in every bench.

#include <QtGlobal>

namespace cc::bench {

// CPU seconds this process used so far (all threads): on a machine shared with
// other jobs the wall time alone says more about the neighbours than about us.
double processCpuSeconds();

// A "Name: value kB" field of /proc/PID/status (VmRSS, VmHWM) in KiB; pid 0 is
// this process. 0 when the process is gone or the field is missing.
qint64 statusKiB(const char *field, qint64 pid = 0);

// The one-minute load average, -1 when /proc/loadavg cannot be read.
double loadAverage();

} // namespace cc::bench
