// Every row of the contract's validation table over HTTP: a create just outside
// a rule is 400 validation_failed naming the field, just inside it is 201.

#include "sim_http_test_util.h"

#include <QJsonArray>

#include <gtest/gtest.h>

#include <functional>

using namespace cc::test;

namespace {

// Sets a dotted path ("configuration.sip_port") inside a JSON object; an
// undefined value removes the key.
void setAt(QJsonObject &object, const QString &path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        if (value.isUndefined())
            object.remove(path);
        else
            object.insert(path, value);
        return;
    }
    QJsonObject child = object.value(path.left(dot)).toObject();
    setAt(child, path.mid(dot + 1), value);
    object.insert(path.left(dot), child);
}

QJsonArray codecs(std::initializer_list<std::pair<const char *, int>> list)
{
    QJsonArray array;
    for (const auto &[name, priority] : list)
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)}, {QStringLiteral("priority"), priority}});
    return array;
}

struct Rule
{
    const char *description;
    const char *path;         // what is changed
    QJsonValue outside;       // breaks the rule
    QJsonValue inside;        // just satisfies it (undefined: no inside case)
    const char *field;        // the detail's field
};

class SimValidation : public ::testing::TestWithParam<Rule>
{
};

} // namespace

TEST_P(SimValidation, JustOutsideIs400NamingTheFieldJustInsideIs201)
{
    const Rule &rule = GetParam();
    SimFixture sim(simOptions());
    const QString token = sim.fetchToken();
    const QString backup = sim.channelId(3);
    const auto resolve = [&](const QJsonValue &value) -> QJsonValue {
        // "@backup" stands for an existing channel id, known only at run time.
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (array.at(i).toString() == QLatin1String("@backup"))
                    array[i] = backup;
            }
            return array;
        }
        return value;
    };

    QJsonObject outside = createBody(QStringLiteral("validation-trunk"));
    setAt(outside, QString::fromLatin1(rule.path), resolve(rule.outside));
    const SimFixture::Reply refused = sim.api("POST", QStringLiteral("/api/v2/channels"), token, outside);
    expectErrorBody(refused, 400, QStringLiteral("validation_failed"));
    QStringList fields;
    for (const QJsonValue &detail : refused.json.value(QStringLiteral("details")).toArray())
        fields.append(detail.toObject().value(QStringLiteral("field")).toString());
    EXPECT_EQ(fields, QStringList{QString::fromLatin1(rule.field)}) << rule.description;
    EXPECT_EQ(refused.json.value(QStringLiteral("message")).toString(), QStringLiteral("1 field is invalid"));

    if (!rule.inside.isUndefined()) {
        QJsonObject inside = createBody(QStringLiteral("validation-trunk"));
        setAt(inside, QString::fromLatin1(rule.path), resolve(rule.inside));
        const SimFixture::Reply accepted = sim.api("POST", QStringLiteral("/api/v2/channels"), token, inside);
        EXPECT_EQ(accepted.status, 201) << rule.description << ": " << accepted.body.constData();
    }
}

INSTANTIATE_TEST_SUITE_P(
    ContractRules, SimValidation,
    ::testing::Values(
        Rule{"name too short", "name", QStringLiteral("ab"), QStringLiteral("abc"), "name"},
        Rule{"name too long", "name", QString(65, QLatin1Char('n')), QString(64, QLatin1Char('n')), "name"},
        Rule{"type other than sip", "type", QStringLiteral("iax2"), QStringLiteral("sip"), "type"},
        Rule{"sip_server with a space", "configuration.sip_server", QStringLiteral("sip carrier.net"), QStringLiteral("sip-1.carrier.net"), "configuration.sip_server"},
        Rule{"sip_port below range", "configuration.sip_port", 5059, 5060, "configuration.sip_port"},
        Rule{"sip_port above range", "configuration.sip_port", 5081, 5080, "configuration.sip_port"},
        Rule{"empty username", "configuration.authentication.username", QStringLiteral(""), QStringLiteral("u"), "configuration.authentication.username"},
        Rule{"no password on create", "configuration.authentication.password", QJsonValue(QJsonValue::Undefined), QJsonValue(QJsonValue::Undefined), "configuration.authentication.password"},
        Rule{"empty password on create", "configuration.authentication.password", QStringLiteral(""), QStringLiteral("p"), "configuration.authentication.password"},
        Rule{"no codec", "configuration.codecs", QJsonArray{}, codecs({{"PCMU", 1}}), "configuration.codecs"},
        Rule{"unknown codec", "configuration.codecs", codecs({{"GSM", 1}}), codecs({{"G722", 1}}), "configuration.codecs[0].name"},
        Rule{"codec twice", "configuration.codecs", codecs({{"OPUS", 1}, {"OPUS", 2}}), codecs({{"OPUS", 1}, {"PCMA", 2}}), "configuration.codecs[1].name"},
        Rule{"priority below range", "configuration.codecs", codecs({{"OPUS", 0}}), codecs({{"OPUS", 1}}), "configuration.codecs[0].priority"},
        Rule{"priority above range", "configuration.codecs", codecs({{"OPUS", 11}}), codecs({{"OPUS", 10}}), "configuration.codecs[0].priority"},
        Rule{"priority twice", "configuration.codecs", codecs({{"OPUS", 1}, {"PCMU", 1}}), codecs({{"OPUS", 1}, {"PCMU", 2}}), "configuration.codecs[1].priority"},
        Rule{"failover to no channel", "routing.failover_channels", QJsonArray{QStringLiteral("ch_nowhere")}, QJsonArray{QStringLiteral("@backup")}, "routing.failover_channels[0]"},
        Rule{"failover id twice", "routing.failover_channels", QJsonArray{QStringLiteral("@backup"), QStringLiteral("@backup")}, QJsonArray{QStringLiteral("@backup")}, "routing.failover_channels[1]"},
        Rule{"interval below range", "health_check.interval_seconds", 29, 30, "health_check.interval_seconds"},
        Rule{"interval above range", "health_check.interval_seconds", 301, 300, "health_check.interval_seconds"},
        Rule{"timeout below range", "health_check.timeout_seconds", 4, 5, "health_check.timeout_seconds"},
        Rule{"timeout above range", "health_check.timeout_seconds", 31, 30, "health_check.timeout_seconds"}));

TEST(SimValidationRules, TimeoutMustBeLessThanTheInterval)
{
    SimFixture sim(simOptions());
    QJsonObject body = createBody(QStringLiteral("timeout-trunk"));
    setAt(body, QStringLiteral("health_check"), QJsonObject{{QStringLiteral("interval_seconds"), 30}, {QStringLiteral("timeout_seconds"), 30}});
    const SimFixture::Reply reply = sim.api("POST", QStringLiteral("/api/v2/channels"), sim.fetchToken(), body);
    expectErrorBody(reply, 400, QStringLiteral("validation_failed"));
    EXPECT_EQ(reply.json.value(QStringLiteral("details")).toArray().at(0).toObject().value(QStringLiteral("field")).toString(),
              QStringLiteral("health_check.timeout_seconds"));
}
