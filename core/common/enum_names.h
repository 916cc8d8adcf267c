#pragma once
// One table of stable names per enum, read both ways: the name of a value and
// the value of a name. The names are vocabulary of the wire, the audit trail or
// the command line, never shown translated. A table is an array of rows, each
// with a `value` and a `name` (QLatin1String) and any further columns its
// owner needs.

#include <QLatin1String>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>

namespace cc {

template<typename Enum>
struct EnumName
{
    Enum value;
    QLatin1String name;
};

// The row of `value`, or nullptr when the table has none.
template<typename Row, std::size_t N>
const Row *enumRow(const Row (&table)[N], decltype(Row::value) value)
{
    const Row *row = std::find_if(std::begin(table), std::end(table), [value](const Row &r) { return r.value == value; });
    return row == std::end(table) ? nullptr : row;
}

// The name of `value`; empty when the table has no row for it.
template<typename Row, std::size_t N>
QString enumName(const Row (&table)[N], decltype(Row::value) value)
{
    const Row *row = enumRow(table, value);
    return row ? QString(row->name) : QString();
}

// The value named `name` (matched exactly), or nullopt.
template<typename Row, std::size_t N>
std::optional<decltype(Row::value)> enumFromName(const Row (&table)[N], const QString &name)
{
    const Row *row = std::find_if(std::begin(table), std::end(table), [&name](const Row &r) { return name == r.name; });
    if (row == std::end(table))
        return std::nullopt;
    return row->value;
}

} // namespace cc
