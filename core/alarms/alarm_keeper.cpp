#include "alarms/alarm_keeper.h"

namespace cc {

AlarmKeeper::AlarmKeeper(const AlarmKeeperOptions &options, QObject *parent, const Clock *clock)
    : QObject(parent)
    , m_options(options)
    , m_thread(new QThread)
    , m_worker(new AlarmKeeperWorker(options, clock))
{
    registerMetaTypes();
    moveWorkerToThread(m_worker, m_thread.get(), QStringLiteral("cc-alarms"));
    connect(m_worker, &AlarmKeeperWorker::alarmsChanged, this, [this](const AlarmSetPtr &set) {
        m_current = set;
        emit alarmsChanged(set);
    });
    connect(m_worker, &AlarmKeeperWorker::actionFinished, this, &AlarmKeeper::actionFinished);
    connect(m_worker, &AlarmKeeperWorker::auditWritten, this, &AlarmKeeper::auditWritten);
    connect(m_worker, &AlarmKeeperWorker::storeProblem, this, [this](const QString &error) {
        m_storeProblem = error;
        emit storeProblemChanged(error);
    });
    m_thread->start();
}

AlarmKeeper::~AlarmKeeper()
{
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    // m_thread's deleter quits and waits; the worker is deleted on finished.
}

void AlarmKeeper::registerMetaTypes()
{
    qRegisterMetaType<cc::AlarmSetPtr>();
    qRegisterMetaType<cc::AlarmActionResult>();
    qRegisterMetaType<cc::AlarmAction>();
    qRegisterMetaType<cc::MonitorSnapshotPtr>();
}

void AlarmKeeper::start()
{
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->start(); }, Qt::QueuedConnection);
}

void AlarmKeeper::setJudging(bool judging)
{
    if (judging == m_judging)
        return;
    m_judging = judging;
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, judging] { worker->setJudging(judging); }, Qt::QueuedConnection);
}

void AlarmKeeper::observeSnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!m_judging)
        return;
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, snapshot] { worker->observeSnapshot(snapshot); }, Qt::QueuedConnection);
}

void AlarmKeeper::setWriterDetails(const QJsonObject &details)
{
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, details] { worker->setWriterDetails(details); }, Qt::QueuedConnection);
}

void AlarmKeeper::setRules(const AlarmRuleSettings &rules)
{
    m_options.rules = rules;
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, rules] { worker->setRules(rules); }, Qt::QueuedConnection);
}

quint64 AlarmKeeper::acknowledge(qint64 number, const QString &comment)
{
    return post(AlarmAction::Acknowledge, number, comment, QDateTime());
}

quint64 AlarmKeeper::shelve(qint64 number, const QDateTime &until, const QString &reason)
{
    return post(AlarmAction::Shelve, number, reason, until);
}

quint64 AlarmKeeper::unshelve(qint64 number)
{
    return post(AlarmAction::Unshelve, number, QString(), QDateTime());
}

quint64 AlarmKeeper::post(AlarmAction action, qint64 number, const QString &note, const QDateTime &until)
{
    const quint64 request = m_nextRequest++;
    AlarmKeeperWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, request, action, number, note, until] { worker->act(request, action, number, note, until); },
        Qt::QueuedConnection);
    return request;
}

} // namespace cc
