#include "request_log.h"

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
            else
                it.value() = redact(it.value());
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = redact(array.at(i));
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
    m_entries.append(std::move(entry));
    ++m_nextSeq;
    if (m_entries.size() > kMaxEntries) {
        m_entries.removeFirst();
        ++m_firstSeq;
    }
}

void RequestLog::clear()
{
    m_entries.clear();
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
