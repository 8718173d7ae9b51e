warroom_add_test(tst_ingest_importer SOURCES ingest/tst_findingimporter.cpp)

# `warroomctl findings import` as a script runs it: the real executable on a real workspace.
warroom_add_test(tst_ingest_ctl SOURCES ingest/tst_findingsctl.cpp)
add_dependencies(tst_ingest_ctl warroomctl)
target_compile_definitions(tst_ingest_ctl PRIVATE WARROOMCTL="$<TARGET_FILE:warroomctl>")
warroom_add_test(tst_ingest_retriage SOURCES ingest/tst_findingretriage.cpp)
# The scheduled Security Hub pull and `warroomctl findings pull` against moto_server
# (pip install 'moto[server]'), throttling against the scripted loopback server.
warroom_add_test(tst_ingest_securityhub
    SOURCES ingest/tst_securityhubpull.cpp awsclient/ScriptedHttpServer.cpp
        awsclient/ScriptedHttpServer.h awsclient/AwsTestSupport.h awsclient/MotoServer.h
        TIMEOUT 240)
add_dependencies(tst_ingest_securityhub warroomctl)
target_compile_definitions(tst_ingest_securityhub PRIVATE WARROOMCTL="$<TARGET_FILE:warroomctl>")

# Raw JSON stored compressed with a trained zstd dictionary (store/RawJsonCodec).
warroom_add_test(tst_rawjson_store SOURCES ingest/tst_rawjson_store.cpp)
