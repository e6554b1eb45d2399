package org.careledger.infra.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits per client with resilience4j's rate limiter (one per client key, kept in a bounded
 * least-recently-used map): by IP for the public API and for authentication failures (both on by
 * default), by token subject for authenticated requests (off by default). A refused request gets
 * 429, {@code Retry-After} and a problem body with code {@code RATE_LIMITED}.
 *
 * <p>The client IP is the connection's remote address; behind a reverse proxy set
 * {@code server.forward-headers-strategy=framework} so it is the proxy's {@code X-Forwarded-For}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    static final String PUBLIC_PREFIX = "/api/v1/public/";

    /** Before security: refuses clients over their public or authentication-failure budget, and counts 401s. */
    @Bean
    WebFilter clientRateLimitFilter(RateLimitProperties properties, ProblemWebExceptionHandler problems) {
        Limiters publicLimiters = new Limiters("public", properties.publicRequests(), properties.maxClients());
        Limiters failureLimiters = new Limiters("auth-failures", properties.authenticationFailures(), properties.maxClients());
        return new OrderedFilter(-200) {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                String path = exchange.getRequest().getPath().pathWithinApplication().value();
                String ip = clientIp(exchange);
                if (path.startsWith(PUBLIC_PREFIX) || org.careledger.query.pages.PublicPagesController.isPage(path)) {
                    Duration wait = publicLimiters.acquire(ip);
                    if (wait != null) {
                        return refuse(exchange, problems, wait, "Too many requests to the public API from this address");
                    }
                    return chain.filter(exchange);
                }
                if (!failureLimiters.on() || path.startsWith("/actuator/health")) {
                    return chain.filter(exchange);
                }
                Duration blocked = failureLimiters.exhausted(ip);
                if (blocked != null) {
                    return refuse(exchange, problems, blocked, "Too many failed authentications from this address");
                }
                exchange.getResponse().beforeCommit(() -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    if (status != null && status.value() == HttpStatus.UNAUTHORIZED.value()) {
                        failureLimiters.acquire(ip);
                    }
                    return Mono.empty();
                });
                return chain.filter(exchange);
            }
        };
    }

    /** After security: requests per authenticated subject. */
    @Bean
    WebFilter subjectRateLimitFilter(RateLimitProperties properties, ProblemWebExceptionHandler problems) {
        Limiters subjectLimiters = new Limiters("subject", properties.authenticatedRequests(), properties.maxClients());
        return new OrderedFilter(10) {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                if (!subjectLimiters.on()) {
                    return chain.filter(exchange);
                }
                return exchange.getPrincipal()
                        .map(principal -> {
                            Duration wait = subjectLimiters.acquire(principal.getName());
                            return wait == null ? Duration.ZERO : wait;
                        })
                        .defaultIfEmpty(Duration.ZERO)
                        .flatMap(wait -> wait.isZero() ? chain.filter(exchange)
                                : refuse(exchange, problems, wait, "Too many requests for this caller"));
            }
        };
    }

    static String clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, ProblemWebExceptionHandler problems, Duration wait,
                                     String detail) {
        String path = exchange.getRequest().getPath().value();
        log.info("429 {} for {}: {}", path, clientIp(exchange), detail);
        ProblemMapper.Problem problem = ProblemMapper.problem(ErrorCode.RATE_LIMITED, detail, List.of(), path);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return problems.write(exchange.getResponse(),
                new ProblemMapper.Problem(problem.status(), problem.body(), (int) Math.min(seconds, Integer.MAX_VALUE)));
    }

    private abstract static class OrderedFilter implements WebFilter, Ordered {
        private final int order;

        OrderedFilter(int order) {
            this.order = order;
        }

        @Override
        public int getOrder() {
            return order;
        }
    }

    /** One resilience4j rate limiter per client key, the least recently used forgotten beyond the maximum. */
    static final class Limiters {
        private final String name;
        private final RateLimitProperties.Limit limit;
        private final RateLimiterConfig config;
        private final Map<String, AtomicRateLimiter> byKey;

        Limiters(String name, RateLimitProperties.Limit limit, int maxClients) {
            this.name = name;
            this.limit = limit;
            this.config = RateLimiterConfig.custom()
                    .limitForPeriod(Math.max(1, limit.limit()))
                    .limitRefreshPeriod(limit.period())
                    .timeoutDuration(Duration.ZERO) // never wait: answer 429 instead
                    .build();
            this.byKey = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
                    return size() > maxClients;
                }
            });
        }

        boolean on() {
            return limit.on();
        }

        private AtomicRateLimiter limiter(String key) {
            return byKey.computeIfAbsent(key, k -> new AtomicRateLimiter(name + ":" + k, config));
        }

        /** Takes one permission; null if granted, else how long until the next one. */
        Duration acquire(String key) {
            if (!on()) {
                return null;
            }
            AtomicRateLimiter limiter = limiter(key);
            if (limiter.acquirePermission()) {
                return null;
            }
            return untilNext(limiter);
        }

        /** Without taking one: null if permissions are left, else how long until the next one. */
        Duration exhausted(String key) {
            AtomicRateLimiter limiter = byKey.get(key);
            if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
                return null;
            }
            return untilNext(limiter);
        }

        private Duration untilNext(AtomicRateLimiter limiter) {
            long nanos = limiter.getDetailedMetrics().getNanosToWait();
            return Duration.ofNanos(Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }
}
