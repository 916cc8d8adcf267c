#include "model/json_reader.h"

#include <QJsonArray>
#include <QTimeZone>

#include <cmath>
#include <limits>
#include <type_traits>

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

template<typename T>
std::optional<T> JsonReader::as(const QJsonValue &value, const QString &path)
{
    std::optional<T> typed;
    const char *mustBe = nullptr;
    if constexpr (std::is_same_v<T, qint64>) {
        typed = asWholeNumber(value);
        mustBe = "must be a whole number";
    } else if constexpr (std::is_same_v<T, double>) {
        if (value.isDouble() && std::isfinite(value.toDouble()))
            typed = value.toDouble();
        mustBe = "must be a number";
    } else if constexpr (std::is_same_v<T, QString>) {
        if (value.isString())
            typed = value.toString();
        mustBe = "must be a string";
    } else if constexpr (std::is_same_v<T, QJsonObject>) {
        if (value.isObject())
            typed = value.toObject();
        mustBe = "must be an object";
    } else {
        static_assert(std::is_same_v<T, QJsonArray>, "JsonReader reads numbers, strings, objects and arrays");
        if (value.isArray())
            typed = value.toArray();
        mustBe = "must be an array";
    }
    if (!typed)
        fail(path, QLatin1String(mustBe));
    return typed;
}

template<typename T>
std::optional<T> JsonReader::read(const QJsonObject &object, QLatin1String key, const QString &path, Presence presence)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (presence == Presence::Required)
            fail(path, QStringLiteral("is required"));
        return std::nullopt;
    }
    return as<T>(value, path);
}

std::optional<QString> JsonReader::string(const QJsonValue &value, const QString &path)
{
    return as<QString>(value, path);
}

std::optional<qint64> JsonReader::integer(const QJsonValue &value, const QString &path)
{
    return as<qint64>(value, path);
}

std::optional<QJsonObject> JsonReader::object(const QJsonValue &value, const QString &path)
{
    return as<QJsonObject>(value, path);
}

template<typename T>
std::optional<T> JsonReader::required(const QJsonObject &object, QLatin1String key, const QString &path)
{
    return read<T>(object, key, path, Presence::Required);
}

template<typename T>
std::optional<T> JsonReader::optional(const QJsonObject &object, QLatin1String key, const QString &path)
{
    return read<T>(object, key, path, Presence::Optional);
}

// The types JsonReader reads, for the model's parsers.
template std::optional<QString> JsonReader::required(const QJsonObject &, QLatin1String, const QString &);
template std::optional<qint64> JsonReader::required(const QJsonObject &, QLatin1String, const QString &);
template std::optional<QJsonObject> JsonReader::required(const QJsonObject &, QLatin1String, const QString &);
template std::optional<QJsonArray> JsonReader::required(const QJsonObject &, QLatin1String, const QString &);
template std::optional<QString> JsonReader::optional(const QJsonObject &, QLatin1String, const QString &);
template std::optional<qint64> JsonReader::optional(const QJsonObject &, QLatin1String, const QString &);
template std::optional<double> JsonReader::optional(const QJsonObject &, QLatin1String, const QString &);
template std::optional<QJsonObject> JsonReader::optional(const QJsonObject &, QLatin1String, const QString &);
template std::optional<QJsonArray> JsonReader::optional(const QJsonObject &, QLatin1String, const QString &);

std::optional<QStringList> JsonReader::optionalStringList(const QJsonObject &object, QLatin1String key, const QString &path)
{
    const std::optional<QJsonArray> array = optional<QJsonArray>(object, key, path);
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
    const std::optional<QString> text = optional<QString>(object, key, path);
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
