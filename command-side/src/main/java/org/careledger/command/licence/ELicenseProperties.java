package org.careledger.command.licence;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the e-license integration ({@code careledger.e-license.*}).
 *
 * @param baseUrl          the platform's base URL; empty means the built-in simulator of this application
 * @param connectTimeout   TCP connect timeout
 * @param readTimeout      time allowed for one answer
 * @param retries          retries of one verification (with exponential backoff from 200 ms)
 * @param breakerFailures  consecutive failures that open the circuit
 * @param breakerOpenFor   how long an open circuit refuses calls
 * @param pollInterval     how often pending verifications are looked at
 * @param maxBackoff       longest wait between attempts of one pending verification
 * @param platforms        notification senders: platform id → shared HMAC secret
 * @param maxClockSkew     how old (or early) a notification's timestamp may be
 * @param onChange         what a pushed change does: REVOKED/EXPIRED/CHANGED → SUSPEND or ALERT
 */
@ConfigurationProperties("careledger.e-license")
public record ELicenseProperties(String baseUrl, Duration connectTimeout, Duration readTimeout, Integer retries,
                                 Integer breakerFailures, Duration breakerOpenFor, Duration pollInterval,
                                 Duration maxBackoff, Map<String, Platform> platforms, Duration maxClockSkew,
                                 Map<String, String> onChange) {

    /** A platform allowed to push notifications. Its {@code toString()} never shows the secret. */
    public record Platform(String secret) {

        @Override
        public String toString() {
            return "Platform[secret=" + (secret == null || secret.isEmpty() ? "none" : "(hidden)") + "]";
        }
    }

    public ELicenseProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.trim();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(3) : readTimeout;
        retries = retries == null ? 2 : retries;
        breakerFailures = breakerFailures == null ? 5 : breakerFailures;
        breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        onChange = onChange == null ? Map.of("REVOKED", "SUSPEND", "EXPIRED", "ALERT", "CHANGED", "ALERT") : Map.copyOf(onChange);
    }
}
