#pragma once
// One top-level cxonectl command ("channels", "failover", later "monitor",
// "quality", "optimize", "audit"). A command parses its own arguments (the words
// after its name), does its work asynchronously on the event loop and ends by
// calling CliContext::finish() exactly once.

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace cc::cli {

class CliContext;

class Command
{
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    // One line for `cxonectl --help`.
    virtual QString summary() const = 0;
    // The usage lines printed on a usage error, e.g. "cxonectl failback ID".
    virtual QString usage() const = 0;
    virtual void run(CliContext &context, const QStringList &arguments) = 0;
    // A command that runs until told to stop (monitor) is bounded by its own
    // --duration and cycle deadline, not by the default --deadline.
    virtual bool runsUntilStopped() const { return false; }

protected:
    // Parses `arguments` (the words after `commandWords`, e.g. "channels update")
    // with `parser`. On a bad option, or when there are not `positionals`
    // positional arguments (-1: any number), says so (`problem`, or the parser's
    // error) with the usage, finishing with exit 2, and returns false.
    bool parseArguments(CliContext &context, QCommandLineParser &parser, const QString &commandWords,
                        const QStringList &arguments, int positionals = -1, const QString &problem = {}) const;
};

} // namespace cc::cli
