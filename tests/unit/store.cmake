# Workspace store suites (models/store).

# Writes batches until it is killed; tst_store_crash kills it at random moments.
add_executable(store_crash_writer ${CMAKE_CURRENT_LIST_DIR}/store/store_crash_writer.cpp)
target_link_libraries(store_crash_writer PRIVATE warroom_common warroom_store)

warroom_add_test(tst_store_crash SOURCES store/tst_store_crash.cpp TIMEOUT 180)
target_compile_definitions(tst_store_crash PRIVATE
    WARROOM_STORE_CRASH_WRITER="$<TARGET_FILE:store_crash_writer>")
add_dependencies(tst_store_crash store_crash_writer)

warroom_add_test(tst_store_database SOURCES store/tst_store_database.cpp)

warroom_add_test(tst_store_repositories SOURCES store/tst_store_repositories.cpp)

# FindingRepository's bulk path (sqlite3 C API) against its one-finding QtSql path.
warroom_add_test(tst_store_findings_bulk SOURCES store/tst_store_findings_bulk.cpp)
