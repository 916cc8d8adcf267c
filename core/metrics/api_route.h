#pragma once
// The route of a request as a metric label: the contract's path with the
// channel id replaced by {id} ("/api/v2/channels/{id}"), so that a label's
// values stay few whatever the number of channels. Anything before /api/ (a
// discovered endpoint's base path) is dropped.

#include <QString>

namespace cc {

QString apiRouteTemplate(const QString &urlPath);

} // namespace cc
