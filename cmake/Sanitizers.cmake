# CC_SANITIZE: every target built with AddressSanitizer (LeakSanitizer
# included) and UndefinedBehaviorSanitizer, for scripts/test.
# CC_FUZZ: the libFuzzer targets of fuzz/ (clang only, scripts/fuzz); it
# implies CC_SANITIZE and adds libFuzzer's coverage instrumentation to every
# target, so that one build folder serves both the sanitized test suite and
# the fuzzers (one build instead of two keeps CI under 20 minutes).
if(CC_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "CC_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ "
                            "(Debian 12: clang-14, libclang-rt-14-dev)")
    endif()
    set(CC_SANITIZE ON CACHE BOOL "" FORCE)
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(CC_SANITIZE)
    # No recovery: a UBSan finding aborts the test that met it, so ctest fails.
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
