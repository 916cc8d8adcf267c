#pragma once
// Where a shared audit store lives: a `postgresql://user@host:port/db` URL
// (also `postgres://`), parsed into what Qt's QPSQL driver takes. The password
// is never part of it: libpq finds it itself in PGPASSWORD or the PGPASSFILE
// (~/.pgpass) file, so it never sits on a command line, in a setting or in a log.
// Query parameters pass the few libpq options a NOC needs (sslmode,
// sslrootcert, connect_timeout, application_name).

#include <QString>

#include <optional>

namespace cc {

struct PostgresLocation
{
    QString host;
    int port = 5432;
    QString user;
    QString database;
    // QPSQL connect options ("key=value;..."): the deadlines and keep-alives
    // below, and the URL's own parameters.
    QString connectOptions;

    // postgresql://user@host:port/db, never with a password.
    QString displayUrl() const;
};

// True for a postgresql:// or postgres:// URL (anything else is a file path).
bool isPostgresUrl(const QString &text);

// nullopt with a message saying what to fix.
std::optional<PostgresLocation> parsePostgresUrl(const QString &text, QString *error);

// The console's way to the password: read from the keychain and kept in this
// process's memory only, handed to libpq for connections to that store (its
// user, host, port and database), never written to a setting, a log or a
// command line. An empty password forgets it. Thread-safe.
void setPostgresPassword(const QString &storeUrl, const QString &password);
// What setPostgresPassword() gave for this location; empty: libpq's own ways
// (PGPASSWORD, PGPASSFILE) apply.
QString postgresPasswordFor(const PostgresLocation &location);

} // namespace cc
