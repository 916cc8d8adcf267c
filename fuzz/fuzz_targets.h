#pragma once
// Every libFuzzer target of the project, one function per parser of outside
// input. Each takes the bytes libFuzzer hands LLVMFuzzerTestOneInput and
// returns 0; nothing may crash, hang, leak or meet undefined behaviour whatever
// the bytes. fuzz/CMakeLists.txt builds one fuzzer per function (fuzz_entry.cpp
// with CC_FUZZ_TARGET set to it); tests/fuzz replays every seed corpus
// (fuzz/<target>_corpus) through the same functions in the ordinary test suite.

#include <cstddef>
#include <cstdint>

namespace cc::fuzz {

// The tenant's answers (core/client/answer_parsers.h).
int channelAnswer(const uint8_t *data, size_t size);     // a channel and a page of the channel list
int telemetryAnswer(const uint8_t *data, size_t size);   // a telemetry result
int tokenAnswer(const uint8_t *data, size_t size);       // a token endpoint's answer
int errorAnswer(const uint8_t *data, size_t size);       // a non-2xx answer: status, Retry-After, error body
int discoveryAnswers(const uint8_t *data, size_t size);  // access-key sign-in: openid, token, cxone documents
int idTokenClaims(const uint8_t *data, size_t size);     // the id token's payload
// Local files and bodies.
int channelFile(const uint8_t *data, size_t size);       // cxonectl channels create FILE / update ID FILE
int mergePatch(const uint8_t *data, size_t size);        // RFC 7396 target and patch
int secretFile(const uint8_t *data, size_t size);        // --client-secret-file and friends
// The simulated tenant.
int simScenario(const uint8_t *data, size_t size);       // cxone-sim --scenario FILE
int simRequestBody(const uint8_t *data, size_t size);    // POST /_sim/faults and the API's request bodies

} // namespace cc::fuzz
