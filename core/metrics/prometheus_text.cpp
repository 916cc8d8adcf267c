#include "metrics/prometheus_text.h"

#include <QLocale>

#include <cmath>

namespace cc {

namespace {

// The exposition format escapes backslash and line feed in HELP text, and the
// double quote as well in a label value.
enum class Quotes { Kept, Escaped };

QString escaped(const QString &text, Quotes quotes)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"') && quotes == Quotes::Escaped)
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

} // namespace

void PrometheusText::family(const QString &name, const QString &type, const QString &help)
{
    m_text += QStringLiteral("# HELP %1 %2\n# TYPE %1 %3\n").arg(name, escaped(help, Quotes::Kept), type).toUtf8();
}

void PrometheusText::sample(const QString &name, const Labels &labels, double value)
{
    QString line = name;
    if (!labels.isEmpty()) {
        line += QLatin1Char('{');
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                line += QLatin1Char(',');
            line += labels.at(i).first + QStringLiteral("=\"") + escapeLabelValue(labels.at(i).second) + QLatin1Char('"');
        }
        line += QLatin1Char('}');
    }
    line += QLatin1Char(' ') + formatValue(value) + QLatin1Char('\n');
    m_text += line.toUtf8();
}

QString PrometheusText::escapeLabelValue(const QString &value)
{
    return escaped(value, Quotes::Escaped);
}

QString PrometheusText::formatValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace cc
