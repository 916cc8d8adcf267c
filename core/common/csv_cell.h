#pragma once
// One CSV cell as the audit trail and the quality export write it, so that a
// person can open either safely: RFC 4180 (a field holding a comma, a quote, CR
// or LF in double quotes with quotes doubled) and OWASP's CSV-injection advice
// (a cell that begins with '=', '+', '-', '@', a tab or a carriage return gets a
// leading single quote, whatever column it is in). UTF-8.

#include <QByteArray>
#include <QString>

namespace cc {

class CsvCell final
{
public:
    // OWASP neutralisation only.
    static QString neutralise(const QString &cell);
    // Neutralised, then quoted when RFC 4180 requires it.
    static QByteArray encode(const QString &cell);
    // The same for a cell already in UTF-8, appended to `row` (no copy per cell:
    // the audit export streams a million rows).
    static void append(QByteArray *row, const QByteArray &utf8);
    // A timestamp cell: ISO 8601 UTC with milliseconds and Z.
    static QByteArray timestamp(qint64 msSinceEpoch);
};

} // namespace cc
