#include "common/owned_thread.h"

namespace cc {

void ThreadStopper::operator()(QThread *thread) const
{
    thread->quit();   // a thread made by QThread::create has no loop: then it only waits
    thread->wait();
    delete thread;
}

void moveWorkerToThread(QObject *worker, QThread *thread, const QString &threadName)
{
    thread->setObjectName(threadName);
    worker->moveToThread(thread);
    QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
}

} // namespace cc
