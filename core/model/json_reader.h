#pragma once
// Reads typed values out of untrusted JSON (a tenant's answer, a file, a request
// body), recording an error that names the field path for every missing value or
// wrong type instead of crashing or silently defaulting.

#include "model/field_error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace cc {

class JsonReader final
{
public:
    explicit JsonReader(FieldErrors *errors);

    // `path` is the full field path used in the error; `object.value(key)` is read
    // as T: QString, qint64 (a whole number), double, QJsonObject or QJsonArray.
    // required<T> records "is required" when the key is absent or null;
    // optional<T> takes either as no value.
    template<typename T>
    std::optional<T> required(const QJsonObject &object, QLatin1String key, const QString &path);
    template<typename T>
    std::optional<T> optional(const QJsonObject &object, QLatin1String key, const QString &path);
    std::optional<QStringList> optionalStringList(const QJsonObject &object, QLatin1String key, const QString &path);
    std::optional<QDateTime> optionalTimestamp(const QJsonObject &object, QLatin1String key, const QString &path);

    // Value-level readers, for array elements.
    std::optional<qint64> integer(const QJsonValue &value, const QString &path);
    std::optional<QString> string(const QJsonValue &value, const QString &path);
    std::optional<QJsonObject> object(const QJsonValue &value, const QString &path);

    void fail(const QString &path, const QString &message);

private:
    enum class Presence { Required, Optional };
    // The value as T, recording "must be ..." when the JSON holds another type.
    template<typename T>
    std::optional<T> as(const QJsonValue &value, const QString &path);
    template<typename T>
    std::optional<T> read(const QJsonObject &object, QLatin1String key, const QString &path, Presence presence);

    FieldErrors *m_errors;
};

// Inserts `value` under `key` when it is set: the contract leaves an unset
// optional field out rather than writing null.
template<typename T>
void insertIfSet(QJsonObject *object, QLatin1String key, const std::optional<T> &value)
{
    if (value)
        object->insert(key, *value);
}

// Joins a field path: path("configuration", "sip_port") == "configuration.sip_port".
QString fieldPath(const QString &parent, QLatin1String key);
QString indexPath(const QString &parent, qsizetype index);

// ISO 8601 in UTC with a trailing Z, as the contract writes every timestamp.
QString toIsoUtc(const QDateTime &time);
// Parses an ISO 8601 timestamp (with Z or an offset); invalid QDateTime on failure.
QDateTime parseIsoTimestamp(const QString &text);

} // namespace cc
