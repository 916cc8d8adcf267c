#pragma once
// The quality tests' way to name a codec: its profile, failing the test (and
// falling back to the default profile) when the name is not a known codec.

#include "quality/codec_profile.h"

#include <QString>

#include <gtest/gtest.h>

namespace cc::test {

inline cc::CodecProfile profile(const char *name)
{
    const std::optional<cc::CodecProfile> p = cc::codecProfile(QString::fromLatin1(name));
    EXPECT_TRUE(p.has_value()) << name;
    return p.value_or(cc::defaultCodecProfile());
}

} // namespace cc::test
