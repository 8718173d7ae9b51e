# models/domain: enums, JSON codecs, validation.
warroom_add_test(tst_domain_enums SOURCES domain/tst_enums.cpp LABELS domain)
warroom_add_test(tst_domain_json SOURCES domain/tst_json.cpp LABELS domain)
warroom_add_test(tst_domain_validation SOURCES domain/tst_validation.cpp LABELS domain)
