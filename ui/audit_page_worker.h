#pragma once
// Reads pages of the audit store for the Audit page, on the loader's thread
// with its own connection (Qt SQL connections stay in the thread that opened
// them). Every answer carries the generation it was asked for, so the model
// drops pages of a filter the user has already changed.

#include "audit/audit_entry.h"
#include "audit/audit_filter.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace cc {
class AuditStore;
}

namespace cc::ui {

class AuditPageWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPageWorker)

public:
    explicit AuditPageWorker(const QString &path, QObject *parent = nullptr);
    ~AuditPageWorker() override;

    // Up to `limit` entries matching `filter`: `older`, those before
    // `pastSequence`; otherwise those after it.
    void readPage(quint64 generation, const cc::AuditFilter &filter, bool older, qint64 pastSequence, int limit);
    void readEventTypes();

signals:
    // `older`: a page further down (append); otherwise newer entries (prepend).
    void pageRead(quint64 generation, bool older, const QList<cc::AuditEntry> &entries, const QString &error);
    void eventTypesRead(const QStringList &types);

private:
    bool ensureOpen(QString *error);

    QString m_path;
    std::unique_ptr<AuditStore> m_store;
};

} // namespace cc::ui
