// RFC 7396 merge patch, with the RFC's own examples (Appendix A).

#include "model/merge_patch.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace cc;

namespace {

QJsonValue json(const char *text)
{
    // Wrapped so that scalars and null parse too.
    const QByteArray wrapped = QByteArray("{\"v\":") + text + '}';
    return QJsonDocument::fromJson(wrapped).object().value(QStringLiteral("v"));
}

} // namespace

TEST(MergePatch, FollowsTheRfcExamples)
{
    const struct
    {
        const char *target;
        const char *patch;
        const char *result;
    } cases[] = {
        {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
        {R"({"a":"b"})", R"({"a":null})", R"({})"},
        {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
        {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
        {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
        {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
        {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
        {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
        {R"({"a":"foo"})", "null", "null"},
        {R"({"a":"foo"})", R"("bar")", R"("bar")"},
        {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
        {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
        {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
    };
    for (const auto &c : cases)
        EXPECT_EQ(applyMergePatch(json(c.target), json(c.patch)), json(c.result)) << c.target << " + " << c.patch;
}

// What an edit changed, as both front ends record it: applying the patch
// between two objects to the first gives the second, and equal objects give none.
TEST(MergePatch, BetweenTwoObjectsIsWhatTurnsTheFirstIntoTheSecond)
{
    const struct
    {
        const char *before;
        const char *after;
        const char *patch;
    } cases[] = {
        {R"({"a":"b"})", R"({"a":"b"})", R"({})"},
        {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"b","b":"c"})", R"({"b":"c"})", R"({"a":null})"},
        {R"({"c":{"auth":{"user":"u"}}})", R"({"c":{"auth":{"user":"u","password":"p"}}})",
         R"({"c":{"auth":{"password":"p"}}})"},
        {R"({"codecs":[1,2]})", R"({"codecs":[2,1]})", R"({"codecs":[2,1]})"},
        {R"({"a":{"b":1}})", R"({"a":3})", R"({"a":3})"},
    };
    for (const auto &c : cases) {
        const QJsonObject before = json(c.before).toObject();
        const QJsonObject after = json(c.after).toObject();
        const QJsonObject patch = mergePatchBetween(before, after);
        EXPECT_EQ(QJsonValue(patch), json(c.patch)) << c.before << " -> " << c.after;
        EXPECT_EQ(applyMergePatch(before, patch), after) << c.before << " -> " << c.after;
    }
}
