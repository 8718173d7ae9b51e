#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QString>

namespace warroom::server {

// A token bucket per access key: `rate` requests per second on average, bursts of up
// to `burst`. A rate of 0 turns throttling off.
class RateLimiter final
{
public:
    RateLimiter(double rate, double burst);

    // True when the key may make a request now (and takes a token). Otherwise
    // *retryAfterSeconds is the whole number of seconds until a token is there (>= 1).
    bool tryAcquire(const QString &key, int *retryAfterSeconds);
    // Same, with the clock given in seconds (tests).
    bool tryAcquireAt(const QString &key, double nowSeconds, int *retryAfterSeconds);

    double rate() const { return m_rate; }
    double burst() const { return m_burst; }

private:
    struct Bucket
    {
        double tokens;
        double updatedAt;
    };
    double m_rate;
    double m_burst;
    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
};

} // namespace warroom::server
