#pragma once
// The outcome of walking the hash chain: intact, or the first entry that was
// altered, removed, inserted or reordered, named by sequence number and id.

#include <QMetaType>
#include <QString>

namespace cc {

struct AuditVerifyResult
{
    enum class Problem {
        None,              // intact
        Missing,           // a sequence number is missing: entries were removed
        Malformed,         // a column holds something no writer produces
        HashMismatch,      // the entry's contents do not give its hash: altered or moved
        PrevHashMismatch,  // not linked to the entry before: inserted, replaced or reordered
        Cancelled,
        StoreError,        // the store could not be read
    };

    bool intact() const { return problem == Problem::None; }

    Problem problem = Problem::None;
    qint64 checked = 0;        // entries verified before stopping
    qint64 sequence = -1;      // the first bad entry's sequence number (the expected one when missing)
    QString id;                // its id, when there is a row
    QString message;           // for a person: what is wrong and where
};

} // namespace cc

Q_DECLARE_METATYPE(cc::AuditVerifyResult)
