#pragma once
// cxonectl run as a process by a test, as a person or a script runs it: its
// arguments, its environment (the tenant and credentials in CXONE_ variables,
// never on the command line), its standard input, and what it printed and
// returned. Link cc_cxonectl_run.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace cc::test {

struct CliRun
{
    int exitCode = -1;        // -1: it crashed, was killed or never started
    QString out;
    QString err;
    qint64 elapsedMs = 0;     // from start to exit

    QString all() const { return out + QLatin1Char('\n') + err; }
};

QString cxonectlBinary();

// Runs `cxonectl arguments...` with `input` on its standard input and waits
// up to `timeoutMs` on the event loop, so a tenant in the test's own thread
// keeps answering. One that does not finish in time is killed and fails the
// running test.
CliRun runCxonectl(const QStringList &arguments,
                   const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                   const QByteArray &input = {}, int timeoutMs = 60000);

// The system environment without any CXONE_ variable: nothing of the user's
// own tenant reaches the program under test.
QProcessEnvironment environmentWithoutCxone();
// environmentWithoutCxone() with the tenant at `baseUrl` and the client "demo"
// with `clientSecret`, as cxonectl reads them.
QProcessEnvironment cxonectlEnvironment(const QUrl &baseUrl, const QString &clientSecret = QStringLiteral("demo-secret"));

// What `cxonectl channels create FILE` reads: one SIP trunk on
// sip.carrier.example.net:`sipPort`, signing in as `username`/`password`,
// OPUS only, no failover channels, checked every 60 s.
QByteArray channelCreateJson(const QString &name, const QString &username, const QString &password, int sipPort);

// The lines of a file the program wrote (a CSV export), split at '\n' (a CRLF
// line keeps its '\r'); none when the file cannot be read.
QList<QByteArray> fileLines(const QString &path);

} // namespace cc::test
