#pragma once
// One API call as a handler sees it: the request, the id it is answered under
// and the channel id the route named (empty where the path names none).

#include "sim_request.h"

#include <QString>

namespace cc::sim {

struct SimCall
{
    const SimRequest &request;
    QString requestId;
    QString channelId;
};

} // namespace cc::sim
