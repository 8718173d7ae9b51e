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
