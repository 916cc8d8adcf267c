#pragma once
// JSON merge patch (RFC 7396): how the tenant applies a PATCH, and how a client
// can preview one.

#include <QJsonObject>
#include <QJsonValue>

namespace cc {

QJsonValue applyMergePatch(const QJsonValue &target, const QJsonValue &patch);
QJsonObject applyMergePatch(const QJsonObject &target, const QJsonObject &patch);
// The merge patch that turns `before` into `after`: changed members with their
// new value, removed ones as null, objects compared member by member, arrays and
// other values replaced whole. Empty when they are equal. What an edit changed,
// whoever sent it and however (the audit trail's record of an edit).
QJsonObject mergePatchBetween(const QJsonObject &before, const QJsonObject &after);

} // namespace cc
