#pragma once
// After a test that saved connection profiles: every profile of its store
// removed, and the keychain deletes waited for, so no item outlives the test.

#include <QString>

namespace cc::test {

// Removes every profile of the store (`group`, `service`) and waits up to
// `waitMs` for each keychain delete; true when all of them finished.
bool removeAllProfiles(const QString &group, const QString &service, int waitMs = 20000);

} // namespace cc::test
