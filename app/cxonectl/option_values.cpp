#include "option_values.h"

#include "cli_context.h"

#include <QCommandLineParser>

#include <cmath>
#include <type_traits>

namespace cc::cli {

namespace {

// "--count", or "-n" for a one-letter option.
QString optionText(const QCommandLineOption &option)
{
    const QString name = option.names().constFirst();
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

// The option's value when it is a number within [min, max], `fallback` when
// the option is not given; a usage error saying it needs `what` otherwise.
template<typename Number>
std::optional<Number> numberWithin(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                   Number min, Number max, Number fallback, const QString &what, const QString &usage)
{
    if (!parser.isSet(option))
        return fallback;
    const QString text = parser.value(option);
    bool ok = false;
    Number value{};
    if constexpr (std::is_integral_v<Number>)
        value = text.toLongLong(&ok);
    else
        value = text.toDouble(&ok);
    // Not a number fails `value >= min` as well.
    if (ok && value >= min && value <= max)
        return value;
    context.usageError(QStringLiteral("%1 needs %2 from %3 to %4, not '%5'.").arg(optionText(option), what).arg(min).arg(max).arg(text),
                       usage);
    return std::nullopt;
}

} // namespace

std::optional<qint64> wholeNumberOption(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                        qint64 min, qint64 max, qint64 fallback, const QString &usage)
{
    return numberWithin(context, parser, option, min, max, fallback, QStringLiteral("a whole number"), usage);
}

std::optional<int> secondsOptionMs(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                                   double min, double max, int fallbackMs, const QString &usage)
{
    const std::optional<double> seconds =
        numberWithin(context, parser, option, min, max, fallbackMs / 1000.0, QStringLiteral("seconds"), usage);
    if (!seconds)
        return std::nullopt;
    return static_cast<int>(std::lround(*seconds * 1000.0));
}

} // namespace cc::cli
