#pragma once

#include "ScriptedHttpServer.h"
#include "aws/AwsServiceClient.h"
#include "aws/Credentials.h"
#include "aws/SigV4Signer.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <optional>

namespace warroom::test {

inline aws::Credentials testCredentials()
{
    aws::Credentials credentials;
    credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    credentials.source = QStringLiteral("test");
    return credentials;
}

// Runs the event loop until `ready` or `timeoutMs`; true when ready.
template<typename Ready> bool spinUntil(Ready ready, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!ready() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return ready();
}

// Calls `start(callback)` and waits for the callback's outcome.
template<typename T, typename Start>
std::optional<aws::AwsOutcome<T>> runCall(Start start, int timeoutMs = 15000)
{
    std::optional<aws::AwsOutcome<T>> result;
    start([&result](const aws::AwsOutcome<T> &outcome) { result = outcome; });
    spinUntil([&] { return result.has_value(); }, timeoutMs);
    return result;
}

// The signature of a request the server received, checked with the test secret.
inline aws::SigV4Verification verifyReceived(
    const ReceivedRequest &received, const QByteArray &service, const QByteArray &region)
{
    aws::SigV4VerifyOptions options;
    options.expectedService = service;
    options.expectedRegion = region;
    return aws::SigV4Signer::verify(
        received.request, testCredentials().secretAccessKey.toUtf8(), options);
}

} // namespace warroom::test
