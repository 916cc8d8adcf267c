#pragma once
// Where cxonectl finds the tenant and its credentials: the environment
// (CXONE_BASE_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET, CXONE_ACCESS_KEY_ID,
// CXONE_ACCESS_KEY_SECRET, CXONE_DISCOVERY_URL) or options. A secret never comes
// from an argument, which other users of the machine can read in the process
// list: only from the environment or from a file.

#include "client/connection_profile.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace cc::cli {

struct CredentialOptions
{
    QString baseUrl;
    QString clientId;
    QString clientSecretFile;
    QString accessKeyId;
    QString accessKeySecretFile;
    QString discoveryUrl;
    int timeoutSeconds = 15;
};

// The profile, or nullopt with `problem` saying what is missing and where to put
// it. `warnings` collects what works but should be fixed (a secret file that
// other users can read).
std::optional<ConnectionProfile> profileFromCommandLine(const CredentialOptions &options,
                                                        const QProcessEnvironment &environment, QString *problem,
                                                        QStringList *warnings = nullptr);

} // namespace cc::cli
