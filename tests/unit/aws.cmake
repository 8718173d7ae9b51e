# AWS layer suites (models/aws): SigV4 against the public vectors, the credential
# chain, and a cross-check of our signatures with botocore's own signer.

warroom_add_test(tst_aws_sigv4_vectors SOURCES aws/tst_aws_sigv4_vectors.cpp)
warroom_add_test(tst_aws_sigv4 SOURCES aws/tst_aws_sigv4.cpp)
warroom_add_test(tst_aws_credentials SOURCES aws/tst_aws_credentials.cpp TIMEOUT 120)

# Prints requests signed by SigV4Signer, and verifies requests signed by botocore, for
# tests/python/check_sigv4_with_botocore.py. Links only the AWS layer.
add_executable(aws_sign_request ${CMAKE_CURRENT_LIST_DIR}/aws/aws_sign_request.cpp)
target_link_libraries(aws_sign_request PRIVATE warroom_common warroom_aws)

find_package(Python3 COMPONENTS Interpreter QUIET)
set(WARROOM_BOTOCORE_FOUND FALSE)
if(Python3_Interpreter_FOUND)
    execute_process(COMMAND ${Python3_EXECUTABLE} -c "import botocore"
        RESULT_VARIABLE WARROOM_BOTOCORE_RESULT OUTPUT_QUIET ERROR_QUIET)
    if(WARROOM_BOTOCORE_RESULT EQUAL 0)
        set(WARROOM_BOTOCORE_FOUND TRUE)
    endif()
endif()
if(WARROOM_BOTOCORE_FOUND)
    add_test(NAME tst_aws_sigv4_botocore
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../python/check_sigv4_with_botocore.py
            $<TARGET_FILE:aws_sign_request>)
    set_tests_properties(tst_aws_sigv4_botocore PROPERTIES TIMEOUT 120 LABELS python)
else()
    message(STATUS "tst_aws_sigv4_botocore not registered: no python3 with botocore "
        "(pip install botocore, or set Python3_EXECUTABLE)")
endif()

# KeychainCredentialStore against a real Secret Service: the test starts its own D-Bus
# session bus and gnome-keyring-daemon (Debian: dbus, gnome-keyring) under a temporary HOME.
warroom_add_test(tst_aws_keychain SOURCES aws/tst_aws_keychain.cpp TIMEOUT 120)
target_link_libraries(tst_aws_keychain PRIVATE warroom_aws)
