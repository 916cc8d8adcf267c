// Fuzz target for a channel or patch file given to cxonectl: `channels create
// FILE` reads a draft and validates it; `channels update ID FILE` merges the
// patch into the channel it changes and validates the result (as
// app/cxonectl/channel_commands.cpp does, before anything is sent).

#include "fuzz_input.h"
#include "fuzz_targets.h"

#include "model/channel.h"
#include "model/channel_validator.h"
#include "model/merge_patch.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cc::fuzz {

namespace {

ChannelDraft existingChannel()
{
    ChannelDraft draft;
    draft.name = QStringLiteral("prod-voice-trunk-us-east-1");
    draft.configuration.sipServer = QStringLiteral("sip-01.carrier-provider.net");
    draft.failoverChannels = {QStringLiteral("ch_c3c080")};
    return draft;
}

void validate(const QJsonObject &json, ValidationContext::Mode mode)
{
    const Parsed<ChannelDraft> draft = draftFromJson(json);
    ValidationContext context;
    context.mode = mode;
    context.selfId = QStringLiteral("ch_57d2df");
    context.existingIds = QSet<QString>{QStringLiteral("ch_57d2df"), QStringLiteral("ch_c3c080")};
    const FieldErrors errors = draft.ok() ? validateChannelDraft(draft.value, context) : draft.errors;
    for (const FieldError &error : errors)
        (void)error.field.size();
    if (draft.ok()) {
        (void)draftToCreateJson(draft.value);
        (void)draftToUpdatePatch(draft.value);
    }
}

} // namespace

int channelFile(const uint8_t *data, size_t size)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(inputBytes(data, size), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject json = document.object();
    validate(json, ValidationContext::Mode::Create);
    static const QJsonObject current = draftToCreateJson(existingChannel());
    validate(applyMergePatch(current, json), ValidationContext::Mode::Update);
    return 0;
}

} // namespace cc::fuzz
