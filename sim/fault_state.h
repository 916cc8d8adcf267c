#pragma once
// The faults a test or the demo switched on (control API and scenario): a 429
// storm, the next N answers as 5xx, slow answers, a dropped connection after a
// commit, refused credentials and a receiver that is down. Faults that act on
// channels or tokens live with those (ChannelStore, TokenStore).

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace cc::sim {

class FaultState final
{
public:
    void startRateLimitStorm(qint64 nowMs, int seconds, int retryAfterSeconds);
    // Retry-After to send when a storm is on at `nowMs`.
    std::optional<int> stormRetryAfter(qint64 nowMs) const;

    void failNext(int count, int status, const QString &pathPrefix);
    // The status to fail this request with, if a fail_next matches. Sign-in
    // requests match only a fail_next that names their path, so a fault meant for
    // channel calls does not break the token fetch before them.
    std::optional<int> takeFailure(const QString &path, bool signIn);

    // delayMs 0 clears; count < 0 means until cleared.
    void setSlow(int delayMs, int count);
    int takeDelayMs();

    void dropAfterCommit(int count, const QString &method, const QString &pathPrefix);
    bool takeDrop(const QString &method, const QString &path);

    bool rejectCredentials() const { return m_rejectCredentials; }
    void setRejectCredentials(bool reject) { m_rejectCredentials = reject; }
    bool exportReceiverUp() const { return m_exportReceiverUp; }
    void setExportReceiverUp(bool up) { m_exportReceiverUp = up; }

    void reset();
    QJsonObject toJson(qint64 nowMs) const;

private:
    struct Failure
    {
        int remaining = 0;
        int status = 500;
        QString pathPrefix;
    };
    struct Drop
    {
        int remaining = 0;
        QString method;
        QString pathPrefix;
    };

    qint64 m_stormUntilMs = -1;
    int m_stormRetryAfter = 1;
    QList<Failure> m_failures;
    int m_slowDelayMs = 0;
    int m_slowRemaining = 0;
    QList<Drop> m_drops;
    bool m_rejectCredentials = false;
    bool m_exportReceiverUp = true;
};

} // namespace cc::sim
