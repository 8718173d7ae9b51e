# models/sync: local changes with their outbox entry, the embedded backend, and the sync
# engine against the real warroom-server (two workspaces, change feed, offline restart).
warroom_add_test(tst_sync_localchanges SOURCES sync/tst_sync_localchanges.cpp sync/SyncTestSupport.h TIMEOUT 120)
warroom_add_test(tst_sync_server
    SOURCES sync/tst_sync_server.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h awsclient/AwsTestSupport.h sync/SyncTestSupport.h sync/SyncConsole.h TIMEOUT 240)
add_dependencies(tst_sync_server warroom-server warroomctl)
warroom_add_test(tst_sync_caselistmodel SOURCES sync/tst_sync_caselistmodel.cpp TIMEOUT 120)
warroom_add_test(tst_sync_caselistmodel_live
    SOURCES sync/tst_sync_caselistmodel_live.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h sync/SyncTestSupport.h sync/SyncConsole.h TIMEOUT 180)
add_dependencies(tst_sync_caselistmodel_live warroom-server)
# The case timeline across two consoles on warroom-server: analyst entries as marked
# comments, posted chain heads, every datum once on each chain.
warroom_add_test(tst_sync_timeline
    SOURCES sync/tst_sync_timeline.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h sync/SyncTestSupport.h sync/SyncConsole.h TIMEOUT 180)
add_dependencies(tst_sync_timeline warroom-server)
target_link_libraries(tst_sync_timeline PRIVATE warroom_report)
# Attachments: upload progress and download, on the embedded backend and warroom-server.
warroom_add_test(tst_sync_attachments
    SOURCES sync/tst_sync_attachments.cpp sync/SyncConsole.h awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h sync/SyncTestSupport.h TIMEOUT 180)
add_dependencies(tst_sync_attachments warroom-server)
# The demo workspace and its embedded backend agree (same cases; changes accepted).
warroom_add_test(tst_sync_demo SOURCES sync/tst_sync_demo.cpp TIMEOUT 120)
warroom_add_test(tst_sync_conflicts
    SOURCES sync/tst_sync_conflicts.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h sync/SyncServerSupport.h sync/SyncConsole.h sync/SyncTestSupport.h TIMEOUT 180)
add_dependencies(tst_sync_conflicts warroom-server)
# 1,000 random operations from two workspaces through a fault-injecting proxy.
# WARROOM_FAULT_SEED=N reruns a seed (printed at the start and in every failure).
warroom_add_test(tst_sync_faults
    SOURCES sync/tst_sync_faults.cpp sync/FaultProxy.cpp sync/FaultProxy.h
        awsclient/WarroomServerProcess.cpp awsclient/WarroomServerProcess.h
        sync/SyncServerSupport.h sync/SyncConsole.h sync/SyncTestSupport.h TIMEOUT 360)
add_dependencies(tst_sync_faults warroom-server)
# The needs-attention and conflict dialogs, the status bar counts, an open case detail
# and the board while a pull changes the case (widgets offscreen, real warroom-server).
warroom_add_test(tst_sync_dialogs
    SOURCES sync/tst_sync_dialogs.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h sync/SyncServerSupport.h sync/SyncConsole.h sync/SyncTestSupport.h TIMEOUT 180)
add_dependencies(tst_sync_dialogs warroom-server)
# The window between the sender's check and its write: warroom-server's
# X-Warroom-If-Unmodified-Since, the embedded check in process, and the after-the-fact
# check through ListCaseEdits used without it (AWS), with a competing write made at that
# exact point through the engine's test seam.
warroom_add_test(tst_sync_overwrite
    SOURCES sync/tst_sync_overwrite.cpp awsclient/WarroomServerProcess.cpp
        awsclient/WarroomServerProcess.h sync/SyncServerSupport.h sync/SyncConsole.h sync/SyncTestSupport.h TIMEOUT 180)
add_dependencies(tst_sync_overwrite warroom-server warroomctl)
