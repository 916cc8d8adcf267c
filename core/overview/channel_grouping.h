#pragma once
// How the status grid groups channels: by state, by carrier (the domain of the
// trunk's SIP server), by failover group (the backup a primary goes to first,
// with the primaries that go to it), or not at all. Within a group channels are
// in name order, so a cell's place depends on who is in the group, never on
// the readings: only the grouping by state moves a cell when its state changes
// (and the grid holds its layout while the mouse is over it).

#include "monitor/monitor_snapshot.h"
#include "overview/grid_state.h"

#include <QList>
#include <QString>

namespace cc {

enum class GridGrouping { None, Status, Carrier, FailoverGroup };

struct ChannelGroup
{
    QString key;            // stable: a state name, a domain, the head channel's id; empty for None
    QString title;          // what the group's header says (English; the UI may reword states)
    QList<int> members;     // indexes into the channel list given, in display order
};

// "sip:trunk@sip-01.Carrier-Provider.net:5061;transport=tls" -> "carrier-provider.net".
// An IP literal is its own carrier; a host without a dot is kept whole.
QString carrierOf(const QString &sipServer);

QString gridGroupingName(GridGrouping grouping);

// Groups in display order: states worst first; carriers and failover groups by
// title; channels with no failover relation in one last group.
QList<ChannelGroup> groupChannels(const QList<ChannelHealth> &channels, GridGrouping grouping);

} // namespace cc
