#include "audit_table_model.h"

#include "row_table.h"

#include "audit_page_worker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace cc::ui {

AuditTableModel::AuditTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    qRegisterMetaType<QList<cc::AuditEntry>>();
}

AuditTableModel::~AuditTableModel() = default;

void AuditTableModel::setStorePath(const QString &path)
{
    if (path == m_path && m_worker != nullptr)
        return;
    m_thread.reset();   // the old worker goes with its thread
    m_worker = nullptr;
    m_path = path;
    if (!path.isEmpty()) {
        m_thread.reset(new QThread);
        m_thread->setObjectName(QStringLiteral("cc-audit-pages"));
        m_worker = new AuditPageWorker(path);
        m_worker->moveToThread(m_thread.get());
        connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
        connect(m_worker, &AuditPageWorker::pageRead, this, &AuditTableModel::onPageRead);
        connect(m_worker, &AuditPageWorker::eventTypesRead, this, &AuditTableModel::eventTypesRead);
        m_thread->start();
    }
    restart();
}

void AuditTableModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    restart();
}

void AuditTableModel::restart()
{
    beginResetModel();
    m_entries.clear();
    ++m_generation;
    m_fetching = false;
    m_fetchingNewer = false;
    m_exhausted = m_worker == nullptr;
    m_error.clear();
    endResetModel();
    // The first page is asked at once: a view asks only when it is shown.
    if (m_worker != nullptr)
        fetchMore({});
}

void AuditTableModel::refreshNewer()
{
    if (m_worker == nullptr || m_fetchingNewer)
        return;
    if (m_entries.isEmpty()) {
        if (!m_fetching)
            restart();
        return;
    }
    m_fetchingNewer = true;
    requestPage(false, m_entries.first().sequence);
}

void AuditTableModel::requestPage(bool older, qint64 pastSequence)
{
    const auto read = [worker = m_worker, generation = m_generation, filter = m_filter, older, pastSequence] {
        worker->readPage(generation, filter, older, pastSequence, kPageSize);
    };
    QMetaObject::invokeMethod(m_worker, read, Qt::QueuedConnection);
}

void AuditTableModel::requestEventTypes()
{
    if (m_worker != nullptr)
        QMetaObject::invokeMethod(m_worker, &AuditPageWorker::readEventTypes, Qt::QueuedConnection);
}

bool AuditTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_worker != nullptr && !m_exhausted && !m_fetching;
}

void AuditTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    requestPage(true, m_entries.isEmpty() ? 0 : m_entries.last().sequence);
}

void AuditTableModel::onPageRead(quint64 generation, bool older, const QList<AuditEntry> &entries, const QString &error)
{
    if (generation != m_generation)
        return;   // a page of a filter no longer shown
    m_error = error;
    if (older) {
        // Still "fetching" while rows go in: a view or tester asking for more
        // inside the insertion must not ask for this page again.
        m_exhausted = !error.isEmpty() || entries.size() < kPageSize;
        if (!entries.isEmpty()) {
            const int first = int(m_entries.size());
            beginInsertRows({}, first, first + int(entries.size()) - 1);
            m_entries += entries;
            endInsertRows();
        }
        m_fetching = false;
    } else {
        m_fetchingNewer = false;
        if (entries.size() >= kPageSize) {
            restart();   // more arrived than a page: start from the newest again
            return;
        }
        if (!entries.isEmpty()) {
            beginInsertRows({}, 0, int(entries.size()) - 1);
            m_entries = entries + m_entries;
            endInsertRows();
        }
    }
    emit pageLoaded(int(entries.size()), error);
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

const AuditEntry *AuditTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

QString AuditTableModel::readableDetails(const AuditEntry &entry)
{
    const QJsonObject details = entry.details();
    QStringList parts;
    for (auto it = details.begin(); it != details.end(); ++it) {
        QString value;
        if (it.value().isString())
            value = it.value().toString();
        else if (it.value().isDouble())
            value = QLocale::c().toString(it.value().toDouble(), 'g', 12);
        else if (it.value().isBool())
            value = it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (it.value().isNull())
            value = QStringLiteral("—");
        else
            value = QString::fromUtf8(QJsonDocument::fromVariant(it.value().toVariant()).toJson(QJsonDocument::Compact));
        parts.append(QStringLiteral("%1: %2").arg(it.key(), value));
    }
    return parts.join(QStringLiteral("; "));
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &entry = m_entries.at(index.row());
    if (role == SequenceRole)
        return entry.sequence;
    if (role == Qt::ToolTipRole && index.column() == int(Column::Details))
        return QString::fromUtf8(QJsonDocument(entry.details()).toJson(QJsonDocument::Indented));
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case Column::Sequence: return entry.sequence;
    case Column::Time:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.timestampMs, Qt::UTC).toLocalTime(),
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Column::Event: return entry.eventType;
    case Column::Channel: return entry.channelId;
    case Column::Source: return eventSourceName(entry.source);
    case Column::Actor: return entry.actor;
    case Column::Details: return readableDetails(entry);
    case Column::Count: break;
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // In Column order.
    const QStringList titles{tr("#"), tr("Time (local)"), tr("Event"), tr("Channel"), tr("Source"),
                             tr("Actor"), tr("Details")};
    return columnTitle(*this, titles, section, orientation, role);
}

} // namespace cc::ui
