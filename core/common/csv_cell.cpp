#include "common/csv_cell.h"

#include <QDateTime>

#include <cstdio>

namespace cc {

namespace {

bool startsDangerously(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return false;
    const char first = utf8.front();
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
}

bool needsQuotes(const QByteArray &utf8)
{
    for (const char c : utf8) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n')
            return true;
    }
    return false;
}

} // namespace

QString CsvCell::neutralise(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar first = cell.front();
    if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r')
        return u'\'' + cell;
    return cell;
}

void CsvCell::append(QByteArray *row, const QByteArray &utf8)
{
    const bool quoted = needsQuotes(utf8);
    if (quoted)
        row->append('"');
    if (startsDangerously(utf8))
        row->append('\'');
    if (!quoted) {
        row->append(utf8);
        return;
    }
    for (const char c : utf8) {
        if (c == '"')
            row->append('"');
        row->append(c);
    }
    row->append('"');
}

QByteArray CsvCell::encode(const QString &cell)
{
    QByteArray encoded;
    append(&encoded, cell.toUtf8());
    return encoded;
}

QByteArray CsvCell::timestamp(qint64 ms)
{
    // Without a QDateTime per row (days to civil date: H. Hinnant's algorithm).
    constexpr qint64 kMsPerDay = 86400000;
    if (ms < 0 || ms >= 253402300800000LL)   // outside 1970..9999: the slow, general way
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
    const qint64 days = ms / kMsPerDay;
    const qint64 msOfDay = ms % kMsPerDay;
    const qint64 z = days + 719468;
    const qint64 era = z / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day),
                  static_cast<long long>(msOfDay / 3600000), static_cast<long long>(msOfDay / 60000 % 60),
                  static_cast<long long>(msOfDay / 1000 % 60), static_cast<long long>(msOfDay % 1000));
    return QByteArray(text);
}

} // namespace cc
