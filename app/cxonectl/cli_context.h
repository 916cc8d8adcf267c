#pragma once
// What a cxonectl command works with: the global options, stdout and stderr,
// the CXone client (made on first use from the credentials) and the single way
// to end the program with an exit code.

#include "cli_credentials.h"
#include "exit_codes.h"

#include "client/api_client.h"

#include <QJsonValue>
#include <QObject>
#include <QTextStream>

namespace cc {
class AuditStore;
class TenantSession;
}

namespace cc::cli {

class CliAuditTrail;

struct GlobalOptions
{
    bool json = false;      // machine-readable output on stdout
    bool verbose = false;   // request log on stderr (redacted)
    int retries = 4;        // repeats of a request after a 429, 5xx or timeout
    QString auditDbPath;    // the audit store (used by the audit commands)
    QString exportUrl;      // --export-url: turns on the audit export outbox (token from CXONE_EXPORT_TOKEN)
    CredentialOptions credentials;
};

class CliContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliContext)

public:
    explicit CliContext(const GlobalOptions &options, QObject *parent = nullptr);
    ~CliContext() override;

    const GlobalOptions &options() const { return m_options; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // The client for the tenant named by the environment or options. On
    // missing or unusable credentials it prints why, finishes with Usage and
    // returns nullptr: the command then just returns.
    ApiClient *client();
    // The connection the client belongs to (made with it): other clients of
    // the command (the monitor's) take its token and rate budget.
    TenantSession *session();

    // The audit store (--audit-db) and export outbox (--export-url); made on
    // first use, opened by its first record(). See cli_audit_trail.h.
    CliAuditTrail *auditTrail();

    // Opens the existing audit store (--audit-db) in `store`; on failure prints
    // why, finishes with Failure and returns false.
    bool openAuditStore(AuditStore *store);

    // Ends the program (once; later calls are ignored).
    void finish(ExitCode code);
    // Prints "cxonectl: message" on stderr and finishes with `code`.
    void fail(const QString &message, ExitCode code = ExitCode::Failure);
    // Prints the error's text (and a hint where cxonectl adds one) on stderr and
    // finishes with the error's exit code.
    void finishWithError(const ApiError &error);
    // Prints "cxonectl: message" and the usage on stderr, finishes with Usage.
    void usageError(const QString &message, const QString &usage);
    // Prints field errors as "field: message" lines on stderr, finishes with Validation.
    void finishWithFieldErrors(const QString &what, const FieldErrors &errors);
    // Prints `value` as indented JSON on stdout.
    void printJson(const QJsonValue &value);

    bool isFinished() const { return m_finished; }
    // Ends the command with DeadlinePassed if it has not finished `seconds`
    // from now, whatever it waits for (issue 12: no command hangs for ever).
    void startDeadline(int seconds, const QString &commandName);

signals:
    void finished(int exitCode);

private:
    GlobalOptions m_options;
    QTextStream m_out;
    QTextStream m_err;
    TenantSession *m_session = nullptr;
    CliAuditTrail *m_auditTrail = nullptr;
    bool m_finished = false;
    bool m_auditRefused = false;   // the client's writeGuard refused a change: exit 14
};

} // namespace cc::cli
