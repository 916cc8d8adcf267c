#include "channel_handler.h"

#include "api/contract.h"
#include "sim_reply.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <limits>

namespace cc::sim {

namespace {

// If-Match: "7", W/"7", 7 or *. nullopt for *, -1 when it names no version.
std::optional<qint64> parseIfMatch(const QByteArray &header)
{
    QByteArray text = header.trimmed();
    if (text == "*")
        return std::nullopt;
    if (text.startsWith("W/"))
        text = text.mid(2);
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        text = text.mid(1, text.size() - 2);
    bool ok = false;
    const qint64 version = text.toLongLong(&ok);
    return ok ? version : -1;
}

QByteArray etagOf(qint64 version)
{
    return '"' + QByteArray::number(version) + '"';
}

SimResponse channelReply(int status, const Channel &channel)
{
    SimResponse response = jsonReply(status, channelToJson(channel));
    response.headers.append({QByteArray(api::kHeaderETag), etagOf(channel.version)});
    return response;
}

SimResponse noSuchChannel(const SimCall &call)
{
    return errorReply(404, call.requestId, api::kErrorNotFound, QStringLiteral("no channel with id %1").arg(call.channelId));
}

} // namespace

ChannelHandler::ChannelHandler(SimState &state, const SignInHandler &signIn)
    : m_state(state)
    , m_signIn(signIn)
{
}

SimResponse ChannelHandler::list(const SimCall &call) const
{
    if (auto denied = m_signIn.authorize(call, QString(api::kScopeChannelRead)))
        return *denied;
    const QUrlQuery query(call.request.query);
    FieldErrors errors;
    const auto readInt = [&](QLatin1String key, int fallback, int min, int max) {
        if (!query.hasQueryItem(QString(key)))
            return fallback;
        bool ok = false;
        const int value = query.queryItemValue(QString(key)).toInt(&ok);
        if (!ok || value < min || value > max) {
            errors.append({QString(key), max == std::numeric_limits<int>::max()
                                             ? QStringLiteral("must be a whole number of at least %1").arg(min)
                                             : QStringLiteral("must be between %1 and %2").arg(min).arg(max)});
            return fallback;
        }
        return value;
    };
    const int page = readInt(api::kQueryPage, 1, 1, std::numeric_limits<int>::max());
    const int pageSize = readInt(api::kQueryPageSize, 100, 1, api::kMaxPageSize);
    if (!errors.isEmpty())
        return validationFailedReply(call.requestId, errors);

    // loop_pages: every page answers page 1 again, full (page_size is what it
    // holds), under a total no tenant has.
    const qint64 loopTotal = m_state.faults.loopPagesTotal();
    QJsonArray channels;
    for (const Channel &channel : m_state.channels.page(loopTotal > 0 ? 1 : page, pageSize))
        channels.append(channelToJson(channel));
    return jsonReply(200, QJsonObject{{api::kKeyChannels, channels}, {api::kKeyPage, page},
                                      {api::kKeyPageSize, loopTotal > 0 ? qMax(1, int(channels.size())) : pageSize},
                                      {api::kKeyTotal, loopTotal > 0 ? loopTotal : qint64(m_state.channels.count())}});
}

SimResponse ChannelHandler::create(const SimCall &call)
{
    if (auto denied = m_signIn.authorize(call, QString(api::kScopeChannelWrite)))
        return *denied;
    const qint64 nowMs = m_state.clock->monotonicMs();
    const QString key = QString::fromUtf8(call.request.header("idempotency-key"));
    if (!key.isEmpty()) {
        if (const std::optional<IdempotencyCache::Answer> earlier = m_state.idempotency.find(key, nowMs)) {
            SimResponse replay;
            replay.status = earlier->status;
            replay.body = earlier->body;
            replay.headers = earlier->headers;
            replay.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
            return replay;
        }
    }

    SimResponse response;
    if (const std::optional<QJsonObject> body = parseJsonBody(call.request, call.requestId, &response)) {
        const Parsed<ChannelDraft> draft = draftFromJson(*body);
        if (!draft.ok()) {
            response = validationFailedReply(call.requestId, draft.errors);
        } else {
            const ChannelStore::CreateResult created = m_state.channels.create(draft.value, m_state.clock->nowUtc());
            if (!created.errors.isEmpty()) {
                response = validationFailedReply(call.requestId, created.errors);
            } else {
                response = channelReply(201, created.channel);
                // The address the client used: right also when bound to 0.0.0.0.
                QUrl location = m_state.baseUrl;
                const QByteArray host = call.request.header("host");
                if (!host.isEmpty())
                    location = QUrl(QStringLiteral("http://") + QString::fromLatin1(host));
                location.setPath(QString(api::kChannelsPath) + QLatin1Char('/') + created.channel.id);
                response.headers.append({QByteArray(api::kHeaderLocation), location.toEncoded()});
            }
        }
    }
    // A malformed body is not remembered: the client may fix it and reuse the key.
    if (!key.isEmpty() && (response.status == 201 || response.body.contains("validation_failed")))
        m_state.idempotency.store(key, {response.status, response.body, response.headers}, nowMs);
    return response;
}

SimResponse ChannelHandler::get(const SimCall &call) const
{
    if (auto denied = m_signIn.authorize(call, QString(api::kScopeChannelRead)))
        return *denied;
    const Channel *channel = m_state.channels.find(call.channelId);
    if (!channel)
        return noSuchChannel(call);
    return channelReply(200, *channel);
}

SimResponse ChannelHandler::patch(const SimCall &call)
{
    if (auto denied = m_signIn.authorize(call, QString(api::kScopeChannelWrite)))
        return *denied;
    const QString &id = call.channelId;
    if (!m_state.channels.find(id))
        return noSuchChannel(call);
    SimResponse response;
    const std::optional<QJsonObject> patch = parseJsonBody(call.request, call.requestId, &response);
    if (!patch)
        return response;

    std::optional<qint64> ifMatch;
    const QByteArray ifMatchHeader = call.request.header("if-match");
    if (!ifMatchHeader.isEmpty())
        ifMatch = parseIfMatch(ifMatchHeader);
    const ChannelStore::PatchResult result = m_state.channels.patch(id, *patch, ifMatch, m_state.clock->nowUtc());
    switch (result.outcome) {
    case ChannelStore::PatchOutcome::NotFound:
        return noSuchChannel(call);
    case ChannelStore::PatchOutcome::VersionMismatch: {
        SimResponse mismatch = errorReply(412, call.requestId, api::kErrorPreconditionFailed,
                                          QStringLiteral("If-Match names %1 but the channel is at version %2: GET it again and reapply the change")
                                              .arg(QString::fromUtf8(ifMatchHeader)).arg(result.channel.version));
        mismatch.headers.append({QByteArray(api::kHeaderETag), etagOf(result.channel.version)});
        return mismatch;
    }
    case ChannelStore::PatchOutcome::Invalid:
        return validationFailedReply(call.requestId, result.errors);
    case ChannelStore::PatchOutcome::Updated:
        break;
    }
    return channelReply(200, result.channel);
}

SimResponse ChannelHandler::remove(const SimCall &call)
{
    if (auto denied = m_signIn.authorize(call, QString(api::kScopeChannelWrite)))
        return *denied;
    const QString &id = call.channelId;
    QStringList referencedBy;
    switch (m_state.channels.remove(id, &referencedBy)) {
    case ChannelStore::RemoveOutcome::NotFound:
        return noSuchChannel(call);
    case ChannelStore::RemoveOutcome::InUse:
        return errorReply(409, call.requestId, api::kErrorInUse,
                          QStringLiteral("%1 is a failover target of %2: remove it from their failover_channels first")
                              .arg(id, referencedBy.join(QStringLiteral(", "))),
                          QJsonObject{{api::kKeyReferencedBy, QJsonArray::fromStringList(referencedBy)}});
    case ChannelStore::RemoveOutcome::Removed:
        break;
    }
    return noContentReply();
}

} // namespace cc::sim
