#pragma once
// Builds one scrape in the Prometheus text exposition format (version 0.0.4):
// a HELP and a TYPE line per family, then its samples. Label values and help
// text are escaped as the format asks (backslash, double quote, newline);
// numbers are written in their shortest exact form, NaN and infinities as
// Prometheus spells them.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace cc {

class PrometheusText final
{
public:
    using Labels = QList<QPair<QString, QString>>;

    static constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

    // type: "gauge", "counter", "histogram".
    void family(const QString &name, const QString &type, const QString &help);
    void sample(const QString &name, const Labels &labels, double value);
    void sample(const QString &name, double value) { sample(name, {}, value); }

    QByteArray text() const { return m_text; }

    static QString escapeLabelValue(const QString &value);
    static QString formatValue(double value);

private:
    QByteArray m_text;
};

} // namespace cc
