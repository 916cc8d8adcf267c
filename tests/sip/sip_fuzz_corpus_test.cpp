// Replays the fuzz target's seed corpus (fuzz/fuzz_sip_message_corpus) through
// the very function libFuzzer calls, so the target builds and its seeds run in
// every test run, and a crasher added to the corpus stays fixed.

#include <QDir>
#include <QFile>

#include <cstdint>

#include <gtest/gtest.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

TEST(SipFuzzCorpus, EverySeedRunsThroughTheTarget)
{
    const QDir corpus(QStringLiteral(CC_SIP_FUZZ_CORPUS));
    const QStringList files = corpus.entryList(QDir::Files);
    ASSERT_GE(files.size(), 10) << corpus.path().toStdString();
    for (const QString &name : files) {
        QFile file(corpus.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
        const QByteArray bytes = file.readAll();
        EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()),
                                         static_cast<size_t>(bytes.size())), 0) << name.toStdString();
    }
}

TEST(SipFuzzCorpus, EveryPrefixOfEverySeedRunsThroughTheTarget)
{
    // Truncations are what UDP and a broken stream deliver most.
    const QDir corpus(QStringLiteral(CC_SIP_FUZZ_CORPUS));
    for (const QString &name : corpus.entryList(QDir::Files)) {
        QFile file(corpus.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (qsizetype n = 0; n <= bytes.size(); ++n)
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), static_cast<size_t>(n));
    }
    SUCCEED();
}
