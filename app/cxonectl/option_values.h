#pragma once
// A command's number options read one way: the value within its range, else a
// usage error naming the option, the range and what was given (exit 2).

#include <QString>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;

namespace cc::cli {

class CliContext;

// A whole-number option within [min, max], `fallback` when not given; nullopt
// after a usage error (with `usage`) for anything else.
std::optional<qint64> wholeNumberOption(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                        qint64 min, qint64 max, qint64 fallback, const QString &usage);
// An option in seconds (fractions allowed) within [min, max], as milliseconds;
// `fallbackMs` when not given; nullopt after a usage error for anything else.
std::optional<int> secondsOptionMs(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                   double min, double max, int fallbackMs, const QString &usage);

} // namespace cc::cli
