#pragma once
// Shared helpers of the sim's HTTP tests: options with a fake clock, JSON bodies
// of the contract, and checks every error answer must pass.

#include "common/manual_clock.h"
#include "sim_fixture.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace cc::test {

// Options for a test tenant: no rate limit unless a test wants one, a fake clock.
cc::sim::SimOptions simOptions(const std::shared_ptr<cc::ManualClock> &clock = {}, int channels = 12);

// The contract's create body with a unique name.
QJsonObject createBody(const QString &name, const QStringList &failover = {});
// A telemetry query for `ids` between from and to.
QJsonObject telemetryQuery(const QString &interval, const QStringList &ids, const QDateTime &from, const QDateTime &to);

// The contract's error body: error, message and request_id, and the request id header.
void expectErrorBody(const SimFixture::Reply &reply, int status, const QString &error);

} // namespace cc::test
