// Every rule of the contract's validation table, just inside and just outside
// its bounds, with the contract's field paths.

#include "model/channel_validator.h"

#include <gtest/gtest.h>

using namespace cc;

namespace {

ChannelDraft validDraft()
{
    ChannelDraft draft;
    draft.name = QStringLiteral("prod-voice-trunk-us-east-1");
    draft.configuration.sipServer = QStringLiteral("sip.carrier-provider.net");
    draft.configuration.sipPort = 5060;
    draft.configuration.username = QStringLiteral("trunk_user_01");
    draft.configuration.password = QStringLiteral("pw");
    draft.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("G729"), 2}};
    draft.failoverChannels = {QStringLiteral("ch_b1"), QStringLiteral("ch_b2")};
    draft.healthCheck = {60, 15};
    return draft;
}

ValidationContext createContext()
{
    ValidationContext context;
    context.existingIds = QSet<QString>{QStringLiteral("ch_b1"), QStringLiteral("ch_b2"), QStringLiteral("ch_self")};
    return context;
}

FieldErrors check(const ChannelDraft &draft, const ValidationContext &context = createContext())
{
    return validateChannelDraft(draft, context);
}

QStringList fields(const FieldErrors &errors)
{
    QStringList list;
    for (const FieldError &error : errors)
        list.append(error.field);
    return list;
}

} // namespace

TEST(ChannelValidator, AcceptsTheContractsExample)
{
    EXPECT_TRUE(check(validDraft()).isEmpty()) << formatFieldErrors(check(validDraft())).toStdString();
}

TEST(ChannelValidator, NameIsThreeToSixtyFourCharacters)
{
    ChannelDraft draft = validDraft();
    draft.name = QStringLiteral("abc");
    EXPECT_TRUE(check(draft).isEmpty());
    draft.name = QString(64, QLatin1Char('x'));
    EXPECT_TRUE(check(draft).isEmpty());
    draft.name = QStringLiteral("ab");
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("name")});
    draft.name = QString(65, QLatin1Char('x'));
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("name")});
    // Characters, not UTF-16 units: three emoji are three characters.
    draft.name = QString::fromUtf8("\xF0\x9F\x93\x9E\xF0\x9F\x93\x9E\xF0\x9F\x93\x9E");
    EXPECT_TRUE(check(draft).isEmpty());
}

TEST(ChannelValidator, TypeMustBeSip)
{
    ChannelDraft draft = validDraft();
    draft.type = QStringLiteral("pstn");
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("type")});
}

TEST(ChannelValidator, SipServerMatchesTheHostPattern)
{
    ChannelDraft draft = validDraft();
    draft.configuration.sipServer = QStringLiteral("10.0.0.1");
    EXPECT_TRUE(check(draft).isEmpty());
    for (const QString &bad : {QString(), QStringLiteral("sip server"), QStringLiteral("sip_server.net"), QStringLiteral("sip.net:5060")}) {
        draft.configuration.sipServer = bad;
        EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("configuration.sip_server")}) << bad.toStdString();
    }
}

TEST(ChannelValidator, SipPortIs5060To5080)
{
    ChannelDraft draft = validDraft();
    for (int port : {5060, 5080}) {
        draft.configuration.sipPort = port;
        EXPECT_TRUE(check(draft).isEmpty()) << port;
    }
    for (int port : {5059, 5081, 0, -1}) {
        draft.configuration.sipPort = port;
        const FieldErrors errors = check(draft);
        ASSERT_EQ(fields(errors), QStringList{QStringLiteral("configuration.sip_port")}) << port;
        EXPECT_EQ(errors.at(0).message, QStringLiteral("must be between 5060 and 5080"));
    }
}

TEST(ChannelValidator, UsernameMustNotBeEmpty)
{
    ChannelDraft draft = validDraft();
    draft.configuration.username = QStringLiteral("  ");
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("configuration.authentication.username")});
}

TEST(ChannelValidator, PasswordIsRequiredOnCreateOnly)
{
    ChannelDraft draft = validDraft();
    draft.configuration.password.reset();
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("configuration.authentication.password")});
    draft.configuration.password = QString();
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("configuration.authentication.password")});

    ValidationContext update = createContext();
    update.mode = ValidationContext::Mode::Update;
    update.selfId = QStringLiteral("ch_self");
    draft.configuration.password.reset();
    EXPECT_TRUE(check(draft, update).isEmpty());
    draft.configuration.password = QString();
    EXPECT_EQ(fields(check(draft, update)), QStringList{QStringLiteral("configuration.authentication.password")});
}

TEST(ChannelValidator, CodecsNeedAtLeastOne)
{
    ChannelDraft draft = validDraft();
    draft.configuration.codecs.clear();
    EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("configuration.codecs")});
}

TEST(ChannelValidator, CodecNamesAreKnownAndUnique)
{
    ChannelDraft draft = validDraft();
    draft.configuration.codecs = {{QStringLiteral("PCMU"), 1}, {QStringLiteral("PCMA"), 2}, {QStringLiteral("G729"), 3},
                                  {QStringLiteral("G722"), 4}, {QStringLiteral("OPUS"), 5}};
    EXPECT_TRUE(check(draft).isEmpty());
    draft.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("AMR"), 2}, {QStringLiteral("OPUS"), 3},
                                  {QStringLiteral("opus"), 4}};
    EXPECT_EQ(fields(check(draft)), (QStringList{QStringLiteral("configuration.codecs[1].name"),
                                                 QStringLiteral("configuration.codecs[2].name"),
                                                 QStringLiteral("configuration.codecs[3].name")}));
}

TEST(ChannelValidator, CodecPrioritiesAreOneToTenAndUnique)
{
    ChannelDraft draft = validDraft();
    draft.configuration.codecs = {{QStringLiteral("OPUS"), 1}, {QStringLiteral("G729"), 10}};
    EXPECT_TRUE(check(draft).isEmpty());
    draft.configuration.codecs = {{QStringLiteral("OPUS"), 0}, {QStringLiteral("G729"), 11},
                                  {QStringLiteral("PCMU"), 5}, {QStringLiteral("PCMA"), 5}};
    const FieldErrors errors = check(draft);
    EXPECT_EQ(fields(errors), (QStringList{QStringLiteral("configuration.codecs[0].priority"),
                                           QStringLiteral("configuration.codecs[1].priority"),
                                           QStringLiteral("configuration.codecs[3].priority")}));
}

TEST(ChannelValidator, FailoverTargetsExistAreNotSelfAndNotTwice)
{
    ChannelDraft draft = validDraft();
    ValidationContext update = createContext();
    update.mode = ValidationContext::Mode::Update;
    update.selfId = QStringLiteral("ch_self");
    draft.failoverChannels = {QStringLiteral("ch_b1"), QStringLiteral("ch_self"), QStringLiteral("ch_b1"), QStringLiteral("ch_nope")};
    EXPECT_EQ(fields(check(draft, update)), (QStringList{QStringLiteral("routing.failover_channels[1]"),
                                                         QStringLiteral("routing.failover_channels[2]"),
                                                         QStringLiteral("routing.failover_channels[3]")}));
    // Without the tenant's ids (offline), existence is not judged.
    update.existingIds.reset();
    draft.failoverChannels = {QStringLiteral("ch_unknown")};
    EXPECT_TRUE(check(draft, update).isEmpty());
}

TEST(ChannelValidator, IntervalIs30To300)
{
    ChannelDraft draft = validDraft();
    for (int interval : {30, 300}) {
        draft.healthCheck = {interval, 5};
        EXPECT_TRUE(check(draft).isEmpty()) << interval;
    }
    for (int interval : {29, 301}) {
        draft.healthCheck = {interval, 5};
        EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("health_check.interval_seconds")}) << interval;
    }
}

TEST(ChannelValidator, TimeoutIs5To30AndBelowTheInterval)
{
    ChannelDraft draft = validDraft();
    for (int timeout : {5, 30}) {
        draft.healthCheck = {60, timeout};
        EXPECT_TRUE(check(draft).isEmpty()) << timeout;
    }
    for (int timeout : {4, 31}) {
        draft.healthCheck = {60, timeout};
        EXPECT_EQ(fields(check(draft)), QStringList{QStringLiteral("health_check.timeout_seconds")}) << timeout;
    }
    draft.healthCheck = {30, 29};
    EXPECT_TRUE(check(draft).isEmpty());
    draft.healthCheck = {30, 30};
    const FieldErrors errors = check(draft);
    ASSERT_EQ(fields(errors), QStringList{QStringLiteral("health_check.timeout_seconds")});
    EXPECT_TRUE(errors.at(0).message.contains(QStringLiteral("less than")));
}

TEST(ChannelValidator, TenantDetailsUseTheSameType)
{
    const QJsonArray details{QJsonObject{{QStringLiteral("field"), QStringLiteral("configuration.sip_port")},
                                         {QStringLiteral("message"), QStringLiteral("must be between 5060 and 5080")}},
                             QStringLiteral("garbage")};
    const FieldErrors errors = fieldErrorsFromJson(details);
    ASSERT_EQ(errors.size(), 2);
    EXPECT_EQ(errors.at(0).field, QStringLiteral("configuration.sip_port"));
    EXPECT_EQ(errors.at(1).field, QStringLiteral("(unknown)"));
    EXPECT_EQ(fieldErrorsToJson({errors.at(0)}), QJsonArray{details.at(0)});
    EXPECT_EQ(formatFieldErrors({errors.at(0)}), QStringLiteral("configuration.sip_port: must be between 5060 and 5080"));
}
