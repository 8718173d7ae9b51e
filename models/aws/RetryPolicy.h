#pragma once

#include "AwsError.h"

#include <chrono>
#include <functional>
#include <optional>

namespace warroom::aws {

// The SDKs' "standard" retry mode: up to maxAttempts attempts, exponential backoff with
// full jitter (delay = random[0,1) * min(maxDelay, baseDelay * 2^retry)), Retry-After
// honoured, and a token bucket shared by every call of one client so that an outage
// does not multiply the load: a retry costs retryCost tokens (timeoutRetryCost after a
// timeout or network error), a success refunds what its retries cost, or one token.
class RetryPolicy final
{
public:
    struct Settings
    {
        int maxAttempts = 3; // first attempt included
        std::chrono::milliseconds baseDelay {500};
        std::chrono::milliseconds maxDelay {20000};
        // A Retry-After longer than this is not waited for: the error is returned.
        std::chrono::milliseconds maxRetryAfter {60000};
        int bucketCapacity = 500;
        int retryCost = 5;
        int timeoutRetryCost = 10;
        int successRefund = 1;
    };

    RetryPolicy();
    explicit RetryPolicy(Settings settings);

    const Settings &settings() const { return m_settings; }
    void setSettings(const Settings &settings);
    // Tests inject a fixed source; the default draws from QRandomGenerator::global().
    void setRandomSource(std::function<double()> random);

    // Whether error `error` after attempt number `attempt` (1-based) may be retried, and
    // after how long. Takes the tokens from the bucket when it says yes.
    struct Decision
    {
        bool retry = false;
        std::chrono::milliseconds delay {0};
        int tokensTaken = 0;
        QString reason; // why not: "not retryable", "max attempts", "retry budget"...
    };
    Decision decide(const AwsError &error, int attempt);
    // Call when a request succeeds; `tokensTakenByRequest` is the sum of its decisions.
    void recordSuccess(int tokensTakenByRequest);

    int availableTokens() const { return m_tokens; }
    // Backoff without Retry-After for retry number `retry` (1 = the first retry).
    std::chrono::milliseconds backoff(int retry) const;

private:
    Settings m_settings;
    std::function<double()> m_random;
    int m_tokens = 0;
};

} // namespace warroom::aws
