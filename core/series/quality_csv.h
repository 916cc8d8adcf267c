#pragma once
// A channel's telemetry rows as CSV for an analyst: one row per reading with
// its MOS, RFC 4180 and CSV-injection safe through the cell encoder the audit
// trail also uses (common/csv_cell.h), timestamps ISO 8601 UTC. A metric the
// tenant did not report is an empty cell, never a zero.
//
// Columns: timestamp, channel_id, channel_name, latency_ms, jitter_ms,
// packet_loss_pct, mos (two decimals: the E-model is not finer than that).

#include "model/telemetry.h"
#include "quality/codec_profile.h"

#include <QByteArray>

namespace cc {

QByteArray qualityCsv(const QString &channelId, QList<TelemetryPoint> points, const CodecProfile &codec,
                      const QString &channelName = {});

} // namespace cc
