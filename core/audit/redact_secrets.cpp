#include "audit/redact_secrets.h"

#include <QJsonArray>
#include <QJsonObject>

#include <array>

namespace cc {

namespace {

// Substrings of a normalised key (lower case, separators removed).
constexpr std::array<QLatin1String, 10> kSecretKeyParts = {
    QLatin1String("password"), QLatin1String("passwd"), QLatin1String("passphrase"), QLatin1String("secret"),
    QLatin1String("token"), QLatin1String("authorization"), QLatin1String("apikey"),
    QLatin1String("credential"), QLatin1String("privatekey"), QLatin1String("cookie"),
};

bool carriesHttpCredential(const QString &text)
{
    const QStringView trimmed = QStringView(text).trimmed();
    return trimmed.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive)
        || trimmed.startsWith(QLatin1String("Basic "), Qt::CaseInsensitive);
}

} // namespace

bool isSecretKey(QStringView key)
{
    QString normalised;
    normalised.reserve(key.size());
    for (const QChar c : key) {
        if (c == u'-' || c == u'_' || c == u'.' || c.isSpace())
            continue;
        normalised.append(c.toLower());
    }
    for (const QLatin1String part : kSecretKeyParts) {
        if (normalised.contains(part))
            return true;
    }
    return false;
}

QJsonValue redactSecrets(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (isSecretKey(it.key()))
                it.value() = kRedactedValue;
            else
                it.value() = redactSecrets(it.value());
        }
        return object;
    }
    case QJsonValue::Array: {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = redactSecrets(*it);
        return array;
    }
    case QJsonValue::String:
        if (carriesHttpCredential(value.toString()))
            return kRedactedValue;
        return value;
    default:
        return value;
    }
}

} // namespace cc
