// GoogleTest main for every test executable: the Qt application object exists
// for the whole run, so tests can use event loops, QSignalSpy and timers.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#ifdef CC_TEST_GUI
#include <QApplication>
#endif

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    // Settings, keychain fallbacks and data folders go to a throw-away place:
    // test mode for this process, and private XDG folders that the programs it
    // starts (cxonectl, cxone-sim) inherit, so no test touches the real home.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir home(QDir::tempPath() + QStringLiteral("/cc-test-home-XXXXXX"));
    if (home.isValid()) {
        for (const char *variable : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
            const QString folder = home.filePath(QString::fromLatin1(variable).toLower());
            QDir().mkpath(folder);
            qputenv(variable, QFile::encodeName(folder));
        }
    }
#ifdef CC_TEST_GUI
    // CTest's test discovery runs the executable without the tests' ENVIRONMENT,
    // and there is no display on a build machine.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setOrganizationName(QStringLiteral("ChannelConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("cc-tests"));
    return RUN_ALL_TESTS();
}
