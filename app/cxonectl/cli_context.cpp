#include "cli_context.h"

#include "cli_audit_trail.h"

#include "audit/audit_gate.h"
#include "audit/audit_store.h"
#include "session/tenant_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace cc::cli {

CliContext::CliContext(const GlobalOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(stdout)
    , m_err(stderr)
{
}

CliContext::~CliContext()
{
    m_out.flush();
    m_err.flush();
}

ApiClient *CliContext::client()
{
    TenantSession *session = this->session();
    return session ? session->client() : nullptr;
}

TenantSession *CliContext::session()
{
    if (m_session)
        return m_session;
    QString problem;
    QStringList warnings;
    const std::optional<ConnectionProfile> profile =
        profileFromCommandLine(m_options.credentials, QProcessEnvironment::systemEnvironment(), &problem, &warnings);
    for (const QString &warning : warnings)
        m_err << "cxonectl: warning: " << warning << '\n';
    if (!profile) {
        m_err << "cxonectl: cannot reach the tenant: " << problem << '\n';
        if (problem.startsWith(QLatin1String("missing")))
            m_err << "Set CXONE_BASE_URL, CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (or use --base-url, --client-id and "
                 "--client-secret-file FILE). Secrets are never accepted as arguments.\n";
        finish(ExitCode::Usage);
        return nullptr;
    }
    ClientOptions clientOptions;
    clientOptions.retry.maxAttempts = 1 + std::max(0, m_options.retries);
    // A person's change goes out only when the audit trail can take its entry
    // first: asked right before each request that changes the tenant (the
    // shared store is asked over the network, with its deadlines).
    clientOptions.writeGuard = [this] {
        const QString refusal = auditTrail()->refusalForAction();
        if (refusal.isEmpty())
            return QString();
        m_auditRefused = true;
        return AuditGate::changeNotSent(refusal);
    };
    if (m_options.verbose) {
        clientOptions.logSink = [this](const QString &line) {
            m_err << "cxonectl: " << line << '\n';
            m_err.flush();
        };
    }
    // The same connection object the console holds: one sign-in for every
    // client of the command (the monitor's too), one rate budget.
    m_session = new TenantSession(*profile, nullptr, clientOptions, this);
    return m_session;
}

CliAuditTrail *CliContext::auditTrail()
{
    if (!m_auditTrail)
        m_auditTrail = new CliAuditTrail(m_options.auditDbPath, m_options.exportUrl, this);
    return m_auditTrail;
}

bool CliContext::openAuditStore(AuditStore *store)
{
    QString error;
    if (store->open(auditTrail()->dbPath(), &error, AuditStore::OpenMode::ExistingOnly))
        return true;
    fail(error);
    return false;
}

void CliContext::fail(const QString &message, ExitCode code)
{
    m_err << "cxonectl: " << message << '\n';
    finish(code);
}

void CliContext::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    emit finished(static_cast<int>(code));
}

void CliContext::startDeadline(int seconds, const QString &commandName)
{
    // Precise: a coarse timer may fire up to 5 % early, before the promised time.
    QTimer::singleShot(std::chrono::seconds(seconds), Qt::PreciseTimer, this, [this, seconds, commandName] {
        if (m_finished)
            return;
        m_err << "cxonectl: '" << commandName << "' did not finish within its deadline of " << seconds
              << " s (--deadline); stopped. The tenant answers too slowly or not at all: run again with --verbose "
                 "to see each request, or raise --deadline.\n";
        finish(ExitCode::DeadlinePassed);
    });
}

void CliContext::finishWithError(const ApiError &error)
{
    if (m_finished)
        return;
    m_err << "cxonectl: " << error.text() << '\n';
    if (m_auditRefused) {
        finish(ExitCode::AuditUnavailable);
        return;
    }
    if (error.kind == ApiError::Kind::Auth && error.duringSignIn)
        m_err << "cxonectl: the credentials come from CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (or --client-id and "
                 "--client-secret-file; CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET for an access key).\n";
    finish(exitCodeFor(error));
}

void CliContext::usageError(const QString &message, const QString &usage)
{
    m_err << "cxonectl: " << message << '\n';
    if (!usage.isEmpty())
        m_err << "Usage:\n  " << QString(usage).replace(QLatin1String("\n"), QLatin1String("\n  ")) << '\n';
    m_err << "Run 'cxonectl --help' for every command and option.\n";
    finish(ExitCode::Usage);
}

void CliContext::finishWithFieldErrors(const QString &what, const FieldErrors &errors)
{
    m_err << "cxonectl: " << what << '\n';
    for (const FieldError &error : errors)
        m_err << error.field << ": " << error.message << '\n';
    finish(ExitCode::Validation);
}

void CliContext::printJson(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isArray())
        document = QJsonDocument(value.toArray());
    else
        document = QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

} // namespace cc::cli
