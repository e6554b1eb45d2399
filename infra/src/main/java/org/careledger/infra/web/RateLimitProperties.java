package org.careledger.infra.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits per client ({@code careledger.rate-limits.*}); a limit of 0 switches one off.
 *
 * @param publicRequests         requests to {@code /api/v1/public/**} per client IP (on: 600 a minute)
 * @param authenticationFailures 401 answers per client IP; once used up, that IP's non-public
 *                               requests get 429 until the period renews (on: 30 a minute)
 * @param authenticatedRequests  requests per token subject (off by default)
 * @param maxClients             clients remembered at once (least recently seen forgotten first)
 */
@ConfigurationProperties("careledger.rate-limits")
public record RateLimitProperties(Limit publicRequests, Limit authenticationFailures, Limit authenticatedRequests,
                                  Integer maxClients) {

    public RateLimitProperties {
        publicRequests = publicRequests == null ? new Limit(600, null) : publicRequests;
        authenticationFailures = authenticationFailures == null ? new Limit(30, null) : authenticationFailures;
        authenticatedRequests = authenticatedRequests == null ? new Limit(0, null) : authenticatedRequests;
        maxClients = maxClients == null || maxClients < 1 ? 100_000 : maxClients;
    }

    /** At most {@code limit} per {@code period} (default one minute); 0 or less: no limit. */
    public record Limit(int limit, Duration period) {
        public Limit {
            period = period == null ? Duration.ofMinutes(1) : period;
        }

        public boolean on() {
            return limit > 0;
        }
    }
}
