#pragma once
// The one way a channel's quality over a range is fetched, for the console's
// Quality page and history (through QualityLoadWorker) and for `cxonectl
// quality`: read the channel (its codec decides Ie and Bpl for the MOS), split
// the range where the row cap demands, query each piece in turn, and aggregate
// every row into a QualityReport. One fetch at a time: starting another or
// cancel() cancels the call in flight, and its answer is never reported.

#include "client/api_client.h"
#include "quality/codec_profile.h"
#include "quality/quality_range.h"
#include "quality/quality_report.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace cc {

struct QualityFetchResult
{
    QString channelId;
    QString channelName;
    QualityRange range;
    QList<Codec> codecs;                      // the trunk's codecs as read
    CodecProfile codec = defaultCodecProfile();   // the one the MOS assumes
    QList<TelemetryPoint> points;             // every row
    QualityReport report;                     // from every row; empty on error
    std::optional<ApiError> error;            // set when reading or a query failed
};

class QualityFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityFetch)

public:
    // `client` must outlive this object; it is used in this object's thread.
    explicit QualityFetch(ApiClient *client, QObject *parent = nullptr);
    ~QualityFetch() override;

    void start(const QString &channelId, const QualityRange &range, const QualitySettings &settings);
    void cancel();
    bool isRunning() const { return m_job != nullptr; }

signals:
    // Steps done of all: the channel read, then each telemetry query.
    void progress(int done, int total);
    void finished(const cc::QualityFetchResult &result);

private:
    struct Job;
    // True when `answer` ends the job: a newer fetch replaced it, or the call
    // failed (then the failure is reported).
    template <typename T>
    bool ended(const std::shared_ptr<Job> &job, const ApiResult<T> &answer);
    void queryNext(const std::shared_ptr<Job> &job);
    void finish(const std::shared_ptr<Job> &job);

    ApiClient *m_client;
    std::shared_ptr<Job> m_job;
    QPointer<ApiCall> m_pending;
};

} // namespace cc
