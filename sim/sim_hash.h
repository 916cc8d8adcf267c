#pragma once
// Deterministic hashing for everything the tenant makes up: the same seed, channel
// and instant always give the same health check outcome and telemetry row, on
// every machine and run (qHash is salted per process, so it is not used here).

#include <QString>
#include <QtGlobal>

namespace cc::sim {

quint64 mixHash(quint64 value);
// Hash of a seed, a channel id, a number (check index, bucket start) and a salt
// naming what the value is for, so latency and loss of one row are independent.
quint64 simHash(quint32 seed, const QString &id, qint64 number, quint64 salt);
// A uniform double in [0, 1) from a hash.
double unitFromHash(quint64 hash);
double simUnit(quint32 seed, const QString &id, qint64 number, quint64 salt);

} // namespace cc::sim
