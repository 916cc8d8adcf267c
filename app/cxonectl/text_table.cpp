#include "text_table.h"

#include <algorithm>

namespace cc::cli {

TextTable::TextTable(const QStringList &headers, int maxCellWidth)
    : m_headers(headers)
    , m_maxCellWidth(std::max(4, maxCellWidth))
{
}

void TextTable::addRow(const QStringList &cells)
{
    QStringList row = cells;
    while (row.size() < m_headers.size())
        row.append(QString());
    for (QString &cell : row) {
        cell.replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (cell.size() > m_maxCellWidth)
            cell = cell.left(m_maxCellWidth - 1) + QChar(0x2026);
    }
    m_rows.append(row);
}

QString TextTable::render() const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype column = 0; column < widths.size() && column < row.size(); ++column)
            widths[column] = std::max(widths[column], row.at(column).size());
    }
    const auto line = [&widths](const QStringList &cells) -> QString {
        QString text;
        for (qsizetype column = 0; column < widths.size(); ++column) {
            if (column > 0)
                text += QLatin1String("  ");
            text += cells.value(column).leftJustified(widths.at(column));
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QString text = line(m_headers);
    for (const QStringList &row : m_rows)
        text += line(row);
    return text;
}

} // namespace cc::cli
