// AuditStore's walk of the whole chain (declared in audit_store.h): every
// entry's hash recomputed from its stored bytes, each linked to the one before.

#include "audit/audit_store.h"

#include "audit/audit_store_rows.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <iterator>

namespace cc {

namespace {

// How often progress is called while walking.
constexpr qint64 kProgressEvery = 4096;

QString sqlError(const QString &what, const QSqlError &error)
{
    return what + QStringLiteral(": ") + error.text();
}

} // namespace

AuditVerifyResult AuditStore::verify(const std::function<bool(qint64 checked)> &progress) const
{
    AuditVerifyResult result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // Raw UTF-8 columns (no QString round trip), and typeof() to catch a time
    // replaced by text, which a hash over its digits would not show.
    // (PostgreSQL's BIGINT column cannot hold anything else.)
    const QString timeIsInteger = m_postgres ? QStringLiteral("TRUE") : QStringLiteral("typeof(ts_ms) = 'integer'");
    if (!query.exec(QStringLiteral("SELECT ") + auditRawColumns(m_postgres) + QStringLiteral(", ")
                    + timeIsInteger + QStringLiteral(" FROM audit_entries ORDER BY seq"))) {
        result.problem = AuditVerifyResult::Problem::StoreError;
        result.message = sqlError(QStringLiteral("cannot read the audit store"), query.lastError());
        return result;
    }
    const QByteArray validSources[] = {QByteArrayLiteral("manual"), QByteArrayLiteral("automatic"),
                                       QByteArrayLiteral("system")};
    qint64 expected = 1;
    QByteArray prevHash = genesisPrevHash().toLatin1();
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    AuditRawRow row;
    const auto bad = [&](AuditVerifyResult::Problem problem, const QString &what) {
        result.problem = problem;
        result.sequence = row.sequence;
        result.id = QString::fromUtf8(row.id);
        result.message = QStringLiteral("entry #%1 (id %2) %3").arg(row.sequence).arg(result.id, what);
        return result;
    };
    while (query.next()) {
        readAuditRawRow(query, &row);
        if (row.sequence != expected) {
            result.problem = AuditVerifyResult::Problem::Missing;
            result.sequence = expected;
            result.id.clear();
            const QString nextId = QString::fromUtf8(row.id);
            result.message = row.sequence == expected + 1
                ? QStringLiteral("entry #%1 is missing: the chain jumps from #%2 to #%3 (id %4); "
                                 "an entry was removed")
                      .arg(expected).arg(expected - 1).arg(row.sequence).arg(nextId)
                : QStringLiteral("entries #%1 to #%2 are missing: the chain jumps from #%3 to #%4 (id %5); "
                                 "entries were removed")
                      .arg(expected).arg(row.sequence - 1).arg(expected - 1).arg(row.sequence).arg(nextId);
            return result;
        }
        const bool integerTime = query.value(12).toBool();
        if (!integerTime
            || std::find(std::begin(validSources), std::end(validSources), row.source) == std::end(validSources)) {
            return bad(AuditVerifyResult::Problem::Malformed,
                       QStringLiteral("was altered: a column holds a value no writer produces"));
        }
        sha256.reset();
        sha256.addData(auditCanonicalForm(row));
        if (sha256.result().toHex() != row.hash) {
            return bad(AuditVerifyResult::Problem::HashMismatch,
                       QStringLiteral("was altered or moved: its contents do not match its hash"));
        }
        if (row.prevHash != prevHash) {
            return bad(AuditVerifyResult::Problem::PrevHashMismatch,
                       QStringLiteral("does not follow entry #%1: an entry was inserted, replaced or reordered "
                                      "before it").arg(row.sequence - 1));
        }
        prevHash = row.hash;
        ++expected;
        ++result.checked;
        if (progress && result.checked % kProgressEvery == 0 && !progress(result.checked)) {
            result.problem = AuditVerifyResult::Problem::Cancelled;
            result.message = QStringLiteral("verification cancelled after %1 entries").arg(result.checked);
            return result;
        }
    }
    if (query.lastError().isValid()) {
        result.problem = AuditVerifyResult::Problem::StoreError;
        result.message = sqlError(QStringLiteral("cannot read the audit store"), query.lastError());
        return result;
    }
    if (progress)
        progress(result.checked);
    result.message = QStringLiteral("%1 entries verified: the chain is intact").arg(result.checked);
    return result;
}

} // namespace cc
