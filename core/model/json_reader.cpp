#include "model/json_reader.h"

#include <QJsonArray>
#include <QTimeZone>

#include <cmath>
#include <limits>

namespace cc {

namespace {

// JSON numbers are doubles: a whole number is one without a fraction that fits
// in the 53 bits a double holds exactly.
std::optional<qint64> asWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    constexpr double kExactLimit = 9007199254740992.0; // 2^53
    if (!std::isfinite(number) || std::floor(number) != number || std::fabs(number) > kExactLimit)
        return std::nullopt;
    return static_cast<qint64>(number);
}

} // namespace

JsonReader::JsonReader(FieldErrors *errors)
    : m_errors(errors)
{
}

void JsonReader::fail(const QString &path, const QString &message)
{
    m_errors->append({path, message});
}

std::optional<QString> JsonReader::string(const QJsonValue &value, const QString &path)
{
    if (!value.isString()) {
        fail(path, QStringLiteral("must be a string"));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<qint64> JsonReader::integer(const QJsonValue &value, const QString &path)
{
    const std::optional<qint64> number = asWholeNumber(value);
    if (!number)
        fail(path, QStringLiteral("must be a whole number"));
    return number;
}

std::optional<QString> JsonReader::requiredString(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(path, QStringLiteral("is required"));
        return std::nullopt;
    }
    return string(value, path);
}

std::optional<QString> JsonReader::optionalString(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return string(value, path);
}

std::optional<qint64> JsonReader::requiredInteger(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(path, QStringLiteral("is required"));
        return std::nullopt;
    }
    return integer(value, path);
}

std::optional<qint64> JsonReader::optionalInteger(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return integer(value, path);
}

std::optional<double> JsonReader::optionalNumber(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        fail(path, QStringLiteral("must be a number"));
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<QJsonObject> JsonReader::requiredObject(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(path, QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!value.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonObject> JsonReader::optionalObject(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonArray> JsonReader::requiredArray(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        fail(path, QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!value.isArray()) {
        fail(path, QStringLiteral("must be an array"));
        return std::nullopt;
    }
    return value.toArray();
}

std::optional<QJsonArray> JsonReader::optionalArray(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isArray()) {
        fail(path, QStringLiteral("must be an array"));
        return std::nullopt;
    }
    return value.toArray();
}

std::optional<QStringList> JsonReader::optionalStringList(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const std::optional<QJsonArray> array = optionalArray(object, key, path);
    if (!array)
        return std::nullopt;
    QStringList list;
    list.reserve(array->size());
    bool ok = true;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const std::optional<QString> item = string(array->at(i), indexPath(path, i));
        if (item)
            list.append(*item);
        else
            ok = false;
    }
    if (!ok)
        return std::nullopt;
    return list;
}

std::optional<QDateTime> JsonReader::optionalTimestamp(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const std::optional<QString> text = optionalString(object, key, path);
    if (!text)
        return std::nullopt;
    const QDateTime time = parseIsoTimestamp(*text);
    if (!time.isValid()) {
        fail(path, QStringLiteral("must be an ISO 8601 timestamp such as 2026-11-23T10:15:00Z"));
        return std::nullopt;
    }
    return time;
}

QString fieldPath(const QString &parent, QLatin1String key)
{
    if (parent.isEmpty())
        return QString(key);
    return parent + QLatin1Char('.') + key;
}

QString indexPath(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString toIsoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QDateTime parseIsoTimestamp(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    // A timestamp without a zone is ambiguous: the contract always has one.
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return {};
    return time.toUTC();
}

} // namespace cc
