#include "postgres_server.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QUuid>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cc::test {

namespace {

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool giveTo(const QString &path, uid_t uid, gid_t gid)
{
    return ::chown(QFile::encodeName(path).constData(), uid, gid) == 0;
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    if (m_running)
        stop(QStringLiteral("fast"));
}

QString PostgresServer::binDir()
{
    return QStringLiteral("/usr/lib/postgresql/15/bin");
}

bool PostgresServer::run(const QString &program, const QStringList &arguments, int timeoutMs, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(m_password));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_dir->path());
    const QString path = binDir() + QLatin1Char('/') + program;
    if (m_asNobody)
        process.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"), path}
                                                     + arguments);
    else
        process.start(path, arguments);
    const bool finished = process.waitForStarted(10000) && process.waitForFinished(timeoutMs);
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
        *output = text;
    if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2").arg(program, text.right(2000));
        if (!finished)
            process.kill();
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (m_running)
        return true;
    if (!m_dir) {
        if (!QFile::exists(binDir() + QStringLiteral("/initdb"))) {
            m_error = QStringLiteral("PostgreSQL 15 is not installed (%1): scripts/setup installs postgresql-15").arg(binDir());
            return false;
        }
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return false;
        }
        m_asNobody = ::geteuid() == 0;
        m_password = QUuid::createUuid().toByteArray(QUuid::Id128);
        m_dataDir = m_dir->filePath(QStringLiteral("data"));
        const QString passwordFile = m_dir->filePath(QStringLiteral("pw"));
        QFile file(passwordFile);
        if (!QDir().mkpath(m_dataDir) || !file.open(QIODevice::WriteOnly) || file.write(m_password + '\n') < 0) {
            m_error = QStringLiteral("cannot prepare %1").arg(m_dir->path());
            return false;
        }
        file.close();
        ::chmod(QFile::encodeName(m_dataDir).constData(), 0700);
        if (m_asNobody) {
            const passwd *nobody = ::getpwnam("nobody");
            if (!nobody) {
                m_error = QStringLiteral("running as root, and there is no user 'nobody' to run PostgreSQL as");
                return false;
            }
            ::chmod(QFile::encodeName(m_dir->path()).constData(), 0711);
            if (!giveTo(m_dir->path(), nobody->pw_uid, nobody->pw_gid) || !giveTo(m_dataDir, nobody->pw_uid, nobody->pw_gid)
                || !giveTo(passwordFile, nobody->pw_uid, nobody->pw_gid)) {
                m_error = QStringLiteral("cannot hand %1 to the user nobody").arg(m_dir->path());
                return false;
            }
        }
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), m_dataDir, QStringLiteral("-U"), QString::fromLatin1(kUser), QStringLiteral("--pwfile"),
                  passwordFile, QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--auth-local=reject"),
                  QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-instructions")},
                 120000))
            return false;
        m_port = freePort();
    }
    const QString options = QStringLiteral("-p %1 -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                                           "-c max_connections=50 -c shared_buffers=32MB")
                                .arg(m_port);
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), m_dataDir, QStringLiteral("-o"), options, QStringLiteral("-l"),
              m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
              QStringLiteral("start")},
             90000))
        return false;
    m_running = true;
    return true;
}

bool PostgresServer::stop(const QString &mode)
{
    if (!m_running)
        return true;
    const bool ok = run(QStringLiteral("pg_ctl"),
                        {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"), mode, QStringLiteral("-w"), QStringLiteral("-t"),
                         QStringLiteral("60"), QStringLiteral("stop")},
                        90000);
    if (ok)
        m_running = false;
    return ok;
}

bool PostgresServer::psql(const QString &database, const QString &sql, QString *output, int timeoutMs)
{
    return run(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"),
                QString::fromLatin1(kUser), QStringLiteral("-d"), database, QStringLiteral("-c"), sql},
               timeoutMs, output);
}

QString PostgresServer::createDatabase(const QString &name)
{
    if (!psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE %1").arg(name)))
        return QString();
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(QString::fromLatin1(kUser)).arg(m_port).arg(name);
}

} // namespace cc::test
