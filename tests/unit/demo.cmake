warroom_add_test(tst_demo_generator SOURCES demo/tst_findinggenerator.cpp)

# Extra realism checks against the reference findings, when ../shared is beside the
# project (it is for developers and CI; the project never needs it to build or pass).
set(WARROOM_REFERENCE_FINDINGS "${PROJECT_SOURCE_DIR}/../shared/reference/findings")
if(EXISTS "${WARROOM_REFERENCE_FINDINGS}/guardduty-finding-types.csv")
    warroom_add_test(tst_demo_generator_reference SOURCES demo/tst_generatorreference.cpp)
    target_compile_definitions(tst_demo_generator_reference PRIVATE
        WARROOM_REFERENCE_FINDINGS="${WARROOM_REFERENCE_FINDINGS}")
endif()
warroom_add_test(tst_demo_workspace SOURCES demo/tst_demoworkspace.cpp)
