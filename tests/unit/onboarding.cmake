# Onboarding (models/onboarding, ui/onboarding, ui/membership): the draft's validation,
# the organisation tree, prerequisite checks and the sign-up run against the embedded
# CaseService; the wizard and the Membership view driven offscreen against the embedded
# backend, and against the real warroom-server plus moto_server for Organizations.

warroom_add_test(tst_onboarding_logic SOURCES onboarding/tst_onboarding_logic.cpp
    onboarding/OnboardingTestSupport.h TIMEOUT 120)
warroom_add_test(tst_onboarding_wizard SOURCES onboarding/tst_onboarding_wizard.cpp
    onboarding/OnboardingTestSupport.h onboarding/WizardDriver.h TIMEOUT 240)
target_compile_definitions(tst_onboarding_wizard PRIVATE
    WARROOM_SCREENSHOT_DIR="${PROJECT_BINARY_DIR}/onboarding-screenshots")
warroom_add_test(tst_onboarding_server SOURCES onboarding/tst_onboarding_server.cpp
    onboarding/OnboardingTestSupport.h onboarding/OnboardingServers.h onboarding/WizardDriver.h
    TIMEOUT 300)
target_compile_definitions(tst_onboarding_server PRIVATE
    WARROOM_SCREENSHOT_DIR="${PROJECT_BINARY_DIR}/onboarding-screenshots")
add_dependencies(tst_onboarding_server warroom-server)
warroom_add_test(tst_onboarding_delegation SOURCES onboarding/tst_onboarding_delegation.cpp
    onboarding/OnboardingTestSupport.h onboarding/OnboardingServers.h onboarding/WizardDriver.h
    TIMEOUT 300)
target_compile_definitions(tst_onboarding_delegation PRIVATE
    WARROOM_SCREENSHOT_DIR="${PROJECT_BINARY_DIR}/onboarding-screenshots")
add_dependencies(tst_onboarding_delegation warroom-server)
