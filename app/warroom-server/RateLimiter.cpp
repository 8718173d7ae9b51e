#include "RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace warroom::server {

RateLimiter::RateLimiter(double rate, double burst)
    : m_rate(std::max(0.0, rate))
    , m_burst(std::max(1.0, burst))
{
    m_clock.start();
}

bool RateLimiter::tryAcquire(const QString &key, int *retryAfterSeconds)
{
    return tryAcquireAt(key, double(m_clock.nsecsElapsed()) / 1e9, retryAfterSeconds);
}

bool RateLimiter::tryAcquireAt(const QString &key, double nowSeconds, int *retryAfterSeconds)
{
    if (m_rate <= 0)
        return true;
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, {m_burst, nowSeconds});
    Bucket &bucket = it.value();
    bucket.tokens = std::min(m_burst, bucket.tokens + (nowSeconds - bucket.updatedAt) * m_rate);
    bucket.updatedAt = nowSeconds;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    if (retryAfterSeconds)
        *retryAfterSeconds = std::max(1, int(std::ceil((1.0 - bucket.tokens) / m_rate)));
    return false;
}

} // namespace warroom::server
