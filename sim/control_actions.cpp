#include "control_actions.h"

#include "api/contract.h"

#include <QUrl>

#include <vector>

namespace cc::sim {

namespace {

enum class FieldKind { Int, String, Bool };

struct Field
{
    const char *key;
    FieldKind kind;
    bool required;
    int min = 0;
    int max = 0;
};

struct ActionSpec
{
    const char *name;
    std::vector<Field> fields;
    // A check beyond the fields' kinds and ranges; null when none.
    QString (*check)(const QJsonObject &action, const SimState &state);
    void (*apply)(const QJsonObject &action, SimState &state);
};

Field intField(const char *key, int min, int max, bool required = false)
{
    return {key, FieldKind::Int, required, min, max};
}

Field stringField(const char *key, bool required = false)
{
    return {key, FieldKind::String, required};
}

Field boolField(const char *key, bool required = false)
{
    return {key, FieldKind::Bool, required};
}

QString fieldProblem(const QJsonObject &action, const Field &field)
{
    const QString key = QString::fromLatin1(field.key);
    const QJsonValue value = action.value(key);
    if (value.isUndefined())
        return field.required ? key + QStringLiteral(" is required") : QString();
    switch (field.kind) {
    case FieldKind::Int:
        if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInt()) || value.toInt() < field.min
            || value.toInt() > field.max)
            return key + QStringLiteral(" must be a whole number from %1 to %2").arg(field.min).arg(field.max);
        return QString();
    case FieldKind::String:
        return value.isString() ? QString() : key + QStringLiteral(" must be a string");
    case FieldKind::Bool:
        return value.isBool() ? QString() : key + QStringLiteral(" must be true or false");
    }
    return QString();
}

QString text(const QJsonObject &action, const char *key)
{
    return action.value(QLatin1String(key)).toString();
}

int number(const QJsonObject &action, const char *key, int fallback = 0)
{
    return action.value(QLatin1String(key)).toInt(fallback);
}

QString setStatusCheck(const QJsonObject &action, const SimState &state)
{
    const QString status = text(action, "status");
    if (status != QLatin1String("auto") && !channelStatusFromName(status))
        return QStringLiteral("status must be auto or one of ") + channelStatusNames().join(QStringLiteral(", "));
    if (const QString problem = fieldProblem(action, stringField("channel_id", true)); !problem.isEmpty())
        return QStringLiteral("channel_id: ") + problem;
    if (!state.channels.find(text(action, "channel_id")))
        return ControlActions::unknownChannelProblem();
    return QString();
}

QString scopeCheck(const QJsonObject &action, const SimState &)
{
    if (!TokenStore::knownScopes().contains(text(action, "scope")))
        return QStringLiteral("scope must be one of ") + QString(api::kAllScopes);
    return QString();
}

const std::vector<ActionSpec> &actionTable()
{
    static const std::vector<ActionSpec> table{
        {"set_status", {stringField("status", true)}, setStatusCheck,
         [](const QJsonObject &action, SimState &state) {
             const QString status = text(action, "status");
             state.channels.holdStatus(text(action, "channel_id"),
                                       status == QLatin1String("auto") ? std::nullopt : channelStatusFromName(status),
                                       state.clock->nowUtc());
         }},
        {"rate_limit_storm", {intField("seconds", 1, 86400, true), intField("retry_after", 1, 30 * 86400)}, nullptr,
         [](const QJsonObject &action, SimState &state) {
             const int seconds = number(action, "seconds");
             state.faults.startRateLimitStorm(state.clock->monotonicMs(), seconds,
                                              number(action, "retry_after", qMin(seconds, 5)));
         }},
        {"fail_next", {intField("count", 1, 1000000), intField("status", 500, 504), stringField("path_prefix")},
         [](const QJsonObject &action, const SimState &) {
             return number(action, "status", 503) == 501 ? QStringLiteral("status must be 500, 502, 503 or 504") : QString();
         },
         [](const QJsonObject &action, SimState &state) {
             state.faults.failNext(number(action, "count", 1), number(action, "status", 503), text(action, "path_prefix"));
         }},
        {"slow", {intField("delay_ms", 0, 600000, true), intField("count", 1, 1000000)}, nullptr,
         [](const QJsonObject &action, SimState &state) {
             state.faults.setSlow(number(action, "delay_ms"), number(action, "count", -1));
         }},
        {"expire_tokens", {}, nullptr, [](const QJsonObject &, SimState &state) { state.tokens.expireAll(); }},
        {"drop_after_commit", {intField("count", 1, 1000000), stringField("method"), stringField("path_prefix")}, nullptr,
         [](const QJsonObject &action, SimState &state) {
             state.faults.dropAfterCommit(number(action, "count", 1), text(action, "method"), text(action, "path_prefix"));
         }},
        {"revoke_scope", {stringField("scope", true)}, scopeCheck,
         [](const QJsonObject &action, SimState &state) { state.tokens.revokeScope(text(action, "scope")); }},
        {"grant_scope", {stringField("scope", true)}, scopeCheck,
         [](const QJsonObject &action, SimState &state) { state.tokens.grantScope(text(action, "scope")); }},
        {"reject_credentials", {boolField("value")}, nullptr,
         [](const QJsonObject &action, SimState &state) {
             state.faults.setRejectCredentials(action.value(QLatin1String("value")).toBool(true));
         }},
        {"export_receiver", {boolField("up", true)}, nullptr,
         [](const QJsonObject &action, SimState &state) {
             state.faults.setExportReceiverUp(action.value(QLatin1String("up")).toBool());
         }},
        {"drip",
         {intField("count", -1, 1000000), intField("interval_ms", 1, 60000), intField("chunk_bytes", 1, 1 << 20),
          stringField("path_prefix")},
         nullptr,
         [](const QJsonObject &action, SimState &state) {
             state.faults.setDrip(number(action, "count", 1), number(action, "interval_ms", 200),
                                  number(action, "chunk_bytes", 1), text(action, "path_prefix"));
         }},
        {"oversize", {intField("count", -1, 1000000), intField("bytes", 1, 1 << 30, true), stringField("path_prefix")},
         nullptr,
         [](const QJsonObject &action, SimState &state) {
             state.faults.setOversize(number(action, "count", 1), number(action, "bytes"), text(action, "path_prefix"));
         }},
        {"redirect",
         {intField("count", -1, 1000000), intField("status", 301, 308), stringField("location", true),
          stringField("path_prefix")},
         [](const QJsonObject &action, const SimState &) {
             const QUrl location(text(action, "location"));
             if (!location.isValid() || location.host().isEmpty())
                 return QStringLiteral("location must be an absolute URL (scheme, host and port of the other origin)");
             return QString();
         },
         [](const QJsonObject &action, SimState &state) {
             QString location = text(action, "location");
             if (location.endsWith(QLatin1Char('/')))
                 location.chop(1);
             state.faults.setRedirect(number(action, "count", -1), number(action, "status", 307), location,
                                      text(action, "path_prefix"));
         }},
        {"loop_pages", {intField("total", 0, 2000000000)}, nullptr,
         [](const QJsonObject &action, SimState &state) { state.faults.setLoopPages(number(action, "total", 1000000)); }},
        {"token_expires_in", {intField("seconds", 0, 2000000000, true)}, nullptr,
         [](const QJsonObject &action, SimState &state) { state.faults.setTokenExpiresIn(number(action, "seconds")); }},
        {"reset", {}, nullptr,
         [](const QJsonObject &, SimState &state) {
             state.faults.reset();
             state.tokens.clearScopeFaults();
             for (const QString &id : state.channels.orderedIds())
                 state.channels.holdStatus(id, std::nullopt, state.clock->nowUtc());
         }},
    };
    return table;
}

const ActionSpec *findAction(const QString &name)
{
    for (const ActionSpec &spec : actionTable()) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

} // namespace

ControlActions::ControlActions(SimState &state)
    : m_state(state)
{
}

QString ControlActions::unknownChannelProblem()
{
    return QStringLiteral("channel_id names no channel of this tenant");
}

QString ControlActions::problem(const QJsonObject &action) const
{
    const ActionSpec *spec = findAction(action.value(QLatin1String("action")).toString());
    if (spec == nullptr) {
        QStringList names;
        for (const ActionSpec &known : actionTable())
            names.append(QString::fromLatin1(known.name));
        return QStringLiteral("action must be one of ") + names.join(QStringLiteral(", "));
    }
    for (const Field &field : spec->fields) {
        if (QString problem = fieldProblem(action, field); !problem.isEmpty())
            return problem;
    }
    return spec->check ? spec->check(action, m_state) : QString();
}

bool ControlActions::apply(const QJsonObject &action, QString *error)
{
    const QString found = problem(action);
    if (!found.isEmpty()) {
        if (error)
            *error = found;
        return false;
    }
    findAction(action.value(QLatin1String("action")).toString())->apply(action, m_state);
    return true;
}

} // namespace cc::sim
