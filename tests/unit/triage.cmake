warroom_add_test(tst_triage_parser SOURCES triage/tst_findingparser.cpp)
target_compile_definitions(tst_triage_parser PRIVATE
    WARROOM_FINDING_FIXTURES="${PROJECT_SOURCE_DIR}/tests/data/findings")

# Parses every public reference sample too, when ../shared is beside the project.
set(WARROOM_REFERENCE_FINDINGS "${PROJECT_SOURCE_DIR}/../shared/reference/findings")
if(EXISTS "${WARROOM_REFERENCE_FINDINGS}/guardduty-samples.json")
    warroom_add_test(tst_triage_parser_reference SOURCES triage/tst_parserreference.cpp)
    target_compile_definitions(tst_triage_parser_reference PRIVATE
        WARROOM_REFERENCE_FINDINGS="${WARROOM_REFERENCE_FINDINGS}")
endif()
warroom_add_test(tst_triage_engine SOURCES triage/tst_triageengine.cpp)

# The parsers under libFuzzer (clang), built as its own project and run for 20 seconds from
# the seeds; tests/fuzz/CMakeLists.txt says how to run it longer.
find_program(WARROOM_CLANGXX NAMES clang++ clang++-14 REQUIRED)
add_test(NAME tst_triage_fuzz_parser COMMAND ${CMAKE_CTEST_COMMAND}
    --build-and-test ${PROJECT_SOURCE_DIR}/tests/fuzz ${CMAKE_BINARY_DIR}/fuzz
    --build-generator ${CMAKE_GENERATOR}
    --build-options -DCMAKE_CXX_COMPILER=${WARROOM_CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo
    --test-command ${CMAKE_BINARY_DIR}/fuzz/fuzz_findingparser -max_total_time=20 -timeout=10
        -rss_limit_mb=2048 -print_final_stats=1 ${CMAKE_BINARY_DIR}/fuzz/corpus
        ${PROJECT_SOURCE_DIR}/tests/fuzz/seeds ${PROJECT_SOURCE_DIR}/tests/data/findings)
set_tests_properties(tst_triage_fuzz_parser PROPERTIES TIMEOUT 600 LABELS fuzz)
