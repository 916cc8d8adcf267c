#pragma once
// The SIP probe options of `cxonectl monitor` (--sip-probe and the --probe-*
// knobs, --failover-signal): added to the command's parser and turned into its
// MonitorSettings, with a usage error naming the bad value.

#include "monitor/monitor_settings.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace cc::cli {

class CliContext;

class MonitorProbeOptions final
{
public:
    MonitorProbeOptions();

    // The usage lines these options add.
    static QString usage();
    void addTo(QCommandLineParser &parser) const;
    // Fills settings.probe and settings.failover.signal; false after a usage error.
    bool apply(CliContext &context, const QCommandLineParser &parser, const QString &usage, MonitorSettings &settings) const;

private:
    QCommandLineOption m_probe;
    QCommandLineOption m_signal;
    QCommandLineOption m_interval;
    QCommandLineOption m_timeout;
    QCommandLineOption m_downAfter;
    QCommandLineOption m_upAfter;
    QCommandLineOption m_acceptCodes;
    QCommandLineOption m_transport;
    QCommandLineOption m_connectTo;
    QCommandLineOption m_connectToFile;
    QCommandLineOption m_caFile;
};

} // namespace cc::cli
