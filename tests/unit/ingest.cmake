warroom_add_test(tst_ingest_importer SOURCES ingest/tst_findingimporter.cpp)

# `warroomctl findings import` as a script runs it: the real executable on a real workspace.
warroom_add_test(tst_ingest_ctl SOURCES ingest/tst_findingsctl.cpp)
add_dependencies(tst_ingest_ctl warroomctl)
target_compile_definitions(tst_ingest_ctl PRIVATE WARROOMCTL="$<TARGET_FILE:warroomctl>")
warroom_add_test(tst_ingest_retriage SOURCES ingest/tst_findingretriage.cpp)
