# Precompiled headers for cold builds (CI, a fresh machine): half of each
# source's compile time is parsing the same Qt, standard library and GoogleTest
# headers again. Every target with CC_PCH_MIN_SOURCES sources or more gets one
# precompiled header made of the headers below that it can reach: Qt Core (and
# Network, Sql) for all, Qt Widgets where the target links it, GoogleTest in
# tests/. Small targets would spend more on their precompiled header than
# they save.
#
# On by default for clang without a compiler launcher: the cold sanitized build
# of scripts/test (CI). Off where ccache is set: ccache does not cache sources
# compiled with a precompiled header unless told to be sloppy about it, and an
# incremental build gains more from ccache. Off for GCC (scripts/build, the
# demo): its precompiled headers are some hundred megabytes each. Off, every
# source must include what it uses itself, so those builds keep checking that.
if(NOT CMAKE_CXX_COMPILER_LAUNCHER AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(cc_pch_default ON)
else()
    set(cc_pch_default OFF)
endif()
option(CC_PCH "Precompile the headers most sources include (faster cold builds)" ${cc_pch_default})
set(CC_PCH_MIN_SOURCES 4 CACHE STRING "Sources a target needs before it gets a precompiled header")

set(cc_pch_core_headers
    <algorithm> <functional> <memory> <optional> <utility> <vector>
    <QByteArray> <QDateTime> <QDebug> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject>
    <QJsonValue> <QList> <QLoggingCategory> <QObject> <QPointer> <QString> <QStringList>
    <QTimer> <QUrl> <QVariant>)
set(cc_pch_widget_headers
    <QAbstractItemModel> <QApplication> <QComboBox> <QDialog> <QLabel> <QLineEdit>
    <QPushButton> <QWidget>)
set(cc_pch_test_headers <gtest/gtest.h> <QSignalSpy> <QTemporaryDir> <QTest>)

# Whether `target` links `wanted`, directly or through the libraries it links.
function(cc_pch_links target wanted out)
    set(seen "")
    set(todo ${target})
    set(found FALSE)
    while(todo)
        list(POP_FRONT todo t)
        if(t IN_LIST seen OR NOT TARGET ${t})
            continue()
        endif()
        list(APPEND seen ${t})
        if(t STREQUAL wanted)
            set(found TRUE)
            break()
        endif()
        get_target_property(type ${t} TYPE)
        set(libs "")
        if(NOT type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(direct ${t} LINK_LIBRARIES)
            if(direct)
                list(APPEND libs ${direct})
            endif()
        endif()
        get_target_property(iface ${t} INTERFACE_LINK_LIBRARIES)
        if(iface)
            list(APPEND libs ${iface})
        endif()
        foreach(lib IN LISTS libs)
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
            list(APPEND todo ${lib})
        endforeach()
    endwhile()
    set(${out} ${found} PARENT_SCOPE)
endfunction()

# Every buildable target defined in `dir` and the folders below it.
function(cc_pch_targets dir out)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(sub IN LISTS subdirs)
        cc_pch_targets(${sub} more)
        list(APPEND targets ${more})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Called once at the end of the top-level CMakeLists, when every target exists.
function(cc_apply_precompiled_headers)
    if(NOT CC_PCH)
        return()
    endif()
    cc_pch_targets(${PROJECT_SOURCE_DIR} targets)
    set(given "")
    foreach(t IN LISTS targets)
        get_target_property(type ${t} TYPE)
        if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY)$")
            continue()
        endif()
        get_target_property(sources ${t} SOURCES)
        list(FILTER sources INCLUDE REGEX "\\.cpp$")
        list(LENGTH sources count)
        if(count LESS CC_PCH_MIN_SOURCES)
            continue()
        endif()
        cc_pch_links(${t} Qt6::Core has_core)
        if(NOT has_core)
            continue()
        endif()
        set(headers ${cc_pch_core_headers})
        cc_pch_links(${t} Qt6::Widgets has_widgets)
        if(has_widgets)
            list(APPEND headers ${cc_pch_widget_headers})
        endif()
        cc_pch_links(${t} GTest::gtest has_gtest)
        cc_pch_links(${t} Qt6::Test has_qttest)
        if(has_gtest AND has_qttest)
            list(APPEND headers ${cc_pch_test_headers})
        endif()
        target_precompile_headers(${t} PRIVATE ${headers})
        list(APPEND given ${t})
    endforeach()
    list(LENGTH given n)
    message(STATUS "Precompiled headers (CC_PCH) for ${n} targets: ${given}")
endfunction()
