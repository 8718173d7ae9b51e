# Workspace store suites (models/store).

# Like warroom_add_test but without the shared PCH: that one is built in tests/ and
# Qt's QT_TESTCASE_BUILDDIR differs in tests/unit, so GCC rejects it (-Winvalid-pch).
# Switch back to warroom_add_test once the PCH is built where the tests are.
function(warroom_store_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE warroom_test_support)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS store
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endfunction()

# Writes batches until it is killed; tst_store_crash kills it at random moments.
add_executable(store_crash_writer ${CMAKE_CURRENT_LIST_DIR}/store/store_crash_writer.cpp)
target_link_libraries(store_crash_writer PRIVATE warroom_common warroom_store)

warroom_store_test(tst_store_crash SOURCES store/tst_store_crash.cpp TIMEOUT 180)
target_compile_definitions(tst_store_crash PRIVATE
    WARROOM_STORE_CRASH_WRITER="$<TARGET_FILE:store_crash_writer>")
add_dependencies(tst_store_crash store_crash_writer)

warroom_store_test(tst_store_database SOURCES store/tst_store_database.cpp)

warroom_store_test(tst_store_repositories SOURCES store/tst_store_repositories.cpp)
