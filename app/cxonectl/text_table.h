#pragma once
// A plain-text table for cxonectl's readable output: a header row, columns
// padded to their widest cell, long cells shortened with an ellipsis.

#include <QList>
#include <QString>
#include <QStringList>

namespace cc::cli {

class TextTable final
{
public:
    explicit TextTable(const QStringList &headers, int maxCellWidth = 48);

    void addRow(const QStringList &cells);
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    // Every line ends with '\n'; trailing spaces are trimmed.
    QString render() const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    int m_maxCellWidth;
};

} // namespace cc::cli
