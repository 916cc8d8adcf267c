#pragma once
// SIPp (Debian's sip-tester) as a carrier's SIP server for one test: started on
// 127.0.0.1 on a free port with one of the scenario files of tests/sip/scenarios,
// its message log kept in a temporary folder (for the times it received and
// sent), and killed when the object goes. SIPp stops by itself after two
// minutes (-timeout) should a test die before.

#include "sip/sip_uri.h"

#include <QDateTime>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace cc::test {

class SippPeer final
{
public:
    SippPeer() = default;
    ~SippPeer();
    Q_DISABLE_COPY_MOVE(SippPeer)

    static bool available();

    // `scenario`: a file name in tests/sip/scenarios; `delayMs`: SIPp's -d (the
    // scenario's <pause/>); `port` 0: a free one, else that one (a peer
    // restarted in place with another scenario). False with `error` set.
    bool start(const QString &scenario, SipTransport transport, int delayMs = 0, QString *error = nullptr,
               quint16 port = 0);
    quint16 port() const { return m_port; }
    QString uri() const;   // sip:127.0.0.1:PORT[;transport=tcp]
    void stop();

    // From SIPp's message log: for each message it received, the time; for each sent, the time.
    struct Exchange
    {
        qint64 receivedUs = 0;   // microseconds on SIPp's clock (only differences mean anything)
        qint64 sentUs = 0;       // 0 when it sent nothing back
        double holdMs() const { return sentUs ? (sentUs - receivedUs) / 1000.0 : -1; }
    };
    QList<Exchange> exchanges() const;

private:
    QProcess m_process;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    SipTransport m_transport = SipTransport::Udp;
};

} // namespace cc::test
