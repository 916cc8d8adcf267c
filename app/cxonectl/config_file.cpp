#include "config_file.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>

namespace cc::cli {

namespace {

// main.cpp's global options that take a value (the others are flags).
const QStringList kGlobalValued{QStringLiteral("timeout"), QStringLiteral("retries"), QStringLiteral("audit-db"),
                                QStringLiteral("export-url"), QStringLiteral("base-url"), QStringLiteral("client-id"),
                                QStringLiteral("client-secret-file"), QStringLiteral("access-key-id"),
                                QStringLiteral("access-key-secret-file"), QStringLiteral("discovery-url")};
const QStringList kGlobalFlags{QStringLiteral("json"), QStringLiteral("verbose")};

bool isSecretKey(const QString &key)
{
    return key == QLatin1String("client-secret") || key == QLatin1String("access-key-secret") || key.contains(QLatin1String("password"))
        || key == QLatin1String("token");
}

// Where the command word is: the first argument that is neither an option nor a global option's value.
qsizetype commandIndex(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument.startsWith(QLatin1String("--"))) {
            if (!argument.contains(QLatin1Char('=')) && kGlobalValued.contains(argument.mid(2)))
                ++i;
            continue;
        }
        if (argument.startsWith(QLatin1Char('-')))
            continue;
        return i;
    }
    return -1;
}

} // namespace

bool expandConfigFile(QStringList *arguments, QString *error)
{
    QString path;
    qsizetype at = -1;
    for (qsizetype i = 1; i < arguments->size(); ++i) {
        const QString &argument = arguments->at(i);
        if (argument == QLatin1String("--config")) {
            if (i + 1 >= arguments->size()) {
                *error = QStringLiteral("--config needs a FILE");
                return false;
            }
            path = arguments->at(i + 1);
            at = i;
            arguments->remove(i, 2);
            break;
        }
        if (argument.startsWith(QLatin1String("--config="))) {
            path = argument.mid(9);
            at = i;
            arguments->remove(i);
            break;
        }
    }
    if (at < 0)
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read the config file %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    const QString credentials = QProcessEnvironment::systemEnvironment().value(QStringLiteral("CREDENTIALS_DIRECTORY"));
    QStringList globals;
    QStringList commandOptions;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString where = QStringLiteral("%1 line %2").arg(QDir::toNativeSeparators(path)).arg(lineNumber);
        if (equals <= 0) {
            *error = QStringLiteral("%1: expected 'key = value'").arg(where);
            return false;
        }
        QString key = line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        if (isSecretKey(key)) {
            *error = QStringLiteral("%1: '%2' is a secret and never goes in the config file: give it through systemd's "
                                    "LoadCredential= and '%2-credential = NAME', or the environment")
                         .arg(where, key);
            return false;
        }
        if (key == QLatin1String("config")) {
            *error = QStringLiteral("%1: a config file cannot name another").arg(where);
            return false;
        }
        if (key.endsWith(QLatin1String("-credential"))) {
            if (credentials.isEmpty()) {
                *error = QStringLiteral("%1: '%2' names a systemd credential, but $CREDENTIALS_DIRECTORY is not set "
                                        "(run it from the unit, or give the file with the -file option)")
                             .arg(where, key);
                return false;
            }
            const QString credential = QDir(credentials).filePath(value);
            if (key == QLatin1String("pgpass-credential")) {
                qputenv("PGPASSFILE", QFile::encodeName(credential));
                continue;
            }
            if (key != QLatin1String("client-secret-credential") && key != QLatin1String("access-key-secret-credential")) {
                *error = QStringLiteral("%1: unknown credential key '%2'").arg(where, key);
                return false;
            }
            key = key.left(key.size() - 11) + QStringLiteral("-file");
            value = credential;
        }
        const bool global = kGlobalValued.contains(key) || kGlobalFlags.contains(key);
        QStringList &target = global ? globals : commandOptions;
        if (value == QLatin1String("true") || value == QLatin1String("yes"))
            target.append(QStringLiteral("--") + key);
        else if (value != QLatin1String("false") && value != QLatin1String("no"))
            target << QStringLiteral("--") + key << value;
    }
    const qsizetype command = commandIndex(*arguments);
    if (command < 0) {
        *error = QStringLiteral("--config goes with a command: cxonectl monitor --config FILE");
        return false;
    }
    for (qsizetype i = commandOptions.size() - 1; i >= 0; --i)
        arguments->insert(command + 1, commandOptions.at(i));
    for (qsizetype i = globals.size() - 1; i >= 0; --i)
        arguments->insert(1, globals.at(i));
    return true;
}

} // namespace cc::cli
