#include "request_log.h"

#include <QJsonDocument>

#include <QJsonArray>

namespace cc::sim {

namespace {
QJsonValue optionalString(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
} // namespace

bool RequestLog::isSecretKey(const QString &key)
{
    return key.contains(QLatin1String("password"), Qt::CaseInsensitive)
        || key.contains(QLatin1String("secret"), Qt::CaseInsensitive)
        || key.contains(QLatin1String("token"), Qt::CaseInsensitive);
}

QJsonValue RequestLog::redact(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (isSecretKey(it.key()) && !it.value().isNull())
                it.value() = QStringLiteral("[redacted]");
            else if (it.value().isObject() || it.value().isArray())
                it.value() = redact(it.value());
        }
        return object;
    }
    if (value.isArray()) {
        // Only containers are rewritten: writing every string of a 1,000-id
        // array back into it cost milliseconds per request.
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (array.at(i).isObject() || array.at(i).isArray())
                array[i] = redact(array.at(i));
        }
        return array;
    }
    return value;
}

void RequestLog::append(Entry entry)
{
    ++m_total;
    m_byRoute[entry.route] += 1;
    m_byStatus[entry.status] += 1;
    entry.body = redact(entry.body);
    entry.bytes = estimatedBytes(entry);
    m_bytes += entry.bytes;
    m_entries.append(std::move(entry));
    ++m_nextSeq;
    while (m_entries.size() > 1 && (m_entries.size() > kMaxEntries || m_bytes > kMaxBytes)) {
        m_bytes -= m_entries.constFirst().bytes;
        m_entries.removeFirst();
        ++m_firstSeq;
    }
}

qint64 RequestLog::estimatedBytes(const Entry &entry)
{
    // The JSON the body takes, plus the strings: near enough to what it holds.
    qint64 body = 0;
    if (entry.body.isObject())
        body = QJsonDocument(entry.body.toObject()).toJson(QJsonDocument::Compact).size();
    else if (entry.body.isArray())
        body = QJsonDocument(entry.body.toArray()).toJson(QJsonDocument::Compact).size();
    return 128 + 2 * (entry.method.size() + entry.path.size() + entry.query.size() + entry.route.size()) + body;
}

void RequestLog::clear()
{
    m_entries.clear();
    m_bytes = 0;
    m_byRoute.clear();
    m_byStatus.clear();
    m_total = 0;
    m_firstSeq = m_nextSeq;
}

QJsonObject RequestLog::requestsJson() const
{
    QJsonArray requests;
    qint64 seq = m_firstSeq;
    for (const Entry &entry : m_entries) {
        requests.append(QJsonObject{
            {QStringLiteral("seq"), seq++},
            {QStringLiteral("t_ms"), entry.tMs},
            {QStringLiteral("method"), entry.method},
            {QStringLiteral("path"), entry.path},
            {QStringLiteral("query"), entry.query},
            {QStringLiteral("route"), entry.route},
            {QStringLiteral("status"), entry.status},
            {QStringLiteral("token"), optionalString(entry.tokenFingerprint)},
            {QStringLiteral("idempotency_key"), optionalString(entry.idempotencyKey)},
            {QStringLiteral("if_match"), optionalString(entry.ifMatch)},
            {QStringLiteral("body"), entry.body},
        });
    }
    return QJsonObject{{QStringLiteral("requests"), requests}};
}

QJsonObject RequestLog::statsJson(qint64 tokensIssued) const
{
    QJsonObject byRoute;
    for (auto it = m_byRoute.cbegin(); it != m_byRoute.cend(); ++it)
        byRoute.insert(it.key(), it.value());
    QJsonObject byStatus;
    for (auto it = m_byStatus.cbegin(); it != m_byStatus.cend(); ++it)
        byStatus.insert(QString::number(it.key()), it.value());
    return QJsonObject{
        {QStringLiteral("requests_total"), m_total},
        {QStringLiteral("by_route"), byRoute},
        {QStringLiteral("by_status"), byStatus},
        {QStringLiteral("tokens_issued"), tokensIssued},
    };
}

} // namespace cc::sim
