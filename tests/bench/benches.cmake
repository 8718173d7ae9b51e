# Benchmarks: print figures next to a limit measured in the same run. Not pass/fail
# timing tests; run with `ctest --preset bench` or `ctest -L bench` in a build tree.
find_package(SQLite3 REQUIRED)

warroom_add_bench(bench_ingest SOURCES bench_ingest.cpp)
target_link_libraries(bench_ingest PRIVATE SQLite::SQLite3)

# Signed GetCase / ListCases against the real warroom-server, next to a bare QHttpServer
# route (wrk on loopback), on SQLite and, when a throwaway cluster can start, PostgreSQL
# (WARROOM_BENCH_POSTGRESQL=0 leaves it out).
qt_add_executable(bare_http_server bare_http_server.cpp)
target_link_libraries(bare_http_server PRIVATE warroom_common Qt6::HttpServer)
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME bench_server COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/bench_server.py)
set_tests_properties(bench_server PROPERTIES
    LABELS bench
    TIMEOUT 600
    ENVIRONMENT "WARROOM_SERVER=$<TARGET_FILE:warroom-server>;WARROOM_BARE_SERVER=$<TARGET_FILE:bare_http_server>;AWS_DATA_PATH=${PROJECT_SOURCE_DIR}/tests/data/botocore;AWS_CONFIG_FILE=${CMAKE_CURRENT_BINARY_DIR}/no-aws-config;AWS_SHARED_CREDENTIALS_FILE=${CMAKE_CURRENT_BINARY_DIR}/no-aws-credentials;AWS_EC2_METADATA_DISABLED=true")

# The triage queue over 1,000,000 findings: open, sort, filter, search, GUI stalls.
warroom_add_bench(bench_queue SOURCES bench_queue.cpp)

# The case board with 5,000 cases: open, scroll every column, filter, re-sort; GUI stalls.
warroom_add_bench(bench_caseboard SOURCES bench_caseboard.cpp BenchHeartbeat.h)

# The timeline of a case with 100,000 entries: open, verify, zoom, pan, step, filter; GUI stalls.
warroom_add_bench(bench_timeline SOURCES bench_timeline.cpp BenchHeartbeat.h)

# Cold start of the `warroom` executable with 100,000 cases: to an interactive window, the
# board loaded, GUI stalls while the first sync runs; next to an empty workspace.
warroom_add_bench(bench_startup SOURCES bench_startup.cpp)
target_compile_definitions(bench_startup PRIVATE WARROOM_APP="$<TARGET_FILE:warroom>")
add_dependencies(bench_startup warroom)

# The rule editor's preview over 1,000,000 findings: each kind of rule, GUI stall.
warroom_add_bench(bench_rulepreview SOURCES bench_rulepreview.cpp)
