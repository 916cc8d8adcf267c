#include "sim_fixture.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace cc::test {

QByteArray SimFixture::Reply::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

SimFixture::SimFixture(cc::sim::SimOptions options)
    : m_server(std::make_unique<cc::sim::SimServer>(options))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_options(options)
{
    m_listening = m_server->listen(&m_startError);
}

SimFixture::~SimFixture() = default;

QUrl SimFixture::url(const QString &pathAndQuery) const
{
    QUrl result = baseUrl();
    const qsizetype question = pathAndQuery.indexOf(QLatin1Char('?'));
    result.setPath(question < 0 ? pathAndQuery : pathAndQuery.left(question));
    if (question >= 0)
        result.setQuery(pathAndQuery.mid(question + 1));
    return result;
}

SimFixture::Reply SimFixture::request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                      const Headers &headers, int timeoutMs)
{
    QNetworkRequest request(url(pathAndQuery));
    request.setTransferTimeout(timeoutMs);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);

    auto *buffer = new QBuffer;
    buffer->setData(body);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);

    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(timeoutMs + 2000);
    if (!reply->isFinished())
        loop.exec();

    Reply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append(pair);
    const QJsonDocument document = QJsonDocument::fromJson(result.body);
    if (document.isObject())
        result.json = document.object();
    if (result.status == 0 && result.networkError.isEmpty())
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

SimFixture::Reply SimFixture::apiRaw(const QByteArray &method, const QString &pathAndQuery, const QString &token,
                                     const QByteArray &body, const Headers &headers)
{
    Headers all = headers;
    all.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!body.isEmpty())
        all.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (!token.isEmpty())
        all.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8()});
    return request(method, pathAndQuery, body, all);
}

SimFixture::Reply SimFixture::api(const QByteArray &method, const QString &pathAndQuery, const QString &token,
                                  const QJsonObject &body, const Headers &headers)
{
    const bool hasBody = method != "GET" && method != "DELETE";
    return apiRaw(method, pathAndQuery, token, hasBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray(),
                  headers);
}

QJsonObject SimFixture::control(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    const bool hasBody = method == "POST" || method == "PATCH" || method == "PUT";
    return apiRaw(method, path, QString(), hasBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray()).json;
}

QJsonObject SimFixture::stats()
{
    return control("GET", QStringLiteral("/_sim/stats"));
}

QJsonArray SimFixture::requests()
{
    return control("GET", QStringLiteral("/_sim/requests")).value(QStringLiteral("requests")).toArray();
}

QList<QJsonObject> SimFixture::requestsMatching(const QString &method, const QString &pathPrefix)
{
    QList<QJsonObject> entries;
    for (const QJsonValue &value : requests()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QStringLiteral("method")).toString() == method
            && entry.value(QStringLiteral("path")).toString().startsWith(pathPrefix))
            entries.append(entry);
    }
    return entries;
}

QJsonObject SimFixture::exports()
{
    return control("GET", QStringLiteral("/_sim/exports"));
}

QJsonObject SimFixture::fault(const QJsonObject &action)
{
    return control("POST", QStringLiteral("/_sim/faults"), action);
}

void SimFixture::clearRequests()
{
    control("DELETE", QStringLiteral("/_sim/requests"));
}

QString SimFixture::fetchToken(const QString &scope)
{
    const QString secret = m_options.clientSecret.isEmpty() ? QString::fromLatin1(cc::sim::kDemoClientSecret)
                                                            : m_options.clientSecret;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), QString::fromLatin1(QUrl::toPercentEncoding(m_options.clientId)));
    form.addQueryItem(QStringLiteral("client_secret"), QString::fromLatin1(QUrl::toPercentEncoding(secret)));
    form.addQueryItem(QStringLiteral("scope"), QString::fromLatin1(QUrl::toPercentEncoding(scope)));
    const Reply reply = request("POST", QStringLiteral("/api/v2/oauth/token"), form.query(QUrl::FullyEncoded).toUtf8(),
                                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}});
    return reply.json.value(QStringLiteral("access_token")).toString();
}

QString SimFixture::channelId(int index)
{
    const QStringList ids = tenant().channels().orderedIds();
    return index >= 0 && index < ids.size() ? ids.at(index) : QString();
}

bool SimFixture::holdStatus(const QString &channelId, const QString &status)
{
    tenant().tick();
    return tenant().applyAction(QJsonObject{{QStringLiteral("action"), QStringLiteral("set_status")},
                                            {QStringLiteral("channel_id"), channelId},
                                            {QStringLiteral("status"), status}});
}

} // namespace cc::test
