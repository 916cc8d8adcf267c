#include "profile_cleanup.h"

#include "profile_store.h"

#include <QSignalSpy>
#include <QStringList>

namespace cc::test {

bool removeAllProfiles(const QString &group, const QString &service, int waitMs)
{
    ui::ProfileStore store(group, service);
    QSignalSpy removed(&store, &ui::ProfileStore::secretsRemoved);
    const QStringList names = store.profileNames();
    for (const QString &name : names)
        store.removeProfile(name);
    while (removed.count() < names.size() && removed.wait(waitMs)) {
    }
    return removed.count() == names.size();
}

} // namespace cc::test
