#include "command.h"

#include "cli_context.h"

#include <QCommandLineParser>

namespace cc::cli {

bool Command::parseArguments(CliContext &context, QCommandLineParser &parser, const QString &commandWords,
                             const QStringList &arguments, int positionals, const QString &problem) const
{
    if (!parser.parse(QStringList{commandWords} + arguments)) {
        context.usageError(parser.errorText(), usage());
        return false;
    }
    if (positionals >= 0 && parser.positionalArguments().size() != positionals) {
        context.usageError(problem, usage());
        return false;
    }
    return true;
}

} // namespace cc::cli
