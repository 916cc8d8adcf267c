#pragma once
// The quality page's loading, on a thread of its own (QualityLoader owns it):
// reads the channel (its codec decides the MOS), asks for the range's telemetry
// in as few queries as the row cap allows, then computes the report from all
// rows and the drawn series downsampled, so the UI thread only swaps points in.
// It has its own ApiClient, created in its thread; the tenant's rate budget is
// shared with every other client of the profile.

#include "client/api_client.h"
#include "quality/quality_analysis.h"
#include "quality/quality_report.h"
#include "series/quality_series.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace cc {

struct QualityLoadResult
{
    quint64 requestId = 0;
    QString channelId;
    QString channelName;
    QualityRange range;
    QualityReport report;            // from every row
    QualitySeries drawn;             // downsampled, for the charts
    qsizetype fullPoints = 0;        // points before downsampling, all series
    QList<TelemetryPoint> points;    // every row, for the CSV export
    QList<Codec> codecs;             // the trunk's codecs as read
    std::optional<ApiError> error;   // set when loading failed
};

using QualityLoadResultPtr = std::shared_ptr<const QualityLoadResult>;

class QualityLoadWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityLoadWorker)

public:
    QualityLoadWorker(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent = nullptr);
    ~QualityLoadWorker() override;

    // In the worker's thread (queued from QualityLoader).
    void load(quint64 requestId, const QString &channelId, const cc::QualityRange &range,
              const cc::QualitySettings &settings, int drawPoints);
    void cancel(quint64 requestId);

signals:
    void progress(quint64 requestId, int done, int total);
    void finished(const cc::QualityLoadResultPtr &result);

private:
    struct Job;
    void queryNext(const std::shared_ptr<Job> &job);
    void finish(const std::shared_ptr<Job> &job);
    ApiClient *client();

    ConnectionProfile m_profile;
    ClientOptions m_options;
    ApiClient *m_client = nullptr;   // created on first use, in this thread
    std::shared_ptr<Job> m_job;
    QPointer<ApiCall> m_pending;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::QualityLoadResultPtr)
