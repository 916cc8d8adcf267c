#include "model/merge_patch.h"

namespace cc {

QJsonValue applyMergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    // RFC 7396 section 2: a non-object patch replaces the target whole.
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject patchObject = patch.toObject();
    for (auto it = patchObject.begin(); it != patchObject.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), applyMergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

QJsonObject applyMergePatch(const QJsonObject &target, const QJsonObject &patch)
{
    return applyMergePatch(QJsonValue(target), QJsonValue(patch)).toObject();
}

QJsonObject mergePatchBetween(const QJsonObject &before, const QJsonObject &after)
{
    QJsonObject patch;
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key()))
            patch.insert(it.key(), QJsonValue(QJsonValue::Null));
    }
    for (auto it = after.begin(); it != after.end(); ++it) {
        const QJsonValue old = before.value(it.key());
        if (old == it.value())
            continue;
        if (old.isObject() && it.value().isObject())
            patch.insert(it.key(), mergePatchBetween(old.toObject(), it.value().toObject()));
        else
            patch.insert(it.key(), it.value());
    }
    return patch;
}

} // namespace cc
