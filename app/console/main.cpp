// cxone-console: the operator's window. Thin on purpose: it reads the command
// line, opens the audit trail, starts the simulated tenant for --demo, and hands
// everything to cc::ui::MainWindow.

#include "cc_version.h"
#include "main_window.h"
#include "profile_store.h"
#include "screenshot_tour.h"
#include "sim_server.h"
#include "sim_sip_responder.h"
#include "status_presentation.h"
#include "theme.h"

#include "audit/audit_log.h"
#include "audit/audit_store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "cxone-console: %s\n", qPrintable(message));
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ChannelConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("cxone-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CC_VERSION_STRING));
}

// The console's options, defined once for the early pass and the real one.
struct ConsoleOptions
{
    QCommandLineOption demo{QStringLiteral("demo"),
        QStringLiteral("Start a simulated tenant inside the console and connect to it: no account needed, "
                       "every channel and reading is simulated.")};
    QCommandLineOption profile{QStringLiteral("profile"),
        QStringLiteral("Connect with the saved connection profile <name> at start."), QStringLiteral("name")};
    QCommandLineOption demoChannels{QStringLiteral("demo-channels"),
        QStringLiteral("How many trunks the demo's simulated tenant has (default 12; 1000 or 5000 show the status grid)."),
        QStringLiteral("N"), QStringLiteral("12")};
    QCommandLineOption wall{QStringLiteral("wall"),
        QStringLiteral("Open the wall screen at start: every channel full screen, problems first (Esc leaves it).")};
    QCommandLineOption theme{QStringLiteral("theme"),
        QStringLiteral("Colours: system (follow the desktop), light or dark; remembered. Also under View > Colours."),
        QStringLiteral("scheme")};
    QCommandLineOption screenshots{QStringLiteral("screenshots"),
        QStringLiteral("Render each page and the channel editor to PNG files in <dir>, then quit."), QStringLiteral("dir")};

    explicit ConsoleOptions(QCommandLineParser &parser)
    {
        parser.setApplicationDescription(QStringLiteral(CC_PROJECT_DESCRIPTION));
        parser.addHelpOption();
        parser.addVersionOption();
        screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(demo);
        parser.addOption(profile);
        parser.addOption(demoChannels);
        parser.addOption(wall);
        parser.addOption(theme);
        parser.addOption(screenshots);
    }
};

// --help and --version need no window: they are answered before QApplication
// looks for a display (help2man runs them on a build machine that has none).
void answerHelpOrVersion(int argc, char *argv[])
{
    QCoreApplication early(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    const ConsoleOptions options(parser);
    // Qt's own GUI options (-platform, -style) are not ours: ignore parse errors here,
    // the real pass below reports what is wrong.
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
}

} // namespace

int main(int argc, char *argv[])
{
    answerHelpOrVersion(argc, argv);

    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Channel Console"));
    QApplication::setDesktopFileName(QStringLiteral("net.channelconsole.Console"));
    QApplication::setWindowIcon(cc::ui::applicationIcon());

    QCommandLineParser parser;
    const ConsoleOptions options(parser);
    parser.process(app);
    const QCommandLineOption &demoOption = options.demo;
    const QCommandLineOption &profileOption = options.profile;
    const QCommandLineOption &screenshotsOption = options.screenshots;

    const bool demo = parser.isSet(demoOption);
    cc::ui::Theme theme = cc::ui::savedTheme();
    if (parser.isSet(options.theme) && !cc::ui::parseTheme(parser.value(options.theme), &theme)) {
        printError(QStringLiteral("--theme takes system, light or dark, not \"%1\".").arg(parser.value(options.theme)));
        return 2;
    }
    cc::ui::applyTheme(theme);
    bool channelsOk = false;
    const int demoChannels = parser.value(options.demoChannels).toInt(&channelsOk);
    if (!channelsOk || demoChannels < 1 || demoChannels > 20000) {
        printError(QStringLiteral("--demo-channels takes a count from 1 to 20000, not \"%1\".").arg(parser.value(options.demoChannels)));
        return 2;
    }
    if (parser.isSet(options.demoChannels) && !demo) {
        printError(QStringLiteral("--demo-channels needs --demo: a real tenant has the channels it has."));
        return 2;
    }
    if (demo && parser.isSet(profileOption)) {
        printError(QStringLiteral("--demo and --profile exclude each other: the demo connects to its own simulated tenant."));
        return 2;
    }

    // The demo's actions are simulated: its audit trail lives in a temporary
    // folder, apart from the real one, and goes when the console closes.
    std::unique_ptr<QTemporaryDir> demoDir;
    QString auditPath;
    if (demo) {
        demoDir = std::make_unique<QTemporaryDir>();
        auditPath = demoDir->filePath(QStringLiteral("demo-audit.sqlite"));
    }
    cc::AuditLog audit;
    QString auditError;
    if (!audit.open(auditPath, &auditError))
        printError(QStringLiteral("the audit trail could not be opened (%1): actions are not recorded. %2")
                       .arg(auditPath.isEmpty() ? cc::AuditStore::defaultPath() : auditPath, auditError));

    cc::ui::ProfileStore profiles;
    cc::ui::MainWindow window(&profiles, audit.isOpen() ? &audit : nullptr);
    if (!auditError.isEmpty())
        window.setBanner(QStringLiteral("The audit trail could not be opened: actions are not recorded. %1").arg(auditError));

    std::unique_ptr<cc::sim::SimServer> sim;
    if (demo) {
        cc::sim::SimOptions options;
        options.channels = demoChannels;
        options.scenarioFile = QStringLiteral(":/cc/demo/demo-scenario.json");
        options.sipResponder = true;   // each simulated trunk's SIP server answers the console's probes
        sim = std::make_unique<cc::sim::SimServer>(options);
        QString error;
        if (!sim->listen(&error)) {
            printError(QStringLiteral("the simulated tenant did not start: %1").arg(error));
            return 1;
        }
        cc::ui::StoredProfile profile;
        profile.connection.name = QStringLiteral("Demo tenant");
        profile.connection.baseUrl = sim->baseUrl();
        profile.connection.clientId = QStringLiteral("demo");
        // The simulated tenant's documented demo credential, not a secret.
        profile.connection.clientSecret = QString::fromLatin1(cc::sim::kDemoClientSecret);
        profile.connection.exportUrl = sim->exportUrl();
        // A brisk cadence and automatic failback, so the scenario's failover and
        // recovery both show within its two minutes (N = M = 3 as in production).
        profile.monitor.cadenceSeconds = 5;
        profile.monitor.failover.failback = cc::FailbackPolicy::Automatic;
        profile.monitor.failover.cooldownMs = 60 * 1000;
        // The console's own SIP probes, at the demo's cadence, to the simulated SIP servers.
        profile.monitor.sipProbe = true;
        profile.monitor.sipProbeIntervalSeconds = 5;
        if (sim->sipResponder())
            profile.monitor.sipConnectTo = sim->sipResponder()->connectTo();
        window.setBanner(QStringLiteral("DEMO MODE — every channel, status and reading here is SIMULATED by a tenant "
                                        "running inside this program at %1. Nothing reaches a real CXone tenant. "
                                        "Within two minutes one trunk degrades and recovers.")
                             .arg(sim->baseUrl().toString()));
        window.connectWith(profile);
    } else {
        const QString name = parser.isSet(profileOption) ? parser.value(profileOption) : profiles.lastUsedProfile();
        if (!name.isEmpty()) {
            if (profiles.profileNames().contains(name)) {
                window.connectToSavedProfile(name);
            } else if (parser.isSet(profileOption)) {
                const QStringList saved = profiles.profileNames();
                printError(QStringLiteral("no saved profile is named \"%1\" (%2). Create it in the window with File > Connect.")
                               .arg(name, saved.isEmpty() ? QStringLiteral("none is saved yet")
                                                          : QStringLiteral("saved: ") + saved.join(QStringLiteral(", "))));
                return 2;
            }
        }
    }

    if (parser.isSet(screenshotsOption)) {
        window.resize(1280, 760);
        window.show();
        auto *tour = new cc::ui::ScreenshotTour(&window, parser.value(screenshotsOption), &window);
        int exitCode = 0;
        QObject::connect(tour, &cc::ui::ScreenshotTour::finished, &app, [&exitCode](bool ok, const QString &message) {
            std::fprintf(ok ? stdout : stderr, "cxone-console: screenshots: %s\n", qPrintable(message));
            exitCode = ok ? 0 : 1;
            QApplication::exit(exitCode);
        });
        tour->start();
        app.exec();
        return exitCode;
    }

    window.show();
    if (parser.isSet(options.wall))
        window.openWallScreen();
    return app.exec();
}
