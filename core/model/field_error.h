#pragma once
// A problem with one field of a channel, named by the contract's field path
// (`configuration.codecs[1].priority`). The same type carries the client's own
// validation, a JSON parse error and a tenant's 400 `details`, so the editor and
// cxonectl show all three the same way.

#include <QJsonArray>
#include <QList>
#include <QString>

namespace cc {

struct FieldError
{
    QString field;
    QString message;

    bool operator==(const FieldError &other) const
    {
        return field == other.field && message == other.message;
    }
};

using FieldErrors = QList<FieldError>;

// "field: message" per line, as cxonectl prints them on stderr.
QString formatFieldErrors(const FieldErrors &errors);

// All on one line, "field: message; field: message", for an error's words;
// each field is put under `prefix` when one is given.
QString describeFieldErrors(const FieldErrors &errors, const QString &prefix = QString());

// The contract's `details` array, both ways. Entries that are not objects with a
// string `field` are kept with the field "(unknown)" rather than dropped.
QJsonArray fieldErrorsToJson(const FieldErrors &errors);
FieldErrors fieldErrorsFromJson(const QJsonArray &details);

// True when any error's field is `field` or lies below it (`configuration.codecs`
// covers `configuration.codecs[0].name`).
bool hasErrorAt(const FieldErrors &errors, const QString &field);

} // namespace cc
