#include "overview/channel_grouping.h"

#include <QHash>
#include <QHostAddress>
#include <QSet>

#include <algorithm>
#include <utility>

namespace cc {

namespace {

// Second-level labels under which registrars sell names ("example.co.uk"): the
// carrier is then the three last labels.
bool isSecondLevelRegistry(const QString &label)
{
    static const QStringList kLabels{QStringLiteral("co"), QStringLiteral("com"), QStringLiteral("net"),
                                     QStringLiteral("org"), QStringLiteral("ac"), QStringLiteral("gov")};
    return kLabels.contains(label);
}

void sortByName(QList<int> &members, const QList<ChannelHealth> &channels)
{
    std::stable_sort(members.begin(), members.end(), [&channels](int a, int b) {
        const int byName = QString::compare(channels.at(a).name, channels.at(b).name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : channels.at(a).id < channels.at(b).id;
    });
}

QList<ChannelGroup> byStatus(const QList<ChannelHealth> &channels)
{
    QHash<int, QList<int>> members;
    for (int i = 0; i < channels.size(); ++i)
        members[static_cast<int>(gridStateOf(channels.at(i)))].append(i);
    QList<ChannelGroup> groups;
    for (GridState state : gridStatesWorstFirst()) {
        QList<int> list = members.value(static_cast<int>(state));
        if (list.isEmpty())
            continue;
        sortByName(list, channels);
        groups.append({gridStateName(state), gridStateName(state), list});
    }
    return groups;
}

QList<ChannelGroup> byCarrier(const QList<ChannelHealth> &channels)
{
    QHash<QString, QList<int>> members;
    for (int i = 0; i < channels.size(); ++i)
        members[carrierOf(channels.at(i).sipServer)].append(i);
    QStringList carriers = members.keys();
    std::sort(carriers.begin(), carriers.end());
    QList<ChannelGroup> groups;
    for (const QString &carrier : carriers) {
        QList<int> list = members.value(carrier);
        sortByName(list, channels);
        groups.append({carrier, carrier.isEmpty() ? QStringLiteral("no SIP server") : carrier, list});
    }
    return groups;
}

QList<ChannelGroup> byFailoverGroup(const QList<ChannelHealth> &channels)
{
    QHash<QString, int> indexById;
    for (int i = 0; i < channels.size(); ++i)
        indexById.insert(channels.at(i).id, i);
    // A group's head is the backup its primaries try first; a head is in its own group.
    QHash<QString, QString> headOf;
    for (const ChannelHealth &health : channels) {
        if (!health.failoverChannels.isEmpty() && indexById.contains(health.failoverChannels.first()))
            headOf.insert(health.id, health.failoverChannels.first());
    }
    QSet<QString> heads;
    for (const QString &head : std::as_const(headOf))
        heads.insert(head);
    QHash<QString, QList<int>> members;
    QList<int> alone;
    for (int i = 0; i < channels.size(); ++i) {
        const QString &id = channels.at(i).id;
        // A backup that is itself someone's first choice heads its own group.
        const QString head = heads.contains(id) ? id : headOf.value(id);
        if (head.isEmpty())
            alone.append(i);
        else
            members[head].append(i);
    }
    QList<ChannelGroup> groups;
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        QList<int> list = it.value();
        const int headIndex = indexById.value(it.key());
        list.removeAll(headIndex);
        sortByName(list, channels);
        list.append(headIndex);   // the primaries, then the backup they share
        groups.append({it.key(), channels.at(headIndex).name, list});
    }
    std::sort(groups.begin(), groups.end(), [](const ChannelGroup &a, const ChannelGroup &b) {
        const int byTitle = QString::compare(a.title, b.title, Qt::CaseInsensitive);
        return byTitle != 0 ? byTitle < 0 : a.key < b.key;
    });
    if (!alone.isEmpty()) {
        sortByName(alone, channels);
        groups.append({QString(), QStringLiteral("no failover group"), alone});
    }
    return groups;
}

} // namespace

QString carrierOf(const QString &sipServer)
{
    QString host = sipServer.trimmed().toLower();
    for (const QString &scheme : {QStringLiteral("sips:"), QStringLiteral("sip:")}) {
        if (host.startsWith(scheme)) {
            host.remove(0, scheme.size());
            break;
        }
    }
    if (const int at = host.lastIndexOf(QLatin1Char('@')); at >= 0)
        host.remove(0, at + 1);
    if (const int semi = host.indexOf(QLatin1Char(';')); semi >= 0)
        host.truncate(semi);
    if (host.startsWith(QLatin1Char('['))) {   // [v6]:port
        const int close = host.indexOf(QLatin1Char(']'));
        return close > 0 ? host.mid(1, close - 1) : host;
    }
    if (host.count(QLatin1Char(':')) == 1)
        host.truncate(host.indexOf(QLatin1Char(':')));
    while (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    if (QHostAddress address; address.setAddress(host))
        return host;
    const QStringList labels = host.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    if (labels.size() <= 2)
        return labels.join(QLatin1Char('.'));
    const int keep = labels.size() >= 3 && labels.last().size() == 2 && isSecondLevelRegistry(labels.at(labels.size() - 2)) ? 3 : 2;
    return labels.mid(labels.size() - keep).join(QLatin1Char('.'));
}

QString gridGroupingName(GridGrouping grouping)
{
    switch (grouping) {
    case GridGrouping::None: return QStringLiteral("none");
    case GridGrouping::Status: return QStringLiteral("status");
    case GridGrouping::Carrier: return QStringLiteral("carrier");
    case GridGrouping::FailoverGroup: return QStringLiteral("failover_group");
    }
    return {};
}

QList<ChannelGroup> groupChannels(const QList<ChannelHealth> &channels, GridGrouping grouping)
{
    switch (grouping) {
    case GridGrouping::Status: return byStatus(channels);
    case GridGrouping::Carrier: return byCarrier(channels);
    case GridGrouping::FailoverGroup: return byFailoverGroup(channels);
    case GridGrouping::None: break;
    }
    QList<int> all(channels.size());
    for (int i = 0; i < channels.size(); ++i)
        all[i] = i;
    sortByName(all, channels);
    return {{QString(), QString(), all}};
}

} // namespace cc
