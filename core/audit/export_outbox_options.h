#pragma once
// How an ExportOutbox reaches the customer's export endpoint (contract section 5)
// and how it retries. The retry timing is injectable so tests run in
// milliseconds; the defaults suit a real endpoint.

#include <QString>
#include <QUrl>

namespace cc {

struct ExportOutboxOptions
{
    QString dbPath;                  // the audit store (empty: AuditStore::defaultPath())
    QUrl exportUrl;                  // https, or http to a loopback address only
    QString exportToken;             // the endpoint's own bearer token; empty: no Authorization header.
                                     // Never the CXone access token.
    int initialRetryMs = 2000;       // first retry after a failure, doubled each time ...
    int maxRetryMs = 5 * 60 * 1000;  // ... up to this
    int pollIntervalMs = 5000;       // also picks up entries another process appended
    int requestTimeoutMs = 15000;
    int maxMetricsPerBatch = 500;    // metrics rows in one bulk POST
};

} // namespace cc
