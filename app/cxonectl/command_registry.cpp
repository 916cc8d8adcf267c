#include "command_registry.h"

#include <algorithm>

namespace cc::cli {

void CommandRegistry::add(std::unique_ptr<Command> command)
{
    Q_ASSERT_X(!find(command->name()), Q_FUNC_INFO, "two cxonectl commands share a name");
    m_commands.push_back(std::move(command));
}

Command *CommandRegistry::find(const QString &name) const
{
    const auto it = std::find_if(m_commands.begin(), m_commands.end(),
                                 [&name](const std::unique_ptr<Command> &command) { return command->name() == name; });
    return it == m_commands.end() ? nullptr : it->get();
}

QList<const Command *> CommandRegistry::commands() const
{
    QList<const Command *> list;
    for (const auto &command : m_commands)
        list.append(command.get());
    return list;
}

QString CommandRegistry::helpText() const
{
    QString text = QStringLiteral("Commands:\n");
    for (const auto &command : m_commands) {
        for (const QString &line : command->usage().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            text += QStringLiteral("  ") + line + QLatin1Char('\n');
        text += QStringLiteral("      ") + command->summary() + QLatin1Char('\n');
    }
    return text;
}

} // namespace cc::cli
