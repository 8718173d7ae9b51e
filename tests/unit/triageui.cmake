# The triage queue: its item model over SQL and the widgets driven by keys.
warroom_add_test(tst_triageui_queuemodel SOURCES triageui/tst_findingqueuemodel.cpp)
warroom_add_test(tst_triageui_queuepage SOURCES triageui/tst_triagequeuepage.cpp)
# Escalation into cases through the sync layer, against the real warroom-server.
warroom_add_test(tst_triageui_escalation
    SOURCES triageui/tst_triageescalation.cpp triageui/QueueTestData.h sync/SyncConsole.h
        awsclient/WarroomServerProcess.cpp awsclient/WarroomServerProcess.h TIMEOUT 240)
add_dependencies(tst_triageui_escalation warroom-server)
# Rule-based auto-escalation into cases, on the embedded backend and warroom-server.
warroom_add_test(tst_triageui_autoescalation
    SOURCES triageui/tst_triageautoescalation.cpp triageui/QueueTestData.h sync/SyncConsole.h
        sync/SyncTestSupport.h
        awsclient/WarroomServerProcess.cpp awsclient/WarroomServerProcess.h TIMEOUT 240)
add_dependencies(tst_triageui_autoescalation warroom-server)
# The rule editor offscreen: rules made, edited, reordered, deleted with keys; live
# validation, preview counts, re-triage verdicts, auto-escalation, false positive, refusals.
warroom_add_test(tst_triageui_ruleeditor
    SOURCES triageui/tst_ruleeditor.cpp triageui/QueueTestData.h TIMEOUT 180)
# Shared triage decisions: two consoles on one real warroom-server (x-warroom extension).
warroom_add_test(tst_triageui_shared
    SOURCES triageui/tst_triageshared.cpp triageui/QueueTestData.h sync/SyncConsole.h
        awsclient/WarroomServerProcess.cpp awsclient/WarroomServerProcess.h TIMEOUT 240)
add_dependencies(tst_triageui_shared warroom-server)
# The Security Hub pull from the queue (settings, Pull now, status, "N new"), offscreen
# against moto_server.
warroom_add_test(tst_triageui_securityhub
    SOURCES triageui/tst_triagesecurityhub.cpp awsclient/ScriptedHttpServer.cpp
        awsclient/ScriptedHttpServer.h awsclient/AwsTestSupport.h awsclient/MotoServer.h
        TIMEOUT 180)
