#pragma once
// What the Secret Service on the session bus holds, read over D-Bus without
// QtKeychain, so the keychain tests check the store against the service itself:
// the labels of the items in the default collection, and locking it.

#include <QString>
#include <QStringList>

namespace cc::test {

class SecretServiceProbe final
{
public:
    // The default collection's object path; empty (with error()) when none answers.
    QString defaultCollection();
    // The labels of every item in the default collection.
    QStringList itemLabels();
    bool isLocked();
    // Locks the default collection, as a screen lock or the user would.
    bool lockDefaultCollection();
    QString error() const { return m_error; }

private:
    QString m_error;
};

} // namespace cc::test
