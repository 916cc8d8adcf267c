// AuditStore's writes: appending entries to the chain, alone or together with
// changes to a table beside it (the alarms), in one transaction.

#include "audit/audit_store.h"

#include "audit/audit_rows.h"
#include "common/error_out.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cc {

bool AuditStore::transact(QList<AuditEntry> *entries, const std::function<bool(QString *error)> &work, QString *error)
{
    return inTransaction([&](QString *stepError) {
        return (!work || work(stepError)) && (entries->isEmpty() || appendRows(entries, stepError, KnownIds::Refuse, nullptr));
    }, error);
}

bool AuditStore::inTransaction(const std::function<bool(QString *error)> &steps, QString *error)
{
    if (!isOpen()) {
        setError(error, QStringLiteral("the audit store is not open"));
        return false;
    }
    // IMMEDIATE takes the write lock before reading the chain's head, so two
    // writers (two processes) cannot both link to the same previous entry. In
    // PostgreSQL the head row's lock (FOR UPDATE) does the same across hosts.
    if (!exec(m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    QString stepError;
    if (!steps(&stepError)) {
        setError(error, stepError);
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    if (!exec(QStringLiteral("COMMIT"), error)) {
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    return true;
}

bool AuditStore::appendRows(QList<AuditEntry> *entries, QString *error, KnownIds known, qint64 *skipped)
{
    const auto fail = [&](const QString &what, const QSqlError &sqlErr) {
        setError(error, auditSqlError(what, sqlErr));
        return false;
    };
    qint64 sequence = 0;
    QString prevHash = genesisPrevHash();
    {
        QSqlQuery head(database());
        if (!head.exec(m_postgres ? QStringLiteral("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                                  : QStringLiteral("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")))
            return fail(QStringLiteral("reading the last audit entry"), head.lastError());
        if (head.next()) {
            sequence = head.value(0).toLongLong();
            prevHash = head.value(1).toString();
        }
    }

    // Under the head's lock: a writer that committed these ids meanwhile is seen.
    QList<bool> present(entries->size(), false);
    if (known == KnownIds::Skip) {
        QSqlQuery lookup(database());
        if (!lookup.prepare(QStringLiteral("SELECT ") + auditColumns() + QStringLiteral(" FROM audit_entries WHERE id = ?")))
            return fail(QStringLiteral("preparing the audit lookup"), lookup.lastError());
        for (qsizetype i = 0; i < entries->size(); ++i) {
            if (entries->at(i).id.isEmpty())
                continue;
            lookup.addBindValue(entries->at(i).id);
            if (!lookup.exec())
                return fail(QStringLiteral("looking up audit entry %1").arg(entries->at(i).id), lookup.lastError());
            if (lookup.next()) {
                readAuditEntry(lookup, &(*entries)[i]);
                present[i] = true;
                if (skipped)
                    ++*skipped;
            }
            lookup.finish();
        }
    }

    QSqlQuery insert(database());
    if (!insert.prepare(QStringLiteral("INSERT INTO audit_entries (") + auditColumns()
                        + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        return fail(QStringLiteral("preparing the audit insert"), insert.lastError());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < entries->size(); ++i) {
        if (present.at(i))
            continue;
        AuditEntry &entry = (*entries)[i];
        completeAuditEntry(&entry, now);
        entry.sequence = ++sequence;
        entry.prevHash = prevHash;
        entry.hash = computeAuditHash(entry);
        prevHash = entry.hash;

        insert.addBindValue(entry.sequence);
        bindAuditContent(&insert, entry);
        insert.addBindValue(entry.prevHash);
        insert.addBindValue(entry.hash);
        if (!insert.exec())
            return fail(QStringLiteral("writing audit entry #%1").arg(entry.sequence), insert.lastError());
    }
    insert.finish();
    if (m_postgres) {
        QSqlQuery moveHead(database());
        moveHead.prepare(QStringLiteral("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1"));
        moveHead.addBindValue(sequence);
        moveHead.addBindValue(prevHash);
        if (!moveHead.exec())
            return fail(QStringLiteral("moving the chain's head"), moveHead.lastError());
    }
    return true;
}

} // namespace cc
