# models/timeline: the append-only hash chain (tampering with the database is always
# detected and the first bad entry named) and the lossless CSV round trip.
warroom_add_test(tst_timeline_chain SOURCES timeline/tst_timeline_chain.cpp TIMEOUT 120)
# The merged timeline: every source (edits, comments, analyst entries, chain heads,
# attachments, investigations, findings, local changes) on the chain exactly once.
warroom_add_test(tst_timeline_collect SOURCES timeline/tst_timeline_collect.cpp TIMEOUT 120)
