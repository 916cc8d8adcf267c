#include "model/field_error.h"

#include "api/contract.h"

#include <QJsonObject>
#include <QStringList>

namespace cc {

QString formatFieldErrors(const FieldErrors &errors)
{
    QStringList lines;
    lines.reserve(errors.size());
    for (const FieldError &error : errors)
        lines.append(error.field + QLatin1String(": ") + error.message);
    return lines.join(QLatin1Char('\n'));
}

QString describeFieldErrors(const FieldErrors &errors, const QString &prefix)
{
    QStringList parts;
    for (const FieldError &error : errors)
        parts.append((prefix.isEmpty() ? error.field : prefix + QLatin1Char('.') + error.field) + QLatin1String(": ")
                     + error.message);
    return parts.join(QLatin1String("; "));
}

QJsonArray fieldErrorsToJson(const FieldErrors &errors)
{
    QJsonArray array;
    for (const FieldError &error : errors)
        array.append(QJsonObject{{api::kKeyField, error.field}, {api::kKeyMessage, error.message}});
    return array;
}

FieldErrors fieldErrorsFromJson(const QJsonArray &details)
{
    FieldErrors errors;
    for (const QJsonValue &value : details) {
        const QJsonObject object = value.toObject();
        const QJsonValue field = object.value(api::kKeyField);
        const QJsonValue message = object.value(api::kKeyMessage);
        errors.append({field.isString() ? field.toString() : QStringLiteral("(unknown)"),
                       message.isString() ? message.toString() : QStringLiteral("is invalid")});
    }
    return errors;
}

bool hasErrorAt(const FieldErrors &errors, const QString &field)
{
    for (const FieldError &error : errors) {
        if (error.field == field)
            return true;
        if (error.field.startsWith(field)) {
            const QChar next = error.field.at(field.size());
            if (next == QLatin1Char('.') || next == QLatin1Char('['))
                return true;
        }
    }
    return false;
}

} // namespace cc
