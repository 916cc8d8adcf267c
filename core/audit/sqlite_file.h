#pragma once
// The SQLite files that hold who changed which trunk (the audit store, the
// local spool of the shared trail): created and kept for the owner's eyes only
// (0600; SQLite gives the -wal and -shm files the same mode), opened as a named
// QSQLITE connection of their owner's thread.

#include <QString>

namespace cc {

// Creates the folder and the file (0600) where missing, tightens an existing
// file and its -wal and -shm to the owner, and opens the QSQLITE connection
// `connectionName` on it (waiting up to 15 s for another connection's write
// lock). `what` names the file in errors ("the audit store"). On failure no
// connection of that name is left.
bool openOwnerOnlySqlite(const QString &path, const QString &connectionName, const QString &what, QString *error);
// The file, its -wal and its -shm, where they exist: readable and writable by the owner only.
void restrictSqliteToOwner(const QString &path);
// Closes and removes the connection `*connectionName` names, if any, and clears the name.
void closeSqlConnection(QString *connectionName);
// "prefix-N": a connection name no other of this process has (QSqlDatabase's names are process-wide).
QString nextSqlConnectionName(const QString &prefix);

} // namespace cc
