// Fuzz target for the secret file (core/client/secret_file.h): whatever the
// file holds (no newline, CR LF, NUL bytes, invalid UTF-8, only blanks), the
// reader gives a secret or a problem naming the option and the file.

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "client/secret_file.h"

#include <QFile>
#include <QTemporaryDir>

namespace cc::fuzz {

int secretFile(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(inputBytes(data, size));
    file.close();
    QString problem;
    QStringList warnings;
    const std::optional<QString> secret = readSecretFile(path, QStringLiteral("--client-secret-file"), &problem, &warnings);
    if (secret && secret->isEmpty())
        __builtin_trap();   // an empty secret is a problem, never a value
    if (!secret && problem.isEmpty())
        __builtin_trap();
    return 0;
}

} // namespace cc::fuzz
