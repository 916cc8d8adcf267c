#pragma once
// The handle of one pending client call:
// every ApiClient method returns a `Reply<T>*` at once, and the reply emits
// `finished()` exactly once, later, from the event loop (never inside the call
// that created it), with an `ApiResult<T>`: a value or an ApiError.
//
//     auto *reply = client->listChannels();
//     reply->onFinished(this, [this](const cc::ApiResult<QList<cc::Channel>> &result) {
//         if (result.error) { show(result.error->text()); return; }
//         model->setChannels(*result.value);
//     });
//
// Lifetime: the client owns the reply and deletes it (deleteLater) right after
// `finished()`; read the result inside the slot, in the client's thread (connect
// directly, not queued). `cancel()` aborts the request and any pending retry and
// finishes the reply at once with an error of kind Cancelled. Replies still
// pending when the client is destroyed are destroyed with it, unfinished.

#include "client/api_error.h"

#include <QObject>
#include <QPointer>

#include <optional>
#include <utility>

class QNetworkReply;

namespace cc {

template <typename T>
struct ApiResult
{
    std::optional<T> value;
    std::optional<ApiError> error;

    bool ok() const { return value.has_value() && !error.has_value(); }
};

// The value of a call that answers nothing (delete: 204).
struct NoContent
{
};

class ApiCall : public QObject
{
    Q_OBJECT

public:
    ~ApiCall() override;

    // What this call does, for logs and error texts ("list channels").
    QString operation() const { return m_operation; }
    bool isFinished() const { return m_finished; }
    // Aborts the request in flight and any scheduled retry; finishes the call
    // (finished() is emitted before cancel() returns) with kind Cancelled.
    // Does nothing on a finished call.
    void cancel();

    // For ApiClient: the network reply in flight, aborted by cancel().
    void setNetworkReply(QNetworkReply *reply);
    QNetworkReply *networkReply() const;

signals:
    void finished();

protected:
    ApiCall(const QString &operation, QObject *parent);
    // Marks the call finished, emits finished() and schedules deleteLater().
    void emitFinished();
    virtual void setCancelled(const ApiError &error) = 0;

private:
    QString m_operation;
    QPointer<QNetworkReply> m_reply;
    bool m_finished = false;
};

template <typename T>
class Reply final : public ApiCall
{
public:
    Reply(const QString &operation, QObject *parent) : ApiCall(operation, parent) {}

    const ApiResult<T> &result() const { return m_result; }

    // Calls `handler(const ApiResult<T> &)` on finished(); `context` ends the
    // connection when it is destroyed first.
    template <typename Handler>
    void onFinished(const QObject *context, Handler handler)
    {
        QObject::connect(this, &ApiCall::finished, context,
                         [this, handler = std::move(handler)]() mutable { handler(std::as_const(m_result)); });
    }

    // For ApiClient: completes the call once; later completions are ignored.
    void succeed(T value)
    {
        if (isFinished())
            return;
        m_result.value = std::move(value);
        emitFinished();
    }
    void fail(const ApiError &error)
    {
        if (isFinished())
            return;
        m_result.error = error;
        emitFinished();
    }

protected:
    void setCancelled(const ApiError &error) override { m_result.error = error; }

private:
    ApiResult<T> m_result;
};

} // namespace cc
