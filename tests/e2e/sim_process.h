#pragma once
// cxone-sim as its own process for one test, as a user starts it: the program
// with its command line, its first line ("listening on http://127.0.0.1:PORT")
// read for the address, SIGTERM at the end. Nothing of the sim is linked in.

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace cc::e2e {

class SimProcess final
{
public:
    // Starts `cxone-sim --port 0 arguments...` and waits (up to 20 s) for its first line.
    explicit SimProcess(const QStringList &arguments);
    ~SimProcess();
    SimProcess(const SimProcess &) = delete;
    SimProcess &operator=(const SimProcess &) = delete;

    bool isRunning() const { return m_base.isValid(); }
    QUrl baseUrl() const { return m_base; }
    // What it printed so far (stdout and stderr), for a failing test's message.
    QByteArray output();
    QString startError() const { return m_error; }

    // One action of the simulated tenant's control API (POST /_sim/faults):
    // how a test arranges the tenant's side (a trunk held unhealthy). True on 2xx.
    bool fault(const QJsonObject &action);
    // PATCHes of channels the tenant answered 200 so far (its request log,
    // GET /_sim/requests): every routing change, whoever made it. -1 when not running.
    int patchesAnswered200();
    // Its counters (GET /_sim/stats): requests by route, tokens_issued. Empty when not running.
    QJsonObject stats();

    static QString binary();

private:
    QJsonObject control(const QString &path);   // GET of a control path, its JSON answer

    QProcess m_process;
    QUrl m_base;
    QByteArray m_output;
    QString m_error;
};

// This process's environment with the tenant and the demo credentials
// cxonectl reads (CXONE_BASE_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET).
QProcessEnvironment cxonectlEnvironment(const QUrl &tenant);

} // namespace cc::e2e
