#include "audit/audit_copier.h"

#include "audit/audit_store.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace cc {

namespace {

constexpr int kBatchSize = 500;

} // namespace

AuditCopyResult copyAuditTrail(const AuditStore &from, AuditStore &to, const QString &tenant,
                               const std::function<void(qint64 done)> &progress)
{
    AuditCopyResult result;
    const AuditVerifyResult check = from.verify();
    if (!check.intact()) {
        result.message = QStringLiteral("the source trail %1 does not verify, nothing was copied: %2")
                             .arg(from.path(), check.message);
        return result;
    }
    QSqlQuery known(to.database());
    if (!known.prepare(QStringLiteral("SELECT 1 FROM audit_entries WHERE id = ?"))) {
        result.message = QStringLiteral("cannot read the destination %1: %2").arg(to.path(), known.lastError().text());
        return result;
    }
    QList<AuditEntry> batch;
    QString lastHash;
    QString error;
    bool failed = false;
    const auto flush = [&] {
        if (batch.isEmpty())
            return true;
        if (!to.appendBatch(&batch, &error)) {
            result.message = QStringLiteral("copying stopped after %1 entries: %2. Run the copy again: entries already "
                                            "copied are skipped")
                                 .arg(result.copied)
                                 .arg(error);
            return false;
        }
        result.copied += batch.size();
        batch.clear();
        if (progress)
            progress(result.copied + result.skipped);
        return true;
    };
    const bool read = from.forEach({}, [&](const AuditEntry &entry) {
        lastHash = entry.hash;
        known.addBindValue(entry.id);
        if (!known.exec()) {
            result.message = QStringLiteral("cannot read the destination %1: %2").arg(to.path(), known.lastError().text());
            failed = true;
            return false;
        }
        const bool present = known.next();
        known.finish();
        if (present) {
            ++result.skipped;
            return true;
        }
        AuditEntry copy = entry;
        copy.sequence = 0;
        copy.prevHash.clear();
        copy.hash.clear();
        batch.append(copy);
        if (batch.size() >= kBatchSize && !flush()) {
            failed = true;
            return false;
        }
        return true;
    }, &error);
    if (failed)
        return result;
    if (!read) {
        result.message = QStringLiteral("cannot read the source %1: %2").arg(from.path(), error);
        return result;
    }
    if (!flush())
        return result;

    AuditEntry record;
    record.eventType = QString(events::kAuditCopied);
    record.source = EventSource::Manual;
    record.actor = defaultAuditActor();
    record.tenant = tenant;
    record.detailsJson = canonicalDetailsJson(QJsonObject{
        {QStringLiteral("from"), from.path()},
        {QStringLiteral("copied"), result.copied},
        {QStringLiteral("skipped"), result.skipped},
        {QStringLiteral("source_entries"), check.checked},
        {QStringLiteral("source_head_hash"), lastHash},
    });
    QList<AuditEntry> records{record};
    if (!to.appendBatch(&records, &error)) {
        result.message = QStringLiteral("the %1 entries were copied but the copy itself was not recorded: %2")
                             .arg(result.copied)
                             .arg(error);
        return result;
    }
    result.ok = true;
    result.message = QStringLiteral("%1 entries copied from %2 to %3 (%4 already there), with their original times "
                                    "and ids; the copy is entry #%5")
                         .arg(result.copied)
                         .arg(from.path(), to.path())
                         .arg(result.skipped)
                         .arg(records.constFirst().sequence);
    return result;
}

} // namespace cc
