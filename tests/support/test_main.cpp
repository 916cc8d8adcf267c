// GoogleTest main for every test executable: the Qt application object exists
// for the whole run, so tests can use event loops, QSignalSpy and timers.

#include <QCoreApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

#ifdef CC_TEST_GUI
#include <QApplication>
#endif

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    // Settings, keychain fallbacks and data folders go to a throw-away place.
    QStandardPaths::setTestModeEnabled(true);
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
