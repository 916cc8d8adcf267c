// SipProber against peers on loopback that do what SIPp cannot: nothing
// listening (ICMP port unreachable, TCP refused), answers that are hostile or
// meant for someone else, answers out of order, TLS with and without a trusted
// certificate, connect-to rules.

#include "sip_test_util.h"

#include "sip/sip_codec.h"
#include "sip/sip_prober.h"
#include "sip/sip_stream_framer.h"

#include <QFile>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>

#include <gtest/gtest.h>

using cc::SipCodec;
using cc::SipProbeOutcome;
using cc::test::probeAndWait;

namespace {

// A UDP peer on 127.0.0.1 that hands each request to `answer`.
class UdpPeer final : public QObject
{
public:
    using Answer = std::function<void(QUdpSocket &, const QNetworkDatagram &)>;
    explicit UdpPeer(Answer answer) : m_answer(std::move(answer))
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram datagram = m_socket.receiveDatagram();
                m_requests.append(datagram.data());
                m_answer(m_socket, datagram);
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }
    QUdpSocket &socket() { return m_socket; }
    QList<QByteArray> m_requests;

private:
    QUdpSocket m_socket;
    Answer m_answer;
};

QByteArray answerTo(const QByteArray &request, int code, const QString &reason = QStringLiteral("OK"))
{
    return SipCodec::buildResponse(request, code, reason, QStringLiteral("peer"), QStringLiteral("test peer"));
}

} // namespace

TEST(SipProber, NothingListeningOnUdpIsRefusedNotSilence)
{
    const quint16 port = cc::test::freeLoopbackPort();
    const auto result = probeAndWait(QStringLiteral("sip:127.0.0.1:%1").arg(port), 5000);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::Refused) << result->summary().toStdString();
    EXPECT_EQ(result->summary(), QStringLiteral("nothing listens on 127.0.0.1:%1 (ICMP port unreachable)").arg(port));
    EXPECT_EQ(result->retransmissions, 0) << "ended by the ICMP error, not by Timer F";
}

TEST(SipProber, NothingListeningOnTcpIsRefused)
{
    const quint16 port = cc::test::freeLoopbackPort();
    const auto result = probeAndWait(QStringLiteral("sip:127.0.0.1:%1;transport=tcp").arg(port), 5000);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::Refused) << result->summary().toStdString();
    EXPECT_TRUE(result->summary().startsWith(QStringLiteral("nothing listens on 127.0.0.1:%1").arg(port)));
}

TEST(SipProber, ANameThatDoesNotResolveIsDownDns)
{
    const auto result = probeAndWait(QStringLiteral("sip:sbc.carrier.invalid:5060"), 3000);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::DnsFailed);
    EXPECT_TRUE(result->summary().startsWith(QStringLiteral("down: DNS: sbc.carrier.invalid"))) << result->summary().toStdString();
}

TEST(SipProber, HostileAndStrayAnswersAreCountedAndIgnored)
{
    QUdpSocket stranger;
    ASSERT_TRUE(stranger.bind(QHostAddress::LocalHost, 0));
    UdpPeer peer([&stranger](QUdpSocket &socket, const QNetworkDatagram &request) {
        const QHostAddress to = request.senderAddress();
        const quint16 port = static_cast<quint16>(request.senderPort());
        const QByteArray good = answerTo(request.data(), 200);
        QByteArray wrongBranch = good;
        wrongBranch.replace("branch=z9hG4bK", "branch=z9hG4bKforged");
        const auto info = SipCodec::parseRequest(request.data());
        QByteArray wrongCallId = good;
        wrongCallId.replace(info->callId.toLatin1(), "someone-else");
        for (const QByteArray &bytes : {QByteArray("\x01\x02garbage"), QByteArray("SIP/2.0 200 OK\r\nVia: broken\r\n\r\n"),
                                        wrongBranch, wrongCallId,
                                        QByteArray("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n"),
                                        QByteArray(70000, 'x').left(65000)})
            socket.writeDatagram(bytes, to, port);
        stranger.writeDatagram(good, to, port);                                  // right transaction, wrong source
        socket.writeDatagram(answerTo(request.data(), 100, QStringLiteral("Trying")), to, port);
        socket.writeDatagram(answerTo(request.data(), 200), to, port);
        socket.writeDatagram(answerTo(request.data(), 200), to, port);           // a duplicate after the end
    });
    cc::SipProber prober;
    const auto result = probeAndWait(prober, QStringLiteral("sip:127.0.0.1:%1").arg(peer.port()), 3000);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::Answered);
    EXPECT_EQ(result->statusCode, 200);
    ASSERT_TRUE(cc::test::waitUntil([&prober] { return prober.counters().unmatched >= 3; }));
    const cc::SipProberCounters &counters = prober.counters();
    EXPECT_EQ(counters.malformed, 3);
    EXPECT_EQ(counters.unmatched, 3);        // forged branch, wrong Call-ID, the late duplicate
    EXPECT_EQ(counters.wrongSource, 1);
    EXPECT_EQ(counters.requestsIgnored, 1);
    EXPECT_EQ(counters.provisionals, 1);
    EXPECT_EQ(counters.answers, 1);
}

TEST(SipProber, AnswersInAnyOrderReachTheirOwnProbeAndEachProbeIsItsOwnTransaction)
{
    QList<QNetworkDatagram> held;
    UdpPeer peer([&held](QUdpSocket &, const QNetworkDatagram &request) { held.append(request); });
    cc::SipProber prober;
    constexpr int kProbes = 20;
    QHash<quint64, int> expected;
    QHash<quint64, cc::SipProbeResult> results;
    QObject::connect(&prober, &cc::SipProber::finished, &prober,
                     [&results](const cc::SipProbeResult &result) { results.insert(result.probeId, result); });
    for (int i = 0; i < kProbes; ++i) {
        const auto uri = cc::SipUri::parse(QStringLiteral("sip:trunk%1@127.0.0.1:%2").arg(i).arg(peer.port()));
        expected.insert(prober.probe(*uri, 3000), 200 + i);
    }
    ASSERT_TRUE(cc::test::waitUntil([&held] { return held.size() == kProbes; }));
    QSet<QString> branches;
    QSet<QString> callIds;
    // Answer last first, each with a code of its own Request-URI's user part.
    for (auto it = held.crbegin(); it != held.crend(); ++it) {
        const auto request = SipCodec::parseRequest(it->data());
        ASSERT_TRUE(request);
        branches.insert(request->branch);
        callIds.insert(request->callId);
        EXPECT_TRUE(request->branch.startsWith(QStringLiteral("z9hG4bK")));
        const int user = request->requestUri.section(QLatin1Char('@'), 0, 0).mid(9).toInt();
        peer.socket().writeDatagram(answerTo(it->data(), 200 + user), it->senderAddress(),
                                    static_cast<quint16>(it->senderPort()));
    }
    EXPECT_EQ(branches.size(), kProbes);
    EXPECT_EQ(callIds.size(), kProbes);
    ASSERT_TRUE(cc::test::waitUntil([&results] { return results.size() == kProbes; }));
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        EXPECT_EQ(results.value(it.key()).statusCode, it.value());
    EXPECT_EQ(prober.inFlight(), 0);
}

TEST(SipProber, ConnectToRuleSendsTheProbeElsewhereButNamesTheTrunk)
{
    UdpPeer peer([](QUdpSocket &socket, const QNetworkDatagram &request) {
        socket.writeDatagram(answerTo(request.data(), 200), request.senderAddress(), static_cast<quint16>(request.senderPort()));
    });
    cc::SipProberOptions options;
    ASSERT_TRUE(options.connectTo.addRule(QStringLiteral("sip-01.carrier-provider.net:5060:127.0.0.1:%1").arg(peer.port())));
    cc::SipProber prober(options);
    const auto result = probeAndWait(prober, QStringLiteral("sip:sip-01.carrier-provider.net:5060"), 3000);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->statusCode, 200) << result->summary().toStdString();
    EXPECT_EQ(result->address, QStringLiteral("127.0.0.1:%1").arg(peer.port()));
    ASSERT_EQ(peer.m_requests.size(), 1);
    EXPECT_TRUE(peer.m_requests.first().startsWith("OPTIONS sip:sip-01.carrier-provider.net:5060 SIP/2.0"));
    EXPECT_EQ(prober.resolver()->lookupsStarted(), 0);
}

TEST(SipProber, GarbageOnTcpDropsTheConnectionAndEndsTheProbe)
{
    QTcpServer server;
    ASSERT_TRUE(server.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("SIP/2.0 200 OK\r\nVia: x\r\n\r\n"); // no Content-Length on a stream
        });
    });
    cc::SipProber prober;
    const auto result = probeAndWait(prober, QStringLiteral("sip:127.0.0.1:%1;transport=tcp").arg(server.serverPort()), 3000);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::NetworkError) << result->summary().toStdString();
    EXPECT_TRUE(result->summary().contains(QStringLiteral("Content-Length"))) << result->summary().toStdString();
    EXPECT_EQ(prober.counters().malformed, 1);
    EXPECT_EQ(prober.streamConnections(), 0);
}

// TLS: a Qt TLS server (SIPp in Debian is built without TLS) with a
// certificate for "localhost" made by openssl at test time.
class SipProberTls : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!QSslSocket::supportsSsl() || QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            GTEST_SKIP() << "no TLS backend or no openssl program";
        const QString key = m_dir.filePath(QStringLiteral("key.pem"));
        const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
        ASSERT_TRUE(openssl.waitForFinished(60000));
        ASSERT_EQ(openssl.exitCode(), 0) << openssl.readAllStandardError().toStdString();
        m_certificates = QSslCertificate::fromPath(cert);
        ASSERT_EQ(m_certificates.size(), 1);
        QFile keyFile(key);
        ASSERT_TRUE(keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(m_certificates.first());
        configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        m_server.setSslConfiguration(configuration);
        ASSERT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, &m_server, [this] {
            auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
            auto framer = std::make_shared<cc::SipStreamFramer>();
            QObject::connect(socket, &QSslSocket::readyRead, socket, [socket, framer] {
                QList<QByteArray> messages;
                framer->append(socket->readAll(), &messages);
                for (const QByteArray &message : std::as_const(messages))
                    socket->write(answerTo(message, 200));
            });
        });
    }

    // One probe of the server as sips:HOST:PORT, trusting its certificate when `trusted`.
    std::optional<cc::SipProbeResult> probeAs(const QString &host, bool trusted)
    {
        cc::SipProberOptions options;
        if (trusted)
            options.caCertificates = m_certificates;
        cc::SipProber prober(options);
        return probeAndWait(prober, QStringLiteral("sips:%1:%2").arg(host).arg(m_server.serverPort()), 5000);
    }

    QTemporaryDir m_dir;
    QSslServer m_server;
    QList<QSslCertificate> m_certificates;
};

TEST_F(SipProberTls, TrustedCertificateForTheUriHostAnswers)
{
    const auto result = probeAs(QStringLiteral("localhost"), true);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::Answered) << result->summary().toStdString();
    EXPECT_EQ(result->statusCode, 200);
    EXPECT_EQ(result->transport, cc::SipTransport::Tls);
}

TEST_F(SipProberTls, UntrustedCertificateIsATlsFailureNeverIgnored)
{
    const auto result = probeAs(QStringLiteral("localhost"), false);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::TlsFailed) << result->summary().toStdString();
    EXPECT_TRUE(result->summary().contains(QStringLiteral("self signed"), Qt::CaseInsensitive)
                || result->summary().contains(QStringLiteral("self-signed"), Qt::CaseInsensitive))
        << result->summary().toStdString();
}

TEST_F(SipProberTls, CertificateForAnotherNameIsATlsFailure)
{
    const auto result = probeAs(QStringLiteral("127.0.0.1"), true);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, SipProbeOutcome::TlsFailed) << result->summary().toStdString();
    EXPECT_TRUE(result->summary().contains(QStringLiteral("host name"), Qt::CaseInsensitive)) << result->summary().toStdString();
}
