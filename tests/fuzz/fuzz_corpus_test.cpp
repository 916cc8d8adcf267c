// Replays each fuzz target's seed corpus through the function libFuzzer calls.

#include "fuzz_targets.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

namespace {

struct Target
{
    const char *name;
    int (*function)(const uint8_t *, size_t);
};

class FuzzCorpus : public ::testing::TestWithParam<Target>
{
};

TEST_P(FuzzCorpus, EverySeedRunsThroughTheTarget)
{
    const Target target = GetParam();
    const QDir corpus(QStringLiteral(CC_FUZZ_DIR "/") + QLatin1String(target.name) + QStringLiteral("_corpus"));
    const QStringList files = corpus.entryList(QDir::Files);
    ASSERT_GE(files.size(), 3) << "seed corpus missing or thin: " << corpus.path().toStdString();
    for (const QString &name : files) {
        QFile file(corpus.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
        const QByteArray bytes = file.readAll();
        EXPECT_EQ(target.function(reinterpret_cast<const uint8_t *>(bytes.constData()), static_cast<size_t>(bytes.size())), 0)
            << name.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzCorpus,
                         ::testing::Values(Target{"fuzz_channel_answer", cc::fuzz::channelAnswer},
                                           Target{"fuzz_telemetry_answer", cc::fuzz::telemetryAnswer},
                                           Target{"fuzz_token_answer", cc::fuzz::tokenAnswer},
                                           Target{"fuzz_error_answer", cc::fuzz::errorAnswer},
                                           Target{"fuzz_discovery", cc::fuzz::discoveryAnswers},
                                           Target{"fuzz_id_token", cc::fuzz::idTokenClaims},
                                           Target{"fuzz_channel_file", cc::fuzz::channelFile},
                                           Target{"fuzz_merge_patch", cc::fuzz::mergePatch},
                                           Target{"fuzz_secret_file", cc::fuzz::secretFile},
                                           Target{"fuzz_sim_scenario", cc::fuzz::simScenario},
                                           Target{"fuzz_sim_request_body", cc::fuzz::simRequestBody}),
                         [](const ::testing::TestParamInfo<Target> &info) {
                             // fuzz_channel_answer -> ChannelAnswer
                             std::string name;
                             bool upper = true;
                             for (const char *c = info.param.name + 5; *c; ++c) {
                                 if (*c == '_') {
                                     upper = true;
                                     continue;
                                 }
                                 name += upper ? static_cast<char>(*c - 'a' + 'A') : *c;
                                 upper = false;
                             }
                             return name;
                         });

} // namespace
