#include "sim_hash.h"

namespace cc::sim {

quint64 mixHash(quint64 value)
{
    // splitmix64's finaliser: cheap and well distributed.
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

quint64 simHash(quint32 seed, const QString &id, qint64 number, SimSalt salt)
{
    quint64 hash = 0xcbf29ce484222325ULL; // FNV-1a over the id's UTF-16 units
    for (const QChar ch : id) {
        hash ^= ch.unicode();
        hash *= 0x100000001b3ULL;
    }
    hash = mixHash(hash ^ mixHash(seed));
    hash = mixHash(hash ^ static_cast<quint64>(number));
    return mixHash(hash ^ mixHash(static_cast<quint64>(salt)));
}

double unitFromHash(quint64 hash)
{
    return static_cast<double>(hash >> 11) * (1.0 / 9007199254740992.0);
}

double simUnit(quint32 seed, const QString &id, qint64 number, SimSalt salt)
{
    return unitFromHash(simHash(seed, id, number, salt));
}

} // namespace cc::sim
