#include "operations/quality_load_worker.h"

namespace cc {

QualityLoadWorker::QualityLoadWorker(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_options(options)
{
}

QualityLoadWorker::~QualityLoadWorker() = default;

QualityFetch *QualityLoadWorker::fetch()
{
    if (m_fetch == nullptr) {
        auto *client = new ApiClient(m_profile, m_options, this);
        m_fetch = new QualityFetch(client, this);
        connect(m_fetch, &QualityFetch::progress, this, [this](int done, int total) {
            emit progress(m_requestId, done, total);
        });
        connect(m_fetch, &QualityFetch::finished, this, &QualityLoadWorker::onFetched);
    }
    return m_fetch;
}

void QualityLoadWorker::load(quint64 requestId, const QString &channelId, const QualityRange &range,
                             const QualitySettings &settings, int drawPoints)
{
    m_requestId = requestId;
    m_drawPoints = drawPoints;
    fetch()->start(channelId, range, settings);
}

void QualityLoadWorker::onFetched(const QualityFetchResult &fetched)
{
    auto result = std::make_shared<QualityLoadResult>();
    static_cast<QualityFetchResult &>(*result) = fetched;
    result->requestId = m_requestId;
    m_requestId = 0;
    if (!result->error) {
        QualitySeries full = buildQualitySeries(result->channelId, result->points, result->codec);
        result->fullPoints = full.totalPoints();
        const QualityRange &range = result->range;
        if (range.bucket && telemetryIntervalSeconds(*range.bucket) > telemetryIntervalSeconds(range.interval))
            full = bucketQualitySeries(full, telemetryIntervalSeconds(*range.bucket) * 1000, range.statistic);
        result->drawn = downsampleQualitySeries(full, m_drawPoints);
    }
    emit finished(result);
}

void QualityLoadWorker::cancel(quint64 requestId)
{
    if (m_requestId == 0 || m_requestId != requestId)
        return;
    m_requestId = 0;
    if (m_fetch)
        m_fetch->cancel();
}

} // namespace cc
