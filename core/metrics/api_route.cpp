#include "metrics/api_route.h"

#include "api/contract.h"

namespace cc {

QString apiRouteTemplate(const QString &urlPath)
{
    QString path = urlPath;
    if (const qsizetype api = path.indexOf(QLatin1String("/api/")); api > 0)
        path = path.mid(api);
    const QString channels = QString(api::kChannelsPath) + QLatin1Char('/');
    if (path.startsWith(channels) && path.size() > channels.size())
        return channels + QStringLiteral("{id}");
    if (path.isEmpty())
        return QStringLiteral("/");
    return path;
}

} // namespace cc
