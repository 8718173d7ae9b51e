# Benchmarks: print figures next to a limit measured in the same run. Not pass/fail
# timing tests; run with `ctest --preset bench` or `ctest -L bench` in a build tree.
find_package(SQLite3 REQUIRED)

warroom_add_bench(bench_ingest SOURCES bench_ingest.cpp)
target_link_libraries(bench_ingest PRIVATE SQLite::SQLite3)
