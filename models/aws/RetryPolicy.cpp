#include "RetryPolicy.h"

#include <QtCore/QRandomGenerator>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace warroom::aws {

RetryPolicy::RetryPolicy()
    : RetryPolicy(Settings {})
{
}

RetryPolicy::RetryPolicy(Settings settings)
    : m_settings(settings)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
    , m_tokens(settings.bucketCapacity)
{
}

void RetryPolicy::setSettings(const Settings &settings)
{
    m_settings = settings;
    m_tokens = settings.bucketCapacity;
}

void RetryPolicy::setRandomSource(std::function<double()> random)
{
    m_random = std::move(random);
}

std::chrono::milliseconds RetryPolicy::backoff(int retry) const
{
    const double exponent = std::min(retry - 1, 30);
    const double ceiling = std::min(double(m_settings.maxDelay.count()),
        double(m_settings.baseDelay.count()) * std::pow(2.0, exponent));
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return std::chrono::milliseconds(qint64(std::floor(r * ceiling)));
}

RetryPolicy::Decision RetryPolicy::decide(const AwsError &error, int attempt)
{
    Decision decision;
    if (!error.retryable) {
        decision.reason = u"not retryable"_s;
        return decision;
    }
    if (attempt >= m_settings.maxAttempts) {
        decision.reason = u"gave up after %1 attempts"_s.arg(attempt);
        return decision;
    }
    std::chrono::milliseconds delay = backoff(attempt);
    if (error.retryAfterSeconds) {
        const auto retryAfter
            = std::chrono::milliseconds(qint64(std::ceil(*error.retryAfterSeconds * 1000.0)));
        if (retryAfter > m_settings.maxRetryAfter) {
            decision.reason = u"Retry-After of %1 s is longer than the %2 s this client waits"_s
                                  .arg(*error.retryAfterSeconds)
                                  .arg(m_settings.maxRetryAfter.count() / 1000.0);
            return decision;
        }
        delay = retryAfter;
    }
    const bool expensive
        = error.kind == AwsError::Kind::Timeout || error.kind == AwsError::Kind::Network;
    const int cost = expensive ? m_settings.timeoutRetryCost : m_settings.retryCost;
    if (m_tokens < cost) {
        decision.reason = u"retry budget exhausted"_s;
        return decision;
    }
    m_tokens -= cost;
    decision.retry = true;
    decision.delay = delay;
    decision.tokensTaken = cost;
    return decision;
}

void RetryPolicy::recordSuccess(int tokensTakenByRequest)
{
    const int refund = tokensTakenByRequest > 0 ? tokensTakenByRequest : m_settings.successRefund;
    m_tokens = std::min(m_settings.bucketCapacity, m_tokens + refund);
}

} // namespace warroom::aws
