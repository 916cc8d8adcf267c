#pragma once
// One HTTP request as the tenant's logic sees it, free of any HTTP library: the
// server turns a QHttpServerRequest into this, so the tenant can also be driven
// directly in unit tests.

#include <QByteArray>
#include <QHash>
#include <QString>

namespace cc::sim {

struct SimRequest
{
    QString method;          // upper case: GET, POST, ...
    QString path;            // decoded path, no query
    QString query;           // the raw query string, without '?'
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    bool fromLoopback = true;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

} // namespace cc::sim
