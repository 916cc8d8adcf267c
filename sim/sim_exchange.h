#pragma once
// One HTTP exchange as the tenant's logic sees it, free of any HTTP library: the
// server turns a QHttpServerRequest into a SimRequest and writes the SimResponse
// back, so the tenant can also be driven directly in unit tests.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
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

struct SimResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;              // a "slow" fault: answer this much later
    bool dropConnection = false;  // "drop_after_commit": close without answering

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
};

} // namespace cc::sim
