# AWS HTTP client and service clients (models/aws): retries and errors against a
# scripted loopback server, the service clients against moto_server, and warroomctl.

set(WARROOM_AWSCLIENT_SUPPORT awsclient/ScriptedHttpServer.cpp awsclient/ScriptedHttpServer.h
    awsclient/AwsTestSupport.h awsclient/MotoServer.h)

warroom_add_test(tst_awsclient_retry
    SOURCES awsclient/tst_awsclient_retry.cpp ${WARROOM_AWSCLIENT_SUPPORT} TIMEOUT 120)
warroom_add_test(tst_awsclient_securityir
    SOURCES awsclient/tst_awsclient_securityir.cpp ${WARROOM_AWSCLIENT_SUPPORT} TIMEOUT 120)
# Starts moto_server (pip install 'moto[server]') on a free loopback port; fails, with
# the reason, when it is not installed.
warroom_add_test(tst_awsclient_moto
    SOURCES awsclient/tst_awsclient_moto.cpp ${WARROOM_AWSCLIENT_SUPPORT} TIMEOUT 240)
# SecurityIrClient and warroomctl end to end against the real warroom-server.
set(WARROOM_AWSCLIENT_SERVER awsclient/WarroomServerProcess.cpp awsclient/WarroomServerProcess.h)
warroom_add_test(tst_awsclient_warroomserver
    SOURCES awsclient/tst_awsclient_warroomserver.cpp ${WARROOM_AWSCLIENT_SUPPORT}
        ${WARROOM_AWSCLIENT_SERVER} TIMEOUT 240)
add_dependencies(tst_awsclient_warroomserver warroomctl warroom-server)
# HTTPS: a test CA and certificates made with openssl at test time; warroom-server on TLS,
# a QSslServer with a certificate for another host; certificate errors are never ignored.
warroom_add_test(tst_awsclient_tls
    SOURCES awsclient/tst_awsclient_tls.cpp ${WARROOM_AWSCLIENT_SUPPORT}
        ${WARROOM_AWSCLIENT_SERVER} TIMEOUT 180)
add_dependencies(tst_awsclient_tls warroomctl warroom-server)
# A suppression rule pushed to GuardDuty as an ARCHIVE filter (create, update, refusals),
# against moto_server like tst_awsclient_moto.
warroom_add_test(tst_awsclient_guarddutyfilter
    SOURCES awsclient/tst_awsclient_guarddutyfilter.cpp awsclient/MotoServer.h
        ${WARROOM_AWSCLIENT_SUPPORT} TIMEOUT 180)
