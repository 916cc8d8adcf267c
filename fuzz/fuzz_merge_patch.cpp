// Fuzz target for the JSON merge patch (RFC 7396) as the tenant applies a
// PATCH and the client previews one: any target, any patch. Checks the RFC's
// own property that applying the same patch twice changes nothing more.

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "model/merge_patch.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace cc::fuzz {

namespace {

QJsonValue readValue(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue(QString::fromUtf8(bytes));
}

} // namespace

int mergePatch(const uint8_t *data, size_t size)
{
    const QList<QByteArray> parts = inputParts(inputBytes(data, size), 2);
    const QJsonValue target = readValue(parts.at(0));
    const QJsonValue patch = readValue(parts.at(1));
    const QJsonValue once = applyMergePatch(target, patch);
    const QJsonValue twice = applyMergePatch(once, patch);
    if (once != twice)
        __builtin_trap();   // RFC 7396 merge patches are idempotent
    if (target.isObject() && patch.isObject())
        (void)applyMergePatch(target.toObject(), patch.toObject());
    return 0;
}

} // namespace cc::fuzz
