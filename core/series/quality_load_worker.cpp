#include "series/quality_load_worker.h"

#include "api/contract.h"

namespace cc {

struct QualityLoadWorker::Job
{
    QualityLoadResult result;
    QualitySettings settings;
    CodecProfile codec = defaultCodecProfile();
    QList<QPair<QDateTime, QDateTime>> pieces;
    qsizetype next = 0;
    int drawPoints = 0;
};

QualityLoadWorker::QualityLoadWorker(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_options(options)
{
}

QualityLoadWorker::~QualityLoadWorker() = default;

ApiClient *QualityLoadWorker::client()
{
    if (m_client == nullptr)
        m_client = new ApiClient(m_profile, m_options, this);
    return m_client;
}

void QualityLoadWorker::load(quint64 requestId, const QString &channelId, const QualityRange &range,
                             const QualitySettings &settings, int drawPoints)
{
    // A new load replaces the one in flight: its call is cancelled, its answer never shown.
    m_job.reset();
    if (m_pending)
        m_pending->cancel();

    auto job = std::make_shared<Job>();
    job->result.requestId = requestId;
    job->result.channelId = channelId;
    job->result.range = range;
    job->settings = settings;
    job->drawPoints = drawPoints;
    job->pieces = splitRangeForRowCap(range.from, range.to, range.interval, 1, api::kTelemetryMaxRows);
    m_job = job;
    emit progress(requestId, 0, int(job->pieces.size()) + 1);

    auto *reply = client()->getChannel(channelId);
    m_pending = reply;
    reply->onFinished(this, [this, job](const ApiResult<Channel> &result) {
        if (m_job != job)
            return;
        if (!result.ok()) {
            job->result.error = result.error;
            finish(job);
            return;
        }
        job->result.channelName = result.value->name;
        job->result.codecs = result.value->configuration.codecs;
        job->codec = preferredCodecProfile(result.value->configuration.codecs);
        emit progress(job->result.requestId, 1, int(job->pieces.size()) + 1);
        queryNext(job);
    });
}

void QualityLoadWorker::queryNext(const std::shared_ptr<Job> &job)
{
    if (job->next >= job->pieces.size()) {
        finish(job);
        return;
    }
    TelemetryQuery query;
    query.interval = job->result.range.interval;
    query.channelIds = {job->result.channelId};
    query.from = job->pieces.at(job->next).first;
    query.to = job->pieces.at(job->next).second;
    ++job->next;
    auto *reply = client()->queryTelemetry(query);
    m_pending = reply;
    reply->onFinished(this, [this, job](const ApiResult<TelemetryResult> &result) {
        if (m_job != job)
            return;
        if (!result.ok()) {
            job->result.error = result.error;
            finish(job);
            return;
        }
        job->result.points += result.value->points;
        emit progress(job->result.requestId, int(job->next) + 1, int(job->pieces.size()) + 1);
        queryNext(job);
    });
}

void QualityLoadWorker::finish(const std::shared_ptr<Job> &job)
{
    m_job.reset();
    m_pending = nullptr;
    auto result = std::make_shared<QualityLoadResult>(std::move(job->result));
    if (!result->error) {
        result->report = aggregateQuality(result->channelId, result->points, job->codec, job->settings);
        QualitySeries full = buildQualitySeries(result->channelId, result->points, job->codec);
        result->fullPoints = full.totalPoints();
        const QualityRange &range = result->range;
        if (range.bucket && telemetryIntervalSeconds(*range.bucket) > telemetryIntervalSeconds(range.interval))
            full = bucketQualitySeries(full, telemetryIntervalSeconds(*range.bucket) * 1000, range.statistic);
        result->drawn = downsampleQualitySeries(full, job->drawPoints);
    }
    emit finished(result);
}

void QualityLoadWorker::cancel(quint64 requestId)
{
    if (!m_job || m_job->result.requestId != requestId)
        return;
    m_job.reset();
    if (m_pending)
        m_pending->cancel();
    m_pending = nullptr;
}

} // namespace cc
