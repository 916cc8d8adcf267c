#include "client/channel_walk.h"

#include <algorithm>
#include <cstdlib>

namespace cc {

QString ChannelWalk::add(const ChannelPage &page, int pageNumber)
{
    if (pageNumber > kMaxPages)
        return QStringLiteral("the channel list still had pages after %1 (%2 channels): stopped, no tenant has that "
                              "many; the tenant's paging is broken")
            .arg(kMaxPages)
            .arg(channels.size());
    if (page.total >= 0) {
        if (m_firstTotal < 0) {
            m_firstTotal = page.total;
        } else {
            // A channel or a few created or deleted during the walk is normal;
            // a tenant whose count jumps is not answering one list.
            const qint64 tolerance = std::max<qint64>(50, m_firstTotal / 10);
            if (std::llabs(page.total - m_firstTotal) > tolerance)
                return QStringLiteral("page %1 says the tenant has %2 channels, page 1 said %3: the total changed "
                                      "too much during one walk; stopped")
                    .arg(pageNumber)
                    .arg(page.total)
                    .arg(m_firstTotal);
        }
    }
    for (const Channel &channel : page.channels) {
        if (m_seenIds.contains(channel.id))
            return QStringLiteral("page %1 repeats channel %2, already on an earlier page: the tenant's paging loops; "
                                  "stopped after %1 pages")
                .arg(pageNumber)
                .arg(channel.id);
        m_seenIds.insert(channel.id);
    }
    channels += page.channels;
    const qint64 promised = std::max(m_firstTotal, page.total);
    if (promised >= 0 && channels.size() > promised + std::max<qint64>(50, promised / 10))
        return QStringLiteral("page %1 brings the list to %2 channels, past the %3 the tenant's total promised; stopped")
            .arg(pageNumber)
            .arg(channels.size())
            .arg(promised);
    return QString();
}

} // namespace cc
