warroom_add_test(tst_triage_parser SOURCES triage/tst_findingparser.cpp)

# Parses every public reference sample too, when ../shared is beside the project.
set(WARROOM_REFERENCE_FINDINGS "${PROJECT_SOURCE_DIR}/../shared/reference/findings")
if(EXISTS "${WARROOM_REFERENCE_FINDINGS}/guardduty-samples.json")
    warroom_add_test(tst_triage_parser_reference SOURCES triage/tst_parserreference.cpp)
    target_compile_definitions(tst_triage_parser_reference PRIVATE
        WARROOM_REFERENCE_FINDINGS="${WARROOM_REFERENCE_FINDINGS}")
endif()
warroom_add_test(tst_triage_engine SOURCES triage/tst_triageengine.cpp)
