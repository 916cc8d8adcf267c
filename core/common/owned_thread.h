#pragma once
// A thread its owner holds in a unique_ptr: destroying (or resetting) the
// pointer asks the thread's event loop to quit, waits for the thread to end,
// then deletes it. The worker moved to the thread is deleted on its finished()
// signal, so it goes in its own thread before the thread itself does.

#include <QThread>

#include <memory>

namespace cc {

struct ThreadStopper
{
    void operator()(QThread *thread) const;
};

using OwnedThread = std::unique_ptr<QThread, ThreadStopper>;

// Names `thread` (as debuggers and logs show it) and moves `worker` to it, to
// be deleted there on the thread's finished().
void moveWorkerToThread(QObject *worker, QThread *thread, const QString &threadName);

} // namespace cc
