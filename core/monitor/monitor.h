#pragma once
// The health monitor as its owner (the window, cxonectl) sees it: it runs a
// MonitorWorker in a thread of its own and talks to it only through queued
// calls and signals, so the owner's thread never waits on the network. The
// thread is an OwnedThread (quit and waited for when the Monitor goes), and the
// worker is deleted on the thread's finished(): no thread outlives the Monitor
// and no object is owned across threads.

#include "client/api_client.h"
#include "common/owned_thread.h"
#include "monitor/monitor_event.h"
#include "monitor/monitor_settings.h"
#include "monitor/monitor_snapshot.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace cc {

class MonitorWorker;

class Monitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monitor)

public:
    explicit Monitor(const ConnectionProfile &profile, const MonitorSettings &settings = {}, QObject *parent = nullptr);
    Monitor(const ConnectionProfile &profile, const ClientOptions &clientOptions, const MonitorSettings &settings,
            QObject *parent = nullptr);
    // Stops the worker (waiting for it) and its thread.
    ~Monitor() override;

    // All of these return at once; the worker acts in its thread.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    void setSettings(const MonitorSettings &settings);
    void requestFailover(const QString &channelId, const QString &targetId);
    void requestFailback(const QString &channelId);
    void setFailoverPaused(bool paused);
    void setChannelFailoverPaused(const QString &channelId, bool paused);

    static void registerMetaTypes();

signals:
    // One per cycle; the snapshot is shared and never changes.
    void snapshotReady(const cc::MonitorSnapshotPtr &snapshot);
    // The events of one turn of the worker, oldest first, before the snapshot
    // that follows them: what a view that shows many at once takes.
    void eventsRaised(const cc::MonitorEventList &events);
    // The same events one by one, right after eventsRaised().
    void eventRaised(const cc::MonitorEvent &event);
    void stopped();

private:
    OwnedThread m_thread;
    MonitorWorker *m_worker = nullptr;   // lives in m_thread; deleted on its finished()
    bool m_running = false;
};

} // namespace cc
