// Being written; see DemoOrganization.h.
