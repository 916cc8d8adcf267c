// The libFuzzer entry of one target: CMake compiles this file once per target
// with CC_FUZZ_TARGET naming the function of fuzz_targets.h it calls.

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return CC_FUZZ_TARGET(data, size);
}
