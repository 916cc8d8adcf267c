#pragma once
// JSON merge patch (RFC 7396): how the tenant applies a PATCH, and how a client
// can preview one.

#include <QJsonObject>
#include <QJsonValue>

namespace cc {

QJsonValue applyMergePatch(const QJsonValue &target, const QJsonValue &patch);
QJsonObject applyMergePatch(const QJsonObject &target, const QJsonObject &patch);

} // namespace cc
