# models/timeline: the append-only hash chain (tampering with the database is always
# detected and the first bad entry named) and the lossless CSV round trip.
warroom_add_test(tst_timeline_chain SOURCES timeline/tst_timeline_chain.cpp TIMEOUT 120)
