#pragma once
// cxone-sim as its own process for one test, as a user starts it: the program
// with its command line, its first line ("listening on http://127.0.0.1:PORT")
// read for the address, SIGTERM at the end. Nothing of the sim is linked in.
// Shared by the end-to-end, leader-lease, metrics and SIP tests and the
// benchmarks that need the tenant in a process of its own (link cc_sim_process).

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace cc::test {

class SimProcess final
{
public:
    // Starts `cxone-sim --port 0 arguments...` and waits (up to 20 s) for its banner:
    // the address on the first line, "press Ctrl-C to stop" on the last.
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
    // The control API's set_status: holds a channel at `status` ("auto" resumes
    // its health checks). True on 2xx.
    bool holdStatus(const QString &channelId, const QString &status);
    // PATCHes of channels the tenant answered 200 so far (its request log,
    // GET /_sim/requests): every routing change, whoever made it. -1 when not running.
    int patchesAnswered200();
    // Its counters (GET /_sim/stats): requests by route, tokens_issued. Empty when not running.
    QJsonObject stats();
    // The environment cxonectl finds this tenant and the demo client in
    // (cxonectlEnvironment(), cxonectl_run.h).
    QProcessEnvironment clientEnvironment() const;

    static QString binary();

private:
    struct Answer
    {
        int status = 0;   // 0: no HTTP answer within 15 s
        QByteArray body;
    };
    // One call of the control API, waiting on the event loop.
    Answer controlCall(const QByteArray &method, const QString &path, const QByteArray &body = {});

    QProcess m_process;
    QUrl m_base;
    QByteArray m_output;
    QString m_error;
};

} // namespace cc::test
