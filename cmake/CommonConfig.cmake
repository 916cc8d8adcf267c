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
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-qual)
# The generated version header, in the build tree only.
target_include_directories(cc_common_cfg INTERFACE "${PROJECT_BINARY_DIR}/generated")
