#pragma once
// `--config FILE` (for `cxonectl monitor` under systemd, and anywhere else): a
// file of `key = value` lines whose keys are the long options without their
// dashes, turned into options before the command line is parsed. Global keys
// (audit-db, base-url, client-id, timeout, ...) go before the command word,
// the others after it; `true` stands for a flag given, `false` for left out.
// Options on the command line win over the file's (they come later).
//
// Secrets never sit in the file: client-secret, access-key-secret and any
// password key are refused. Under systemd, `client-secret-credential = NAME`
// (and access-key-secret-credential, pgpass-credential) name a file of
// $CREDENTIALS_DIRECTORY (LoadCredential=): the first two become
// --client-secret-file / --access-key-secret-file, the third PGPASSFILE.

#include <QString>
#include <QStringList>

namespace cc::cli {

// Removes `--config FILE` (or `--config=FILE`) from `arguments` and splices the
// file's options in. True when there was none, or it was read; false with a
// message naming the file and line.
bool expandConfigFile(QStringList *arguments, QString *error);

} // namespace cc::cli
