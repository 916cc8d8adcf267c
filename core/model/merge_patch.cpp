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

} // namespace cc
