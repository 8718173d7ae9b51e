# Case board and case detail (models/itemmodels/CaseBoard*, ui/caseboard, ui/casedetail).

warroom_add_test(tst_caseboard_model
    SOURCES caseboard/tst_caseboard_model.cpp caseboard/CaseBoardTestSupport.h)

set(WARROOM_CASEBOARD_SUPPORT caseboard/CaseBoardTestSupport.h caseboard/CaseBoardWidgetSupport.h)
warroom_add_test(tst_caseboard_board
    SOURCES caseboard/tst_caseboard_board.cpp ${WARROOM_CASEBOARD_SUPPORT})
warroom_add_test(tst_caseboard_detail
    SOURCES caseboard/tst_caseboard_detail.cpp caseboard/CaseBoardTestSupport.h)
