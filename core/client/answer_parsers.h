#pragma once
// The tenant's 2xx answers read into the model: a channel, a page of the
// channel list, a telemetry result. A body that is not the contract's shape is
// an ApiError of kind BadResponse naming the field ("channels[12].status: must
// be one of ..."), never a crash and never a silently defaulted value. Pure
// functions, shared by ApiClient, its tests and the benchmark.

#include "client/api_call.h"
#include "model/channel.h"
#include "model/telemetry.h"

#include <QByteArray>
#include <QList>

namespace cc {

struct ChannelPage
{
    QList<Channel> channels;
    qint64 page = 0;
    qint64 pageSize = 0;   // what the tenant says it used
    qint64 total = -1;     // -1 when the tenant did not say
};

ApiResult<Channel> parseChannelAnswer(const QByteArray &body, const QString &operation);
// `firstIndex` numbers the channels in error texts across pages.
ApiResult<ChannelPage> parseChannelPageAnswer(const QByteArray &body, const QString &operation, qsizetype firstIndex = 0);
ApiResult<TelemetryResult> parseTelemetryAnswer(const QByteArray &body, const QString &operation);

} // namespace cc
