#include "operations/quality_fetch.h"

#include "api/contract.h"

namespace cc {

struct QualityFetch::Job
{
    QualityFetchResult result;
    QualitySettings settings;
    QList<QPair<QDateTime, QDateTime>> pieces;
    qsizetype next = 0;

    int steps() const { return int(pieces.size()) + 1; }
};

QualityFetch::QualityFetch(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

QualityFetch::~QualityFetch() = default;

template <typename T>
bool QualityFetch::ended(const std::shared_ptr<Job> &job, const ApiResult<T> &answer)
{
    if (m_job != job)
        return true;   // cancelled, or replaced by a newer fetch: never reported
    if (answer.ok())
        return false;
    job->result.error = answer.error;
    finish(job);
    return true;
}

void QualityFetch::start(const QString &channelId, const QualityRange &range, const QualitySettings &settings)
{
    cancel();
    auto job = std::make_shared<Job>();
    job->result.channelId = channelId;
    job->result.range = range;
    job->settings = settings;
    job->pieces = splitRangeForRowCap(range.from, range.to, range.interval, 1, api::kTelemetryMaxRows);
    m_job = job;
    emit progress(0, job->steps());

    // The codec decides Ie and Bpl: read the channel first (a 404 ends here).
    auto *reply = m_client->getChannel(channelId);
    m_pending = reply;
    reply->onFinished(this, [this, job](const ApiResult<Channel> &read) {
        if (ended(job, read))
            return;
        job->result.channelName = read.value->name;
        job->result.codecs = read.value->configuration.codecs;
        job->result.codec = preferredCodecProfile(read.value->configuration.codecs);
        emit progress(1, job->steps());
        queryNext(job);
    });
}

void QualityFetch::queryNext(const std::shared_ptr<Job> &job)
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
    auto *reply = m_client->queryTelemetry(query);
    m_pending = reply;
    reply->onFinished(this, [this, job](const ApiResult<TelemetryResult> &answer) {
        if (ended(job, answer))
            return;
        job->result.points += answer.value->points;
        emit progress(int(job->next) + 1, job->steps());
        queryNext(job);
    });
}

void QualityFetch::finish(const std::shared_ptr<Job> &job)
{
    m_job.reset();
    m_pending = nullptr;
    if (!job->result.error)
        job->result.report = aggregateQuality(job->result.channelId, job->result.points, job->result.codec, job->settings);
    emit finished(job->result);
}

void QualityFetch::cancel()
{
    m_job.reset();
    if (m_pending)
        m_pending->cancel();
    m_pending = nullptr;
}

} // namespace cc
