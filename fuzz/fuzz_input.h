#pragma once
// Helpers shared by the fuzz targets: the input as a QByteArray, as a file for
// a parser that reads one, and cut into parts where a target needs several
// documents (a merge patch's target and patch, the three answers of a discovery). Parts are separated by a line
// holding "----"; the seeds show the shape, libFuzzer keeps it when mutating.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace cc::fuzz {

inline QByteArray inputBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Writes the input to the file `name` (readable by its owner only) in a folder
// kept for the whole run; its path, or empty when it could not be written.
inline QString inputFile(const uint8_t *data, size_t size, const QString &name)
{
    static QTemporaryDir dir;
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(inputBytes(data, size));
    return file.fileName();
}

// Always `count` parts: missing ones are empty, extra separators stay in the last.
inline QList<QByteArray> inputParts(const QByteArray &bytes, int count)
{
    static const QByteArray separator = QByteArrayLiteral("\n----\n");
    QList<QByteArray> parts;
    qsizetype from = 0;
    while (parts.size() < count - 1) {
        const qsizetype at = bytes.indexOf(separator, from);
        if (at < 0)
            break;
        parts.append(bytes.mid(from, at - from));
        from = at + separator.size();
    }
    parts.append(bytes.mid(from));
    while (parts.size() < count)
        parts.append(QByteArray());
    return parts;
}

} // namespace cc::fuzz
