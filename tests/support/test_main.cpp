// GoogleTest main for every test executable: the Qt application object exists
// for the whole run, so tests can use event loops, QSignalSpy and timers.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>

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
    // A test's own second process (the keychain's reader) shares its parent's folders.
    std::optional<QTemporaryDir> created;
    QString homePath = qEnvironmentVariable("CC_TEST_HOME");
    if (homePath.isEmpty()) {
        created.emplace(QDir::tempPath() + QStringLiteral("/cc-test-home-XXXXXX"));
        if (created->isValid())
            homePath = created->path();
    }
    if (!homePath.isEmpty()) {
        const QDir home(homePath);
        qputenv("CC_TEST_HOME", QFile::encodeName(homePath));
        for (const char *variable : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
            const QString folder = home.filePath(QString::fromLatin1(variable).toLower());
            QDir().mkpath(folder);
            qputenv(variable, QFile::encodeName(folder));
        }
        // Qt's test mode puts the standard locations under $HOME/.qttest, which
        // outlives the run: an audit trail there gathered every earlier run's
        // entries (a channel's history showed thirteen failovers for two).
        qputenv("HOME", QFile::encodeName(homePath));
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
