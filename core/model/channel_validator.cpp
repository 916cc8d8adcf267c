#include "model/channel_validator.h"

#include "api/contract.h"
#include "model/json_reader.h"

#include <QRegularExpression>

namespace cc {

namespace {

QString betweenMessage(int low, int high)
{
    return QStringLiteral("must be between %1 and %2").arg(low).arg(high);
}

// Characters as a person counts them, not UTF-16 code units.
qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

void validateCodecs(const QList<Codec> &codecs, FieldErrors &errors)
{
    const QString path = fieldPath(QString(api::kKeyConfiguration), api::kKeyCodecs);
    if (codecs.isEmpty()) {
        errors.append({path, QStringLiteral("needs at least one codec")});
        return;
    }
    QSet<QString> names;
    QSet<int> priorities;
    for (qsizetype i = 0; i < codecs.size(); ++i) {
        const Codec &codec = codecs.at(i);
        const QString namePath = fieldPath(indexPath(path, i), api::kKeyName);
        const QString priorityPath = fieldPath(indexPath(path, i), api::kKeyPriority);
        if (!knownCodecNames().contains(codec.name))
            errors.append({namePath, QStringLiteral("must be one of ") + knownCodecNames().join(QStringLiteral(", "))});
        else if (names.contains(codec.name))
            errors.append({namePath, QStringLiteral("%1 is listed twice").arg(codec.name)});
        names.insert(codec.name);

        if (codec.priority < kCodecPriorityMin || codec.priority > kCodecPriorityMax)
            errors.append({priorityPath, betweenMessage(kCodecPriorityMin, kCodecPriorityMax)});
        else if (priorities.contains(codec.priority))
            errors.append({priorityPath, QStringLiteral("priority %1 is used twice").arg(codec.priority)});
        priorities.insert(codec.priority);
    }
}

void validateFailover(const QStringList &targets, const ValidationContext &context, FieldErrors &errors)
{
    const QString path = fieldPath(QString(api::kKeyRouting), api::kKeyFailoverChannels);
    QSet<QString> seen;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const QString &id = targets.at(i);
        const QString itemPath = indexPath(path, i);
        if (id.trimmed().isEmpty())
            errors.append({itemPath, QStringLiteral("must be a channel id")});
        else if (!context.selfId.isEmpty() && id == context.selfId)
            errors.append({itemPath, QStringLiteral("a channel cannot fail over to itself")});
        else if (seen.contains(id))
            errors.append({itemPath, QStringLiteral("%1 is listed twice").arg(id)});
        else if (context.existingIds && !context.existingIds->contains(id))
            errors.append({itemPath, QStringLiteral("no channel has the id %1").arg(id)});
        seen.insert(id);
    }
}

} // namespace

FieldErrors validateChannelDraft(const ChannelDraft &draft, const ValidationContext &context)
{
    FieldErrors errors;

    const qsizetype nameLength = characterCount(draft.name);
    if (nameLength < kNameMinLength || nameLength > kNameMaxLength)
        errors.append({QString(api::kKeyName), QStringLiteral("must be %1 to %2 characters").arg(kNameMinLength).arg(kNameMaxLength)});

    if (draft.type != api::kTypeSip)
        errors.append({QString(api::kKeyType), QStringLiteral("must be sip")});

    const QString config = QString(api::kKeyConfiguration);
    static const QRegularExpression serverPattern(QStringLiteral("^[a-zA-Z0-9.-]+$"));
    if (draft.configuration.sipServer.trimmed().isEmpty())
        errors.append({fieldPath(config, api::kKeySipServer), QStringLiteral("required: the carrier's host name or address")});
    else if (!serverPattern.match(draft.configuration.sipServer).hasMatch())
        errors.append({fieldPath(config, api::kKeySipServer),
                       QStringLiteral("must be a host name or address: letters, digits, dots and hyphens only")});

    if (draft.configuration.sipPort < kSipPortMin || draft.configuration.sipPort > kSipPortMax)
        errors.append({fieldPath(config, api::kKeySipPort), betweenMessage(kSipPortMin, kSipPortMax)});

    const QString auth = fieldPath(config, api::kKeyAuthentication);
    if (draft.configuration.username.trimmed().isEmpty())
        errors.append({fieldPath(auth, api::kKeyUsername), QStringLiteral("must not be empty")});

    const std::optional<QString> &password = draft.configuration.password;
    const bool passwordMissing = !password || password->isEmpty();
    if (context.mode == ValidationContext::Mode::Create && passwordMissing)
        errors.append({fieldPath(auth, api::kKeyPassword), QStringLiteral("must not be empty on create")});
    else if (context.mode == ValidationContext::Mode::Update && password && password->isEmpty())
        errors.append({fieldPath(auth, api::kKeyPassword), QStringLiteral("must not be empty; leave it out to keep the current one")});

    validateCodecs(draft.configuration.codecs, errors);
    validateFailover(draft.failoverChannels, context, errors);

    const QString check = QString(api::kKeyHealthCheck);
    const int interval = draft.healthCheck.intervalSeconds;
    const int timeout = draft.healthCheck.timeoutSeconds;
    const bool intervalValid = interval >= kIntervalSecondsMin && interval <= kIntervalSecondsMax;
    if (!intervalValid)
        errors.append({fieldPath(check, api::kKeyIntervalSeconds), betweenMessage(kIntervalSecondsMin, kIntervalSecondsMax)});
    if (timeout < kTimeoutSecondsMin || timeout > kTimeoutSecondsMax)
        errors.append({fieldPath(check, api::kKeyTimeoutSeconds), betweenMessage(kTimeoutSecondsMin, kTimeoutSecondsMax)});
    else if (timeout >= interval)
        errors.append({fieldPath(check, api::kKeyTimeoutSeconds), QStringLiteral("must be less than interval_seconds (%1)").arg(interval)});

    return errors;
}

} // namespace cc
