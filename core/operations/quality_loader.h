#pragma once
// Loads one channel's quality over a range off the caller's thread: the
// QualityLoadWorker runs in a thread held here (quit and waited for on
// destruction). One load at a time: a new load or cancel() cancels the client
// call in flight, and a result that arrives for an older request is dropped.

#include "common/owned_thread.h"
#include "operations/quality_load_worker.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace cc {

class QualityLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityLoader)

public:
    explicit QualityLoader(const ConnectionProfile &profile, QObject *parent = nullptr);
    QualityLoader(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent = nullptr);
    ~QualityLoader() override;

    // Returns the request's id at once; `drawPoints` caps each drawn series.
    quint64 load(const QString &channelId, const QualityRange &range, const QualitySettings &settings, int drawPoints);
    void cancel();
    bool isLoading() const { return m_current != 0; }
    quint64 currentRequest() const { return m_current; }

signals:
    void progress(int done, int total);
    void loaded(const cc::QualityLoadResultPtr &result);

private:
    OwnedThread m_thread;
    QualityLoadWorker *m_worker = nullptr;   // lives in m_thread; deleted on its finished()
    quint64 m_nextRequest = 1;
    quint64 m_current = 0;
};

} // namespace cc
