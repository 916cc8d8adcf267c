# One INTERFACE target that every target of the project links: the shared
# warnings and Qt's strictness macros (after qBittorrent's qbt_common_cfg).
add_library(cc_common_cfg INTERFACE)
target_compile_definitions(cc_common_cfg INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
target_compile_options(cc_common_cfg INTERFACE
    -Wall -Wextra -Wpedantic
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-qual
    # Qt's qCWarning(category) << ... leaves its macro's "..." empty, which
    # clang's -Wpedantic reports at every logging line (GCC does not): Qt's
    # idiom, not a fault. After -Wpedantic, which would turn it on again.
    $<$<CXX_COMPILER_ID:Clang>:-Wno-gnu-zero-variadic-macro-arguments>)
# The generated version header, in the build tree only.
target_include_directories(cc_common_cfg INTERFACE "${PROJECT_BINARY_DIR}/generated")

# Hardening, as Debian builds its packages: the flags dpkg-buildflags gives with
# every hardening feature on (_FORTIFY_SOURCE, -fstack-protector-strong, PIE,
# -z relro, -z now), in every optimised build (fortify needs optimisation, so
# not in Debug). The optimisation and debug-info flags stay the build type's.
option(CC_HARDENING "Build with dpkg-buildflags' hardening flags (optimised builds)" ON)
find_program(DPKG_BUILDFLAGS dpkg-buildflags)
if(CC_HARDENING AND DPKG_BUILDFLAGS AND NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    foreach(kind CPPFLAGS CXXFLAGS LDFLAGS)
        execute_process(
            COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
                    ${DPKG_BUILDFLAGS} --get ${kind}
            WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"   # its -ffile-prefix-map: no build path in the binaries
            OUTPUT_VARIABLE cc_${kind} OUTPUT_STRIP_TRAILING_WHITESPACE
            RESULT_VARIABLE cc_result)
        if(NOT cc_result EQUAL 0)
            message(FATAL_ERROR "dpkg-buildflags --get ${kind} failed; configure with -DCC_HARDENING=OFF to build without hardening")
        endif()
        separate_arguments(cc_${kind} UNIX_COMMAND "${cc_${kind}}")
        list(FILTER cc_${kind} EXCLUDE REGEX "^(-g|-O[0-9s]?)$")
    endforeach()
    target_compile_options(cc_common_cfg INTERFACE ${cc_CPPFLAGS} ${cc_CXXFLAGS})
    target_link_options(cc_common_cfg INTERFACE ${cc_LDFLAGS})
    message(STATUS "Hardening flags (dpkg-buildflags): ${cc_CPPFLAGS} ${cc_CXXFLAGS} ${cc_LDFLAGS}")
elseif(CC_HARDENING AND NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    message(WARNING "dpkg-buildflags not found (Debian package dpkg-dev): built without hardening flags")
endif()

# The installed programs find Qt in the system's library path; no RUNPATH
# ($ORIGIN or a build folder) in what is installed or packaged.
set(CMAKE_SKIP_INSTALL_RPATH ON)
