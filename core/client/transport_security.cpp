#include "client/transport_security.h"

#include <QHostAddress>

namespace cc {

bool isLoopbackHost(const QString &host)
{
    QString bare = host.trimmed();
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    if (bare.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

QString transportSecurityProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("'%1' is not a valid URL (expected https://host)").arg(url.toDisplayString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return QString();
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return QString();
        return QStringLiteral("plain http to %1 is refused: credentials and tokens would cross the network "
                              "unencrypted. Use https://%1 (plain http is allowed only for loopback addresses)")
            .arg(url.host());
    }
    return QStringLiteral("the scheme '%1' of %2 is not supported: use https").arg(url.scheme(), url.host());
}

} // namespace cc
