#include "audit/sqlite_file.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>

namespace cc {

QString nextSqlConnectionName(const QString &prefix)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("%1-%2").arg(prefix).arg(counter.fetchAndAddRelaxed(1));
}

bool openOwnerOnlySqlite(const QString &path, const QString &connectionName, const QString &what, QString *error)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the folder %1 for %2: check its permissions")
                        .arg(QDir::toNativeSeparators(info.absolutePath()), what));
    if (!info.exists()) {
        QFile create(path);
        if (!create.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return fail(QStringLiteral("cannot create %1 %2: %3").arg(what, shown, create.errorString()));
    }
    restrictSqliteToOwner(path);
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(path);
        // Another connection (the outbox, another process) may hold the write lock briefly.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
        if (db.open())
            return true;
        problem = db.lastError().text();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return fail(QStringLiteral("cannot open %1 %2: %3").arg(what, shown, problem));
}

void restrictSqliteToOwner(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(path + suffix);
        if (file.exists())
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
}

void closeSqlConnection(QString *connectionName)
{
    if (connectionName->isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(*connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(*connectionName);
    connectionName->clear();
}

} // namespace cc
