# models/caseservice: the authoritative security-ir case logic.
warroom_add_test(tst_caseservice_cases SOURCES caseservice/tst_cases.cpp caseservice/ServiceFixture.h
    LABELS caseservice)
warroom_add_test(tst_caseservice_paging SOURCES caseservice/tst_paging.cpp
    caseservice/ServiceFixture.h LABELS caseservice)
warroom_add_test(tst_caseservice_memberships SOURCES caseservice/tst_memberships.cpp
    caseservice/ServiceFixture.h LABELS caseservice)
warroom_add_test(tst_caseservice_attachments SOURCES caseservice/tst_attachments.cpp
    caseservice/ServiceFixture.h LABELS caseservice)
warroom_add_test(tst_caseservice_concurrency SOURCES caseservice/tst_concurrency.cpp
    caseservice/ServiceFixture.h LABELS caseservice TIMEOUT 600)
