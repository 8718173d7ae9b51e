# Case board and case detail (models/itemmodels/CaseBoard*, ui/caseboard, ui/casedetail).

warroom_add_test(tst_caseboard_model
    SOURCES caseboard/tst_caseboard_model.cpp caseboard/CaseBoardTestSupport.h)

set(WARROOM_CASEBOARD_SUPPORT caseboard/CaseBoardTestSupport.h caseboard/CaseBoardWidgetSupport.h)
warroom_add_test(tst_caseboard_board
    SOURCES caseboard/tst_caseboard_board.cpp ${WARROOM_CASEBOARD_SUPPORT})
warroom_add_test(tst_caseboard_detail
    SOURCES caseboard/tst_caseboard_detail.cpp caseboard/CaseBoardTestSupport.h)

# Against the real warroom-server through the sync engine.
warroom_add_test(tst_caseboard_sync
    SOURCES caseboard/tst_caseboard_sync.cpp ${WARROOM_CASEBOARD_SUPPORT} sync/SyncConsole.h
        awsclient/WarroomServerProcess.cpp awsclient/WarroomServerProcess.h TIMEOUT 240)
add_dependencies(tst_caseboard_sync warroom-server)
