package org.careledger.infra.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits per client ({@code careledger.rate-limits.*}); a limit of 0 switches one off. The
 * counts are shared by every instance of one store (PostgreSQL's {@code rate_limit_window});
 * while that store fails each instance counts alone, to ⌈limit ÷ expected instances⌉.
 *
 * @param publicRequests         requests to {@code /api/v1/public/**} per client IP (on: 600 a minute)
 * @param authenticationFailures 401 answers per client IP; once used up, that IP's non-public
 *                               requests get 429 until the window ends (on: 30 a minute)
 * @param authenticatedRequests  requests per token subject (off by default)
 * @param maxClients             clients remembered at once by the local fall-back counts (least recently seen forgotten first)
 * @param expectedInstances      instances behind the load balancer; while the shared store fails, each
 *                               instance allows ⌈limit ÷ this⌉ (default 1)
 * @param storeTimeout           a shared count not answered within this counts locally instead (default 500 ms)
 * @param storeRetry             after the store failed, count locally for this long before trying it again (default 5 s)
 * @param storeThreads           threads doing the shared counts' JDBC work (default 4; queue 256 per thread)
 * @param purgeInterval          how often ended windows are deleted (default 1 min)
 */
@ConfigurationProperties("careledger.rate-limits")
public record RateLimitProperties(Limit publicRequests, Limit authenticationFailures, Limit authenticatedRequests,
                                  Integer maxClients, Integer expectedInstances, Duration storeTimeout, Duration storeRetry,
                                  Integer storeThreads, Duration purgeInterval) {

    public RateLimitProperties {
        publicRequests = publicRequests == null ? new Limit(600, null) : publicRequests;
        authenticationFailures = authenticationFailures == null ? new Limit(30, null) : authenticationFailures;
        authenticatedRequests = authenticatedRequests == null ? new Limit(0, null) : authenticatedRequests;
        maxClients = maxClients == null || maxClients < 1 ? 100_000 : maxClients;
        expectedInstances = expectedInstances == null || expectedInstances < 1 ? 1 : expectedInstances;
        storeTimeout = storeTimeout == null ? Duration.ofMillis(500) : storeTimeout;
        storeRetry = storeRetry == null ? Duration.ofSeconds(5) : storeRetry;
        storeThreads = storeThreads == null || storeThreads < 1 ? 4 : storeThreads;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(1) : purgeInterval;
    }

    /** Whether any limit is on. */
    public boolean anyOn() {
        return publicRequests.on() || authenticationFailures.on() || authenticatedRequests.on();
    }

    /** At most {@code limit} per {@code period} (default one minute); 0 or less: no limit. */
    public record Limit(int limit, Duration period) {
        public Limit {
            period = period == null ? Duration.ofMinutes(1) : period;
        }

        public boolean on() {
            return limit > 0;
        }

        /** What one of {@code instances} instances allows on its own: ⌈limit ÷ instances⌉. */
        public int shareOf(int instances) {
            return (limit + instances - 1) / instances;
        }
    }
}
