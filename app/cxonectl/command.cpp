#include "command.h"

#include "cli_context.h"

#include <QCommandLineParser>

#include <algorithm>

namespace cc::cli {

Command::Command(Help help)
    : m_help(std::move(help))
{
}

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

void Command::runSubcommand(CliContext &context, const QStringList &arguments, const QList<Subcommand> &subcommands) const
{
    const QString word = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (word.isEmpty()) {
        QStringList names;
        for (const Subcommand &subcommand : subcommands)
            names.append(subcommand.names.constFirst());
        const QString last = names.takeLast();
        context.usageError(QStringLiteral("'%1' needs a subcommand: %2 or %3.").arg(name(), names.join(QStringLiteral(", ")), last),
                           usage());
        return;
    }
    const auto found = std::find_if(subcommands.cbegin(), subcommands.cend(),
                                    [&word](const Subcommand &subcommand) { return subcommand.names.contains(word); });
    if (found == subcommands.cend()) {
        context.usageError(QStringLiteral("unknown subcommand '%1 %2'.").arg(name(), word), usage());
        return;
    }
    if (found->arguments == 0 && !rest.isEmpty()) {
        context.usageError(QStringLiteral("'%1 %2' takes no arguments.").arg(name(), word), usage());
        return;
    }
    if (found->arguments >= 0 && rest.size() != found->arguments) {
        context.usageError(QStringLiteral("wrong number of arguments for '%1 %2'.").arg(name(), word), usage());
        return;
    }
    found->run(context, rest);
}

} // namespace cc::cli
