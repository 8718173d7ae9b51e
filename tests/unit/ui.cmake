# Widget tests of the main window, offscreen.

# Like warroom_add_test but without the shared PCH: that one is built in tests/ and
# Qt's QT_TESTCASE_BUILDDIR differs in tests/unit, so GCC rejects it (-Winvalid-pch).
# Switch back to warroom_add_test once the PCH is built where the tests are.
function(warroom_ui_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE warroom_test_support)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        TIMEOUT 300
        LABELS ui
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endfunction()

warroom_ui_test(tst_mainwindow SOURCES ui/tst_mainwindow.cpp)
warroom_ui_test(tst_palette SOURCES ui/tst_palette.cpp)

# The desktop executable's command line, run as a process.
warroom_ui_test(tst_commandline SOURCES ui/tst_commandline.cpp)
target_compile_definitions(tst_commandline PRIVATE WARROOM_APP="$<TARGET_FILE:warroom>")
add_dependencies(tst_commandline warroom)
