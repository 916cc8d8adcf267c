#include "sip/probe_health_settings.h"

#include "sip/sip_probe_result.h"

#include <QStringList>

#include <algorithm>

namespace cc {

std::optional<ProbeHealthSettings> ProbeHealthSettings::withReplyCodes(const ProbeHealthSettings &base, const QString &spec,
                                                                       QString *error)
{
    ProbeHealthSettings settings = base;
    settings.acceptedCodes.clear();
    settings.acceptedClasses.clear();
    for (const QString &part : spec.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString name = item.left(equals).trimmed().toLower();
        bool ok = false;
        const int value = item.mid(equals + 1).trimmed().toInt(&ok);
        if (equals > 0 && ok && name == QLatin1String("code") && value >= 100 && value <= 699) {
            settings.acceptedCodes.insert(value);
        } else if (equals > 0 && ok && name == QLatin1String("class") && value >= 1 && value <= 6) {
            settings.acceptedClasses.insert(value);
        } else {
            if (error)
                *error = QStringLiteral("'%1' in the accepted reply codes is neither code=100..699 nor class=1..6 "
                                        "(write them as Kamailio's ds_ping_reply_codes, e.g. code=404;class=4)")
                             .arg(item);
            return std::nullopt;
        }
    }
    return settings;
}

QString ProbeHealthSettings::replyCodesText() const
{
    QList<int> codes = acceptedCodes.values();
    QList<int> classes = acceptedClasses.values();
    std::sort(codes.begin(), codes.end());
    std::sort(classes.begin(), classes.end());
    QStringList parts;
    for (const int code : std::as_const(codes))
        parts.append(QStringLiteral("code=%1").arg(code));
    for (const int klass : std::as_const(classes))
        parts.append(QStringLiteral("class=%1").arg(klass));
    return parts.join(QLatin1Char(';'));
}

bool ProbeHealthSettings::accepts(int statusCode) const
{
    // As Kamailio's ds_options_callback: any 2xx, then the configured codes.
    return (statusCode >= 200 && statusCode <= 299) || acceptedCodes.contains(statusCode)
        || acceptedClasses.contains(statusCode / 100);
}

bool ProbeHealthSettings::countsAsUp(const SipProbeResult &result) const
{
    return result.outcome == SipProbeOutcome::Answered && accepts(result.statusCode);
}

} // namespace cc
