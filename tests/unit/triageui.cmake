# The triage queue: its item model over SQL and the widgets driven by keys.
warroom_add_test(tst_triageui_queuemodel SOURCES triageui/tst_findingqueuemodel.cpp)
warroom_add_test(tst_triageui_queuepage SOURCES triageui/tst_triagequeuepage.cpp)
