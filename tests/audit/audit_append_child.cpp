// Helper process for AuditCrash: appends audit entries to the store named on the
// command line as fast as it can, keeping a window of appends in flight, and
// prints "<sequence> <id>" on stdout for each entry once it is committed. The
// test kills it with SIGKILL at a random moment and checks every printed entry.

#include "audit/audit_log.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: audit_append_child DB\n");
        return 2;
    }
    cc::AuditLog log;
    QString error;
    if (!log.open(args.at(1), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    int next = 0;
    const auto appendOne = [&] {
        cc::AuditEvent event;
        event.eventType = QStringLiteral("crash_test");
        event.channelId = QStringLiteral("ch_%1").arg(next % 7);
        event.source = cc::EventSource::Automatic;
        event.tenant = QStringLiteral("tenant-demo");
        event.details = QJsonObject{{QStringLiteral("n"), next},
                                    {QStringLiteral("padding"), QString(200, u'x')}};
        ++next;
        log.append(event);
    };
    QObject::connect(&log, &cc::AuditLog::committed, &app, [&](quint64, const cc::AuditEntry &entry) {
        std::printf("%lld %s\n", static_cast<long long>(entry.sequence), qPrintable(entry.id));
        std::fflush(stdout);
        appendOne();
    });
    QObject::connect(&log, &cc::AuditLog::failed, &app, [](quint64, const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    for (int i = 0; i < 64; ++i)
        appendOne();
    return app.exec();
}
