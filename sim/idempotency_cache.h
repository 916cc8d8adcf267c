#pragma once
// Remembers the answer to each create sent with an Idempotency-Key for 24 hours,
// so a client that never saw the answer can repeat the create safely (contract
// section 2): the repeat gets the first answer and nothing is created again.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace cc::sim {

class IdempotencyCache final
{
public:
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    static constexpr qint64 kLifetimeMs = 24LL * 60 * 60 * 1000;

    std::optional<Answer> find(const QString &key, qint64 nowMs);
    void store(const QString &key, const Answer &answer, qint64 nowMs);
    int size() const { return static_cast<int>(m_entries.size()); }

private:
    struct Entry
    {
        Answer answer;
        qint64 storedAtMs = 0;
    };

    void evictExpired(qint64 nowMs);

    QHash<QString, Entry> m_entries;
    qint64 m_lastEvictionMs = 0;
};

} // namespace cc::sim
