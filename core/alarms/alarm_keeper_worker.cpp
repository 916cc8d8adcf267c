#include "alarms/alarm_keeper_worker.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAlarms, "cc.alarms", QtInfoMsg)

namespace cc {

namespace {

// Failed writes in a row before the alarms are kept in memory only (and said so).
constexpr int kFailuresBeforeMemoryOnly = 3;

} // namespace

AlarmKeeperWorker::AlarmKeeperWorker(const AlarmKeeperOptions &options, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_clock(clock ? clock : &m_systemClock)
    , m_book(options.tenantKey, options.tenant, options.rules, m_clock)
{
}

AlarmKeeperWorker::~AlarmKeeperWorker() = default;

void AlarmKeeperWorker::start()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(std::max(100, m_options.pollIntervalMs));
    connect(m_timer, &QTimer::timeout, this, &AlarmKeeperWorker::poll);
    QString error = tr("no audit store is open");
    if (m_options.useStore && m_store.open(m_options.storePath, &error)) {
        auto alarms = std::make_unique<AlarmStore>(&m_store);
        QList<Alarm> stored;
        qint64 revision = 0;
        if (alarms->load(m_options.tenantKey, AlarmBook::kRecentCleared, &stored, &revision, &error)) {
            for (const Alarm &alarm : std::as_const(stored))
                m_book.adopt(alarm);
            m_revision = revision;
            m_alarms = std::move(alarms);
            m_alarms->setWriterDetails(m_writerDetails);
            m_storeIds = std::make_unique<StoreAlarmIds>(m_alarms.get());
            qCDebug(lcAlarms) << "alarms of" << m_options.tenant << "kept in" << m_store.path() << "with"
                             << m_book.openAlarms().size() << "open";
        }
    }
    if (!m_alarms)
        reportStore(error);
    m_lastTouch = m_clock->nowUtc();
    m_timer->start();
    publish();
}

void AlarmKeeperWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    m_storeIds.reset();
    m_alarms.reset();
    m_store.close();
}

void AlarmKeeperWorker::setRules(const AlarmRuleSettings &rules)
{
    m_book.setSettings(rules);
}

void AlarmKeeperWorker::setWriterDetails(const QJsonObject &details)
{
    m_writerDetails = details;
    if (m_alarms)
        m_alarms->setWriterDetails(details);
}

void AlarmKeeperWorker::setJudging(bool judging)
{
    if (judging && !m_judging)
        m_book.restartSilenceClock();
    m_judging = judging;
}

void AlarmKeeperWorker::observeSnapshot(const MonitorSnapshotPtr &snapshot)
{
    if (!snapshot || !m_judging)
        return;
    if (m_alarms)
        pullChanges();
    evaluate([this, snapshot](AlarmIdSource &ids, QString *error) { return m_book.observeSnapshot(*snapshot, ids, error); });
    if (m_dirty)
        publish();
}

void AlarmKeeperWorker::poll()
{
    if (m_alarms)
        pullChanges();
    if (m_judging)
        evaluate([this](AlarmIdSource &ids, QString *error) { return m_book.checkStale(ids, error); });
    const QDateTime now = m_clock->nowUtc();
    if (m_alarms && m_lastTouch.msecsTo(now) >= m_options.touchIntervalMs) {
        m_lastTouch = now;
        QString error;
        if (!m_book.openAlarms().isEmpty() && !m_alarms->touchOpen(m_options.tenantKey, now, &error))
            reportStore(error);
    }
    if (m_dirty)
        publish();
}

void AlarmKeeperWorker::evaluate(const std::function<AlarmChanges(AlarmIdSource &ids, QString *error)> &step)
{
    const AlarmBook before = m_book;
    if (m_storeIds)
        m_storeIds->beginRound();
    QString error;
    const AlarmChanges changes = step(m_alarms ? static_cast<AlarmIdSource &>(*m_storeIds) : m_memoryIds, &error);
    if (error.isEmpty() && !changes.isEmpty() && m_alarms) {
        QList<Alarm> adopted;
        qint64 written = 0;
        if (m_alarms->persist(changes, &adopted, &error, &written)) {
            for (const Alarm &alarm : std::as_const(adopted))
                m_book.adopt(alarm);
            m_ownRevision = std::max(m_ownRevision, written);
            announceAudit();
        }
    }
    if (!error.isEmpty()) {
        // Nothing is shown that is not stored: the book goes back, and the next
        // cycle tries again. A store that keeps failing is given up on, so that
        // the problems still show (in memory, and said so).
        m_book = before;
        reportStore(error);
        if (++m_failures >= kFailuresBeforeMemoryOnly && m_alarms) {
            m_storeIds.reset();
            m_alarms.reset();
            m_store.close();
            m_storeProblem.clear();
            reportStore(error);
        }
        return;
    }
    m_failures = 0;
    if (!m_storeProblem.isEmpty() && m_alarms)
        reportStore(QString());
    if (!changes.isEmpty())
        m_dirty = true;
}

bool AlarmKeeperWorker::pullChanges()
{
    QList<Alarm> rows;
    qint64 revision = m_revision;
    QString error;
    if (!m_alarms->changedSince(m_options.tenantKey, m_revision, &rows, &revision, &error)) {
        reportStore(error);
        return false;
    }
    for (const Alarm &alarm : std::as_const(rows))
        m_book.adopt(alarm);
    // Our own writes come back here too; only others' are news to the trail's readers.
    if (revision > m_revision && std::any_of(rows.cbegin(), rows.cend(), [this](const Alarm &alarm) {
            return alarm.revision > m_ownRevision;
        }))
        announceAudit();
    m_revision = revision;
    if (!rows.isEmpty())
        m_dirty = true;
    return true;
}

void AlarmKeeperWorker::act(quint64 request, AlarmAction action, qint64 number, const QString &note, const QDateTime &until)
{
    AlarmActionResult result;
    if (!m_alarms) {
        result.outcome = AlarmActionResult::Outcome::Failed;
        result.message = tr("the audit store cannot be written (%1): an acknowledgement or shelf must be recorded, so "
                            "nothing was changed")
                             .arg(m_storeProblem.isEmpty() ? tr("not open") : m_storeProblem);
        emit actionFinished(request, result);
        return;
    }
    const QDateTime now = m_clock->nowUtc();
    const QString who = m_options.actor.isEmpty() ? defaultAuditActor() : m_options.actor;
    switch (action) {
    case AlarmAction::Acknowledge:
        result = m_alarms->acknowledge(number, who, note, now);
        break;
    case AlarmAction::Shelve:
        result = m_alarms->shelve(number, who, until, note, now);
        break;
    case AlarmAction::Unshelve:
        result = m_alarms->unshelve(number, who, now);
        break;
    }
    if (result.outcome == AlarmActionResult::Outcome::Done || result.outcome == AlarmActionResult::Outcome::Already) {
        m_book.adopt(result.alarm);
        m_dirty = true;
    }
    if (result.changed()) {
        m_ownRevision = std::max(m_ownRevision, result.alarm.revision);
        announceAudit();
    }
    // The list first: whoever hears "done" finds it already there.
    if (m_dirty)
        publish();
    emit actionFinished(request, result);
}

void AlarmKeeperWorker::announceAudit()
{
    QString error;
    const qint64 last = m_store.lastSequence(&error);
    if (last > 0)
        emit auditWritten(last);
}

void AlarmKeeperWorker::publish()
{
    m_dirty = false;
    emit alarmsChanged(m_book.toSet());
}

void AlarmKeeperWorker::reportStore(const QString &error)
{
    if (error == m_storeProblem)
        return;
    m_storeProblem = error;
    if (!error.isEmpty())
        qCDebug(lcAlarms).noquote() << "alarms of" << m_options.tenant << ":" << error;
    emit storeProblem(m_alarms || error.isEmpty() ? error
                                                  : tr("%1; the alarms are kept in memory only, and cannot be "
                                                       "acknowledged or shelved until the store works").arg(error));
}

} // namespace cc
