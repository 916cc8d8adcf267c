#pragma once
// A PostgreSQL 15 server of the test's own: initdb in a temporary folder, a
// superuser with a password (scram-sha-256 on TCP, so the store must find it
// through libpq's PGPASSWORD), listening on 127.0.0.1 on a free port with no
// Unix socket, stopped (and its folder removed) when the object goes. Run as
// root, the server runs as `nobody` (runuser), as PostgreSQL requires.
//
//   cc::test::PostgresServer pg;
//   ASSERT_TRUE(pg.start()) << pg.error();
//   const QString url = pg.createDatabase("audit_three_writers");   // postgresql://cc@127.0.0.1:PORT/...
//   qputenv("PGPASSWORD", pg.password());

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace cc::test {

class PostgresServer final
{
public:
    static constexpr char kUser[] = "cc";

    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    bool start();
    // pg_ctl stop -m fast|immediate; start() again brings it back on the same port.
    bool stop(const QString &mode = QStringLiteral("fast"));
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    QByteArray password() const { return m_password; }

    // CREATE DATABASE name; its URL (no password), empty on failure (see error()).
    QString createDatabase(const QString &name);
    // One SQL statement (or a psql command such as \copy) as the superuser in
    // `database`, through psql (run as `nobody` when the server is); its output.
    bool psql(const QString &database, const QString &sql, QString *output = nullptr, int timeoutMs = 60000);

    // Where Debian keeps the server's programs (/usr/lib/postgresql/15/bin).
    static QString binDir();

private:
    bool run(const QString &program, const QStringList &arguments, int timeoutMs, QString *output = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
    quint16 m_port = 0;
    QByteArray m_password;
    bool m_running = false;
    bool m_asNobody = false;
    QString m_error;
};

} // namespace cc::test
