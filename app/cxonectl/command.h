#pragma once
// One top-level cxonectl command ("channels", "failover", "monitor", "quality",
// "audit", ...). A command parses its own arguments (the words after its name),
// does its work asynchronously on the event loop and ends by calling
// CliContext::finish() exactly once.

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QCommandLineParser;

namespace cc::cli {

class CliContext;

class Command
{
public:
    // What `cxonectl --help` and a usage error say about a command.
    struct Help
    {
        QString name;
        QString summary;   // one line for --help
        QString usage;     // the usage lines, e.g. "cxonectl failback ID"
    };

    explicit Command(Help help);
    virtual ~Command() = default;

    QString name() const { return m_help.name; }
    QString summary() const { return m_help.summary; }
    QString usage() const { return m_help.usage; }
    virtual void run(CliContext &context, const QStringList &arguments) = 0;
    // A command that runs until told to stop (monitor) is bounded by its own
    // --duration and cycle deadline, not by the default --deadline.
    virtual bool runsUntilStopped() const { return false; }

protected:
    // One subcommand ("channels get"): its names (the first is the one said in
    // messages), what runs it with the words after it, and how many of those
    // it takes (-1: it checks them itself).
    struct Subcommand
    {
        QStringList names;
        std::function<void(CliContext &, const QStringList &)> run;
        int arguments = -1;
    };

    // Parses `arguments` (the words after `commandWords`, e.g. "channels update")
    // with `parser`. On a bad option, or when there are not `positionals`
    // positional arguments (-1: any number), says so (`problem`, or the parser's
    // error) with the usage, finishing with exit 2, and returns false.
    bool parseArguments(CliContext &context, QCommandLineParser &parser, const QString &commandWords,
                        const QStringList &arguments, int positionals = -1, const QString &problem = {}) const;
    // Runs the subcommand named by the first word of `arguments`; a missing or
    // unknown one, or one given the wrong number of words, is a usage error.
    void runSubcommand(CliContext &context, const QStringList &arguments, const QList<Subcommand> &subcommands) const;

private:
    Help m_help;
};

} // namespace cc::cli
