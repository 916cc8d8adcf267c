#pragma once
// How a channel status is shown to a person: a word, an icon with its own shape
// (never colour alone), a sentence for tooltips, and a severity rank to sort by.

#include "model/channel.h"
#include "overview/grid_state.h"

#include <QIcon>
#include <QString>

#include <optional>

namespace cc::ui {

QString statusText(ChannelStatus status);
QString statusDescription(ChannelStatus status);
QIcon statusIcon(ChannelStatus status);
// Higher is worse: unhealthy > degraded > active > provisioning > disabled > healthy.
int statusRank(ChannelStatus status);
// A status-grid state in words ("Failed over") and, with its count, for a legend.
QString gridStateText(GridState state);
// A reading with `decimals` places and its unit ("12.5 ms"), or "no data":
// never a zero the tenant did not report.
QString figureText(const std::optional<double> &value, int decimals, const QString &unit = {});
// The application icon, from the same artwork as the desktop entry.
QIcon applicationIcon();

} // namespace cc::ui
