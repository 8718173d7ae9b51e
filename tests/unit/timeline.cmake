# models/timeline: the append-only hash chain (tampering with the database is always
# detected and the first bad entry named) and the lossless CSV round trip.
warroom_add_test(tst_timeline_chain SOURCES timeline/tst_timeline_chain.cpp TIMEOUT 120)
# The merged timeline: every source (edits, comments, analyst entries, chain heads,
# attachments, investigations, findings, local changes) on the chain exactly once.
warroom_add_test(tst_timeline_collect SOURCES timeline/tst_timeline_collect.cpp TIMEOUT 120)
# Post-incident reports: Markdown and PDF (warroomctl cases report, read back with
# pdftotext from poppler-utils) hold the title, every timeline entry and the chain head.
warroom_add_test(tst_timeline_report SOURCES timeline/tst_timeline_report.cpp TIMEOUT 120)
target_link_libraries(tst_timeline_report PRIVATE warroom_report)
add_dependencies(tst_timeline_report warroomctl)

# TimelineModel (sorting, filters, worker loads, verification) under QAbstractItemModelTester.
warroom_add_test(tst_timeline_model
    SOURCES timeline/tst_timeline_model.cpp timeline/TimelineTestSupport.h TIMEOUT 120)

# The Timeline area (ui/timeline) offscreen over a real workspace store.
warroom_add_test(tst_timeline_view
    SOURCES timeline/tst_timeline_view.cpp timeline/TimelineTestSupport.h
        caseboard/CaseBoardTestSupport.h TIMEOUT 120)

# The Dashboard area (ui/dashboard, models/itemmodels/DashboardStats) offscreen.
warroom_add_test(tst_dashboard
    SOURCES timeline/tst_dashboard.cpp timeline/TimelineTestSupport.h
        caseboard/CaseBoardTestSupport.h TIMEOUT 120)

# The Timeline area's case commands offscreen: report export (PDF, Markdown), chain head
# posted, CSV import (all or nothing, bad lines named), busy state and errors.
warroom_add_test(tst_timeline_commands
    SOURCES timeline/tst_timeline_commands.cpp timeline/TimelineTestSupport.h
        timeline/TimelinePageSupport.h caseboard/CaseBoardTestSupport.h TIMEOUT 180)
