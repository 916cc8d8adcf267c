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

    // Hostile answers (issue 12). Each matches like fail_next: without a path
    // prefix it spares the sign-in and discovery endpoints.
    // drip: the next `count` answers are written `chunkBytes` every `intervalMs`.
    void setDrip(int count, int intervalMs, int chunkBytes, const QString &pathPrefix);
    struct Drip
    {
        int intervalMs = 0;
        int chunkBytes = 1;
    };
    std::optional<Drip> takeDrip(const QString &path, bool signIn);
    // oversize: the next `count` answers carry `bytes` of trailing whitespace.
    void setOversize(int count, qint64 bytes, const QString &pathPrefix);
    qint64 takeOversizeBytes(const QString &path, bool signIn);
    // redirect: the next `count` answers are `status` to `location` + the path.
    void setRedirect(int count, int status, const QString &location, const QString &pathPrefix);
    struct Redirect
    {
        int status = 307;
        QString location;
    };
    std::optional<Redirect> takeRedirect(const QString &path, bool signIn);
    // loop_pages: every page of the channel list is page 1, with this total.
    void setLoopPages(qint64 total) { m_loopPagesTotal = total; }
    qint64 loopPagesTotal() const { return m_loopPagesTotal; }
    // token_expires_in: tokens are issued with this lifetime (0: the tenant's own).
    void setTokenExpiresIn(int seconds) { m_tokenExpiresIn = qMax(0, seconds); }
    int tokenExpiresIn() const { return m_tokenExpiresIn; }

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

    struct Shaped
    {
        int remaining = 0;      // < 0: until reset
        QString pathPrefix;
        bool matches(const QString &path, bool signIn) const
        {
            return remaining != 0 && (pathPrefix.isEmpty() ? !signIn : path.startsWith(pathPrefix));
        }
        void spend()
        {
            if (remaining > 0)
                --remaining;
        }
    };

    Shaped m_drip;
    Drip m_dripShape;
    Shaped m_oversize;
    qint64 m_oversizeBytes = 0;
    Shaped m_redirect;
    Redirect m_redirectTarget;
    qint64 m_loopPagesTotal = 0;
    int m_tokenExpiresIn = 0;
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
