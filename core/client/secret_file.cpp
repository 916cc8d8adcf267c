#include "client/secret_file.h"

#include <QFile>

namespace cc {

namespace {

// A secret is one short line; a larger first line is a wrong file, not a key.
constexpr qint64 kMaxSecretLineBytes = 64 * 1024;

} // namespace

std::optional<QString> readSecretFile(const QString &path, const QString &optionName, QString *problem,
                                      QStringList *warnings)
{
    QFile file(path);
    if (warnings && file.exists()
        && (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) != 0)
        warnings->append(QStringLiteral("%1 '%2' can be read by other users of this machine: restrict it "
                                        "(chmod 600 '%2').").arg(optionName, path));
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot read %1 '%2': %3").arg(optionName, path, file.errorString());
        return std::nullopt;
    }
    const QString secret = QString::fromUtf8(file.readLine(kMaxSecretLineBytes)).trimmed();
    if (secret.isEmpty()) {
        *problem = QStringLiteral("%1 '%2' is empty: its first line must hold the secret").arg(optionName, path);
        return std::nullopt;
    }
    return secret;
}

} // namespace cc
