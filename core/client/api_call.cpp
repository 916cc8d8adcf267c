#include "client/api_call.h"

#include <QNetworkReply>

namespace cc {

ApiCall::ApiCall(const QString &operation, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
{
}

ApiCall::~ApiCall()
{
    // Destroyed unfinished (its client went away): the request must not outlive it.
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ApiCall::setNetworkReply(QNetworkReply *reply)
{
    m_reply = reply;
}

QNetworkReply *ApiCall::networkReply() const
{
    return m_reply.data();
}

void ApiCall::cancel()
{
    if (m_finished)
        return;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply.clear();
        // Nothing of this call reacts to the aborted reply any more.
        reply->disconnect(this);
        reply->abort();
    }
    setCancelled(ApiError::make(ApiError::Kind::Cancelled, m_operation, QStringLiteral("cancelled")));
    emitFinished();
}

void ApiCall::emitFinished()
{
    m_finished = true;
    m_reply.clear();
    emit finished();
    deleteLater();
}

} // namespace cc
