#pragma once
// What clients sent the simulated tenant, so tests can assert on it: one entry per
// API request (bodies with every password, secret and token value redacted, the
// bearer token only as a fingerprint) and counters by route and status.

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace cc::sim {

class RequestLog final
{
public:
    struct Entry
    {
        qint64 tMs = 0;
        QString method;
        QString path;
        QString query;
        QString route; // "GET /api/v2/channels/{id}"
        int status = 0;
        std::optional<QString> tokenFingerprint;
        std::optional<QString> idempotencyKey;
        std::optional<QString> ifMatch;
        QJsonValue body = QJsonValue(QJsonValue::Null);
        qint64 bytes = 0;   // what it holds, about (set by append)
    };

    // Oldest entries go first beyond either bound, so a benchmark or a week on a
    // wall cannot eat the memory (a monitor at 1,000 channels sends a 15 KB
    // telemetry query every cycle: 20,000 of those were 300 MB); the counters
    // keep counting.
    static constexpr int kMaxEntries = 20000;
    static constexpr qint64 kMaxBytes = 4 * 1024 * 1024;   // estimated: QJsonValue holds about 2.5 times that
    qsizetype size() const { return m_entries.size(); }
    qint64 bytes() const { return m_bytes; }

    void append(Entry entry);
    void clear();

    QJsonObject requestsJson() const;
    QJsonObject statsJson(qint64 tokensIssued) const;
    qint64 total() const { return m_total; }

    // A copy of `value` in which every value under a key naming a password, secret
    // or token is "[redacted]".
    static QJsonValue redact(const QJsonValue &value);
    static bool isSecretKey(const QString &key);

private:
    static qint64 estimatedBytes(const Entry &entry);

    QList<Entry> m_entries;
    qint64 m_bytes = 0;   // estimatedBytes of every entry kept
    qint64 m_nextSeq = 1;
    qint64 m_firstSeq = 1;
    qint64 m_total = 0;
    QMap<QString, qint64> m_byRoute;
    QMap<int, qint64> m_byStatus;
};

} // namespace cc::sim
