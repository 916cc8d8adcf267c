#include "operations/media_path_optimizer.h"

#include <QJsonArray>

namespace cc {

namespace {

MonitorEvent mediaEvent(QLatin1String type, const QString &channelId, EventSource source, const QDateTime &time,
                        const QString &reason, const QString &message, QJsonObject details)
{
    details.insert(QStringLiteral("reason"), reason);
    details.insert(QStringLiteral("message"), message);
    return MonitorEvent{QString(type), channelId, source, time, details};
}

QString namesOf(const QList<Codec> &codecs)
{
    QStringList names;
    for (const Codec &codec : codecs)
        names.append(codec.name);
    return names.join(QLatin1Char(','));
}

} // namespace

void optimizeMediaPath(ApiClient *client, const QString &channelId, bool apply, EventSource source, QObject *context,
                       MediaPathDone done)
{
    client->getChannel(channelId)->onFinished(context, [client, channelId, apply, source, context,
                                                        done](const ApiResult<Channel> &read) {
        MediaPathOutcome outcome;
        outcome.channelId = channelId;
        if (!read.ok()) {
            outcome.error = read.error;
            done(outcome);
            return;
        }
        outcome.plan = planCodecOrder(read.value->configuration);
        outcome.version = read.value->version;
        if (!apply || !outcome.plan.changeNeeded()) {
            done(outcome);
            return;
        }
        client->applyCodecOrder(channelId, outcome.plan.proposed, read.value->version)
            ->onFinished(context, [client, outcome, source, done](const ApiResult<Channel> &patched) mutable {
                const QJsonObject details = outcome.plan.toJson();
                if (!patched.ok()) {
                    outcome.error = patched.error;
                    outcome.event = mediaEvent(events::kMediaPathOptimizationFailed, outcome.channelId, source,
                                               client->clock().nowUtc(), QStringLiteral("request_failed"), patched.error->text(), details);
                    done(outcome);
                    return;
                }
                outcome.applied = true;
                outcome.version = patched.value->version;
                QJsonObject applied = details;
                applied.insert(QStringLiteral("version"), outcome.version);
                outcome.event = mediaEvent(events::kMediaPathOptimized, outcome.channelId, source,
                                           client->clock().nowUtc(), QStringLiteral("codec_order_applied"),
                                           QStringLiteral("codecs %1 -> %2, DTMF RFC2833, dynamic payload")
                                               .arg(namesOf(outcome.plan.current), namesOf(outcome.plan.proposed)),
                                           applied);
                done(outcome);
            });
    });
}

} // namespace cc
