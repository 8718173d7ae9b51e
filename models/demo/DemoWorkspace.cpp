// Being written; see DemoWorkspace.h.
