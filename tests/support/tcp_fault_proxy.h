#pragma once
// A TCP proxy on 127.0.0.1 (port 0, then port()) in front of a real server (the
// tests' PostgreSQL), on a thread of its own so that it keeps forwarding while
// the test waits, that injects the network's faults on demand:
//
//   pass()        forwards both ways at once;
//   delay(ms)     forwards every chunk ms later (a slow database or link);
//   blackhole()   forwards nothing and closes nothing: bytes are held, new
//                 connections accepted and left hanging, no RST, no FIN (a cut
//                 link, a hung server); pass() again delivers what was held;
//   refuse()      resets every connection and every new one (nothing listens).
//
// The kernel still acknowledges what reaches the proxy, as a middlebox would:
// only the client's own deadlines notice a blackhole.
//
//   cc::test::TcpFaultProxy proxy(5432);
//   ASSERT_TRUE(proxy.start());
//   url = "postgresql://cc@127.0.0.1:" + proxy.port() + "/db";
//   proxy.blackhole();

#include "common/owned_thread.h"

#include <QHostAddress>
#include <QThread>

#include <memory>

namespace cc::test {

class TcpFaultProxyWorker;

class TcpFaultProxy final
{
public:
    explicit TcpFaultProxy(quint16 targetPort, const QHostAddress &target = QHostAddress::LocalHost);
    ~TcpFaultProxy();
    TcpFaultProxy(const TcpFaultProxy &) = delete;
    TcpFaultProxy &operator=(const TcpFaultProxy &) = delete;

    bool start();
    quint16 port() const { return m_port; }

    // Each returns once the proxy works that way.
    void pass();
    void delay(int milliseconds);
    void blackhole();
    void refuse();

    // Connections accepted so far (a client that reconnects shows here).
    int connectionsAccepted() const;

private:
    cc::OwnedThread m_thread;
    TcpFaultProxyWorker *m_worker = nullptr;   // lives in m_thread
    quint16 m_port = 0;
};

} // namespace cc::test
