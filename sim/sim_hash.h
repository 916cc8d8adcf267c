#pragma once
// Deterministic hashing for everything the tenant makes up: the same seed, channel
// and instant always give the same health check outcome and telemetry row, on
// every machine and run (qHash is salted per process, so it is not used here).

#include <QString>
#include <QtGlobal>

namespace cc::sim {

// What a made-up value is for: its hash's salt, so that the values of one
// channel and instant are independent. All in one list so that no two share a
// number; never renumber one (a seed's tenant would change under its tests).
enum class SimSalt : quint64 {
    // health_model.cpp
    InitialStatus = 0x1001,
    CheckOutcome = 0x1002,
    HistoryStatus = 0x1003,
    // channel_store.cpp
    ChannelId = 0x2001,
    SeedAge = 0x2002,
    FirstCheck = 0x2003,
    Version = 0x2004,
    // telemetry_generator.cpp: a channel's profile, then each row's noise
    BaseLatency = 0x3001,
    BaseJitter = 0x3002,
    BaseLoss = 0x3003,
    PeakCalls = 0x3004,
    Timezone = 0x3005,
    RowLatency = 0x3101,
    RowJitter = 0x3102,
    RowLoss = 0x3103,
    RowCalls = 0x3104,
};

quint64 mixHash(quint64 value);
// Hash of a seed, a channel id, a number (check index, bucket start) and the
// salt naming what the value is for.
quint64 simHash(quint32 seed, const QString &id, qint64 number, SimSalt salt);
// A uniform double in [0, 1) from a hash.
double unitFromHash(quint64 hash);
double simUnit(quint32 seed, const QString &id, qint64 number, SimSalt salt);

} // namespace cc::sim
