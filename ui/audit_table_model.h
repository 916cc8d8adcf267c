#pragma once
// The audit trail as a table, newest first, read lazily: the view's
// canFetchMore / fetchMore ask the page worker (on its own thread) for the next
// page below the oldest row shown, so a store of a million entries opens with
// one small query and scrolling reads on. A new filter starts over; entries
// committed later are prepended without disturbing the rows below.

#include "audit/audit_entry.h"
#include "audit/audit_filter.h"
#include "common/owned_thread.h"

#include <QAbstractTableModel>
#include <QThread>

#include <memory>

namespace cc::ui {

class AuditPageWorker;

class AuditTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum class Column { Sequence, Time, Event, Channel, Source, Actor, Details, Count };
    Q_ENUM(Column)
    enum Role { SequenceRole = Qt::UserRole + 1 };

    static constexpr int kPageSize = 200;

    explicit AuditTableModel(QObject *parent = nullptr);
    ~AuditTableModel() override;

    // The store to browse (empty: none); starts over.
    void setStorePath(const QString &path);
    QString storePath() const { return m_path; }
    void setFilter(const AuditFilter &filter);
    AuditFilter filter() const { return m_filter; }
    // Reads the entries committed since the newest row and prepends them.
    void refreshNewer();
    // Asks the worker for the store's event types (answered by eventTypesRead).
    void requestEventTypes();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const AuditEntry *entryAt(int row) const;
    bool isFetching() const { return m_fetching; }
    bool isExhausted() const { return m_exhausted; }
    QString lastError() const { return m_error; }

    // "key: value" lines of the details JSON, for a person.
    static QString readableDetails(const AuditEntry &entry);

signals:
    // After each page (or error) arrives.
    void pageLoaded(int rows, const QString &error);
    void eventTypesRead(const QStringList &types);

private:
    // Asks the worker for a page of the current filter (see AuditPageWorker::readPage).
    void requestPage(bool older, qint64 pastSequence);
    void onPageRead(quint64 generation, bool older, const QList<cc::AuditEntry> &entries, const QString &error);
    void restart();

    QString m_path;
    AuditFilter m_filter;
    QList<AuditEntry> m_entries;   // newest first
    OwnedThread m_thread;
    AuditPageWorker *m_worker = nullptr;   // lives in m_thread; deleted when it finishes
    quint64 m_generation = 0;
    bool m_fetching = false;
    bool m_fetchingNewer = false;
    bool m_exhausted = true;
    QString m_error;
};

} // namespace cc::ui
