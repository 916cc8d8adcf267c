#pragma once
// The quality page's loading, on a thread of its own (QualityLoader owns it):
// a QualityFetch with its own ApiClient, created in this thread, then the drawn
// series built from every row (bucketed where the range asks, downsampled to
// the chart's width), so the UI thread only swaps points in. The tenant's rate
// budget is shared with every other client of the profile.

#include "client/api_client.h"
#include "operations/quality_fetch.h"
#include "series/quality_series.h"

#include <QObject>

#include <memory>

namespace cc {

struct QualityLoadResult : QualityFetchResult
{
    quint64 requestId = 0;
    QualitySeries drawn;             // downsampled, for the charts
    qsizetype fullPoints = 0;        // points before downsampling, all series
};

using QualityLoadResultPtr = std::shared_ptr<const QualityLoadResult>;

class QualityLoadWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QualityLoadWorker)

public:
    QualityLoadWorker(const ConnectionProfile &profile, const ClientOptions &options, QObject *parent = nullptr);
    ~QualityLoadWorker() override;

    // In the worker's thread (queued from QualityLoader). A new load replaces
    // the one in flight: its call is cancelled, its answer never shown.
    void load(quint64 requestId, const QString &channelId, const cc::QualityRange &range,
              const cc::QualitySettings &settings, int drawPoints);
    void cancel(quint64 requestId);

signals:
    void progress(quint64 requestId, int done, int total);
    void finished(const cc::QualityLoadResultPtr &result);

private:
    QualityFetch *fetch();
    void onFetched(const QualityFetchResult &fetched);

    ConnectionProfile m_profile;
    ClientOptions m_options;
    QualityFetch *m_fetch = nullptr;   // and its client: created on first use, in this thread
    quint64 m_requestId = 0;           // the load in flight; 0 for none
    int m_drawPoints = 0;
};

} // namespace cc

Q_DECLARE_METATYPE(cc::QualityLoadResultPtr)
