#pragma once
// The commands cxonectl knows, by name, in registration order (for --help).

#include "command.h"

#include <memory>
#include <vector>

namespace cc::cli {

class CommandRegistry final
{
public:
    CommandRegistry() = default;
    Q_DISABLE_COPY_MOVE(CommandRegistry)

    // A second command with the same name is a programming error (asserted).
    void add(std::unique_ptr<Command> command);
    Command *find(const QString &name) const;
    QList<const Command *> commands() const;
    // The "Commands:" block of --help.
    QString helpText() const;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace cc::cli
