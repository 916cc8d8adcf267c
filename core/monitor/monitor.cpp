#include "monitor/monitor.h"

#include "monitor/monitor_worker.h"

#include <QMetaMethod>

namespace cc {

void Monitor::registerMetaTypes()
{
    qRegisterMetaType<cc::MonitorSnapshotPtr>("cc::MonitorSnapshotPtr");
    qRegisterMetaType<cc::MonitorEvent>("cc::MonitorEvent");
    qRegisterMetaType<cc::MonitorEventList>();
}

Monitor::Monitor(const ConnectionProfile &profile, const MonitorSettings &settings, QObject *parent)
    : Monitor(profile, ClientOptions(), settings, parent)
{
}

Monitor::Monitor(const ConnectionProfile &profile, const ClientOptions &clientOptions, const MonitorSettings &settings,
                 QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
{
    registerMetaTypes();
    m_worker = new MonitorWorker(profile, clientOptions, settings);
    moveWorkerToThread(m_worker, m_thread.get(), QStringLiteral("cc-monitor"));
    // Cross-thread: these connections are queued, so the owner's slots run in its thread.
    connect(m_worker, &MonitorWorker::snapshotReady, this, &Monitor::snapshotReady);
    connect(m_worker, &MonitorWorker::eventsRaised, this, [this](const MonitorEventList &events) {
        emit eventsRaised(events);
        if (isSignalConnected(QMetaMethod::fromSignal(&Monitor::eventRaised))) {
            for (const MonitorEvent &event : events)
                emit eventRaised(event);
        }
    });
    connect(m_worker, &MonitorWorker::stopped, this, &Monitor::stopped);
    m_thread->start();
}

Monitor::~Monitor()
{
    if (m_running) {
        // Blocking once, at teardown: the worker drops its client in its own thread
        // before the thread ends.
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    }
    // m_thread's deleter quits and waits; finished() deletes the worker.
}

void Monitor::start()
{
    if (m_running)
        return;
    m_running = true;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->start(); }, Qt::QueuedConnection);
}

void Monitor::stop()
{
    if (!m_running)
        return;
    m_running = false;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->stop(); }, Qt::QueuedConnection);
}

void Monitor::setSettings(const MonitorSettings &settings)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, settings] { worker->setSettings(settings); }, Qt::QueuedConnection);
}

void Monitor::requestFailover(const QString &channelId, const QString &targetId)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, channelId, targetId] { worker->requestFailover(channelId, targetId); },
                              Qt::QueuedConnection);
}

void Monitor::requestFailback(const QString &channelId)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, channelId] { worker->requestFailback(channelId); }, Qt::QueuedConnection);
}

void Monitor::setFailoverPaused(bool paused)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, paused] { worker->setPaused(paused); }, Qt::QueuedConnection);
}

void Monitor::setChannelFailoverPaused(const QString &channelId, bool paused)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, channelId, paused] { worker->setChannelPaused(channelId, paused); },
                              Qt::QueuedConnection);
}

} // namespace cc
