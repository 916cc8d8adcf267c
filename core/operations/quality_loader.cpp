#include "operations/quality_loader.h"

namespace cc {

QualityLoader::QualityLoader(const ConnectionProfile &profile, QObject *parent)
    : QualityLoader(profile, ClientOptions{}, parent)
{
}

QualityLoader::QualityLoader(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
{
    qRegisterMetaType<cc::QualityLoadResultPtr>();
    m_worker = new QualityLoadWorker(profile, options);
    moveWorkerToThread(m_worker, m_thread.get(), QStringLiteral("cc-quality-loader"));
    connect(m_worker, &QualityLoadWorker::progress, this, [this](quint64 requestId, int done, int total) {
        if (requestId == m_current)
            emit progress(done, total);
    });
    connect(m_worker, &QualityLoadWorker::finished, this, [this](const QualityLoadResultPtr &result) {
        if (result->requestId != m_current)
            return;   // an older load's answer: the user has moved on
        m_current = 0;
        emit loaded(result);
    });
    m_thread->start();
}

QualityLoader::~QualityLoader() = default;

quint64 QualityLoader::load(const QString &channelId, const QualityRange &range, const QualitySettings &settings,
                            int drawPoints)
{
    const quint64 id = m_nextRequest++;
    m_current = id;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, channelId, range, settings, drawPoints] {
        worker->load(id, channelId, range, settings, drawPoints);
    }, Qt::QueuedConnection);
    return id;
}

void QualityLoader::cancel()
{
    if (m_current == 0)
        return;
    const quint64 id = m_current;
    m_current = 0;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] { worker->cancel(id); }, Qt::QueuedConnection);
}

} // namespace cc
