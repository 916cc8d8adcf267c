#pragma once
// A second small HTTP listener on 127.0.0.1 (its own port, so another origin
// than the simulated tenant) that answers every request 200 "{}" and counts
// what reached it: the redirect tests point the tenant at it and check that
// no Authorization header (and no request at all) ever arrives.

#include <QByteArray>
#include <QObject>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QTcpServer;
QT_END_NAMESPACE

namespace cc::test {

class ForeignHost final : public QObject
{
    Q_OBJECT

public:
    explicit ForeignHost(QObject *parent = nullptr);

    bool isListening() const;
    QUrl baseUrl() const;
    int requests() const { return m_requests; }
    // Requests that carried an Authorization header (a bearer token, Basic credentials).
    int authorizationHeaders() const { return m_authorizationHeaders; }
    // Everything received, to search for a secret.
    QByteArray received() const { return m_received; }

private:
    QTcpServer *m_server = nullptr;
    int m_requests = 0;
    int m_authorizationHeaders = 0;
    QByteArray m_received;
};

} // namespace cc::test
