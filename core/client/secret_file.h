#pragma once
// Secrets handed to a program in a file (never on its command line, where every
// user of the machine can read them): cxonectl's credentials and cxone-sim's
// own client secret and export token are read the same way.

#include <QString>
#include <QStringList>

#include <optional>

namespace cc {

// The first line of the file, trimmed; nullopt with `problem` naming the
// option and the file when it is unreadable or empty. A file that group or
// others can read adds a warning saying how to restrict it.
std::optional<QString> readSecretFile(const QString &path, const QString &optionName, QString *problem,
                                      QStringList *warnings = nullptr);

} // namespace cc
