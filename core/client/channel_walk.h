#pragma once
// The state of one walk over the channel list's pages, and the guard that stops
// a walk that cannot end (issue 12): a page that repeats channels already seen,
// pages past the total the tenant promised, a total that changes wildly between
// pages, or more pages than any tenant has. A real tenant's list may shift a
// little while it is walked (a channel created meanwhile); these do not.

#include "client/answer_parsers.h"

#include <QSet>
#include <QString>

namespace cc {

class ChannelWalk final
{
public:
    // 1,000 pages of 500: 500,000 channels, far above any tenant.
    static constexpr int kMaxPages = 1000;

    // Takes one page (numbered from 1). Empty when the walk may go on or end;
    // otherwise why the paging cannot be trusted, naming the page.
    QString add(const ChannelPage &page, int pageNumber);

    QList<Channel> channels;

private:
    QSet<QString> m_seenIds;
    qint64 m_firstTotal = -1;
};

} // namespace cc
