#pragma once
// The tenant's answer to one SimRequest, which SimServer writes back: now, later
// (a "slow" fault) or never (a "drop_after_commit" fault).

#include <QByteArray>
#include <QList>
#include <QPair>

namespace cc::sim {

struct SimResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;              // a "slow" fault: answer this much later
    bool dropConnection = false;  // "drop_after_commit": close without answering
    int dripIntervalMs = 0;       // "drip": write dripChunkBytes every dripIntervalMs
    int dripChunkBytes = 1;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
};

} // namespace cc::sim
