#include "audit/audit_database_url.h"

#include <QHash>
#include <QMutex>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace cc {

namespace {

// Every database call has a deadline: 10 s to connect, and TCP keep-alives and
// a user timeout so a cut network fails a call in about 10 s instead of hanging
// on the kernel's retransmissions (libpq's keepalives_* and tcp_user_timeout).
const QStringList kDefaultOptions{QStringLiteral("connect_timeout=10"), QStringLiteral("keepalives=1"),
                                  QStringLiteral("keepalives_idle=5"), QStringLiteral("keepalives_interval=2"),
                                  QStringLiteral("keepalives_count=3"), QStringLiteral("tcp_user_timeout=10000")};

const QStringList kAllowedParameters{QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                                     QStringLiteral("connect_timeout"), QStringLiteral("application_name")};

QMutex g_passwordsMutex;
QHash<QString, QString> g_passwords;   // displayUrl() -> password; guarded by g_passwordsMutex

} // namespace

void setPostgresPassword(const QString &storeUrl, const QString &password)
{
    const std::optional<PostgresLocation> location = parsePostgresUrl(storeUrl, nullptr);
    if (!location)
        return;
    QMutexLocker locker(&g_passwordsMutex);
    if (password.isEmpty())
        g_passwords.remove(location->displayUrl());
    else
        g_passwords.insert(location->displayUrl(), password);
}

QString postgresPasswordFor(const PostgresLocation &location)
{
    QMutexLocker locker(&g_passwordsMutex);
    return g_passwords.value(location.displayUrl());
}

QString PostgresLocation::displayUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

bool isPostgresUrl(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

std::optional<PostgresLocation> parsePostgresUrl(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!url.isValid() || !isPostgresUrl(text))
        return fail(QStringLiteral("'%1' is not a postgresql://user@host:port/database URL").arg(url.toString(QUrl::RemovePassword)));
    if (!url.password().isEmpty())
        return fail(QStringLiteral("the audit store's URL holds a password: remove it and give it in PGPASSWORD or a "
                                   "PGPASSFILE (~/.pgpass) instead, so it never appears in a command line or a log"));
    PostgresLocation location;
    location.host = url.host();
    location.port = url.port(5432);
    location.user = url.userName();
    location.database = url.path().mid(1);
    if (location.host.isEmpty() || location.database.isEmpty() || location.database.contains(QLatin1Char('/')))
        return fail(QStringLiteral("'%1' needs a host and a database: postgresql://user@host:port/database")
                        .arg(url.toString(QUrl::RemovePassword)));
    QStringList options = kDefaultOptions;
    const QUrlQuery query(url);
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (!kAllowedParameters.contains(item.first))
            return fail(QStringLiteral("the audit store's URL has the parameter '%1'; only %2 are taken")
                            .arg(item.first, kAllowedParameters.join(QStringLiteral(", "))));
        if (item.second.contains(QLatin1Char(';')) || item.second.contains(QLatin1Char(' ')))
            return fail(QStringLiteral("the audit store's URL parameter '%1' has a space or ';'").arg(item.first));
        options.erase(std::remove_if(options.begin(), options.end(),
                                     [&item](const QString &o) { return o.startsWith(item.first + QLatin1Char('=')); }),
                      options.end());
        options.append(item.first + QLatin1Char('=') + item.second);
    }
    location.connectOptions = options.join(QLatin1Char(';'));
    return location;
}

} // namespace cc
