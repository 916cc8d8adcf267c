#pragma once
// The simulated CXone tenant on the network: a QHttpServer on host:port (loopback
// unless told otherwise) that hands every request to SimTenant and writes its
// answer back, later for a "slow" fault, or not at all for "drop_after_commit".
// Tests create one in-process on 127.0.0.1 port 0; cxone-sim wraps one.

#include "sim_options.h"
#include "sim_tenant.h"

#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTimer;
QT_END_NAMESPACE

namespace cc::sim {

class SimSipResponder;

class SimServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimServer)

public:
    explicit SimServer(const SimOptions &options, QObject *parent = nullptr);
    ~SimServer() override;

    // Seeds the tenant, reads the scenario and binds host:port; false with a
    // readable error (the port is taken, the scenario file is wrong, ...).
    bool listen(QString *error = nullptr);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;   // http://127.0.0.1:PORT
    QUrl exportUrl() const; // baseUrl + "/export"

    // The tenant's state, for tests that arrange or inspect it directly.
    SimTenant &tenant() { return *m_tenant; }
    // Answers held back by a "slow" fault and not written yet.
    int pendingDelayedAnswers() const { return static_cast<int>(m_delayed.size()); }
    // The trunks' SIP responder, when SimOptions::sipResponder is set (else null).
    SimSipResponder *sipResponder() const { return m_sipResponder; }

private:
    void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void drip(QHttpServerResponder &&responder, const SimResponse &answer);
    void scheduleScenario();

    SimOptions m_options;
    std::unique_ptr<SimTenant> m_tenant;
    QHttpServer *m_http = nullptr;
    QTimer *m_scenarioTimer = nullptr;
    quint16 m_port = 0;
    SimSipResponder *m_sipResponder = nullptr;
    // Answers held back by a "slow" fault; released before the server goes.
    std::vector<std::shared_ptr<QHttpServerResponder>> m_delayed;
};

} // namespace cc::sim
