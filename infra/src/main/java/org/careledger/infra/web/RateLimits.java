package org.careledger.infra.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.careledger.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Rate limits per client, in fixed windows counted in PostgreSQL so that every instance of one
 * store shares them ({@link RateLimitStore}): by IP for the public API and for authentication
 * failures (both on by default), by token subject for authenticated requests (off by default). A
 * refused request gets 429, {@code Retry-After} (until its window ends) and a problem body with
 * code {@code RATE_LIMITED}. The counting runs off the event loop; while the store fails, each
 * instance counts alone to ⌈limit ÷ {@code careledger.rate-limits.expected-instances}⌉, so the API
 * stays up.
 *
 * <p>The client IP is the connection's remote address; behind a reverse proxy set
 * {@code server.forward-headers-strategy=framework} so it is the proxy's {@code X-Forwarded-For}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    static final String PUBLIC_PREFIX = "/api/v1/public/";

    /** The shared counts; purges ended windows while any limit is on. */
    @Bean(destroyMethod = "stop")
    RateLimitStore rateLimitStore(JdbcTemplate jdbc, RateLimitProperties properties) {
        RateLimitStore store = new RateLimitStore(jdbc, properties);
        if (properties.anyOn()) {
            store.start();
        }
        return store;
    }

    /** Before security: refuses clients over their public or authentication-failure budget, and counts 401s. */
    @Bean
    WebFilter clientRateLimitFilter(RateLimitProperties properties, RateLimitStore store, ProblemWebExceptionHandler problems) {
        Limiters publicLimiters = new Limiters("public", properties.publicRequests(), properties, store);
        Limiters failureLimiters = new Limiters("auth-failures", properties.authenticationFailures(), properties, store);
        return new OrderedFilter(-200) {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                String path = exchange.getRequest().getPath().pathWithinApplication().value();
                String ip = clientIp(exchange);
                if (path.startsWith(PUBLIC_PREFIX) || org.careledger.query.pages.PublicPagesController.isPage(path)) {
                    if (!publicLimiters.on()) {
                        return chain.filter(exchange);
                    }
                    return publicLimiters.acquire(ip).flatMap(wait -> wait.isZero() ? chain.filter(exchange)
                            : refuse(exchange, problems, wait, "Too many requests to the public API from this address"));
                }
                if (!failureLimiters.on() || path.startsWith("/actuator/health")) {
                    return chain.filter(exchange);
                }
                return failureLimiters.exhausted(ip).flatMap(blocked -> {
                    if (!blocked.isZero()) {
                        return refuse(exchange, problems, blocked, "Too many failed authentications from this address");
                    }
                    exchange.getResponse().beforeCommit(() -> {
                        HttpStatusCode status = exchange.getResponse().getStatusCode();
                        if (status != null && status.value() == HttpStatus.UNAUTHORIZED.value()) {
                            return failureLimiters.acquire(ip).then(); // counted before the 401 leaves
                        }
                        return Mono.empty();
                    });
                    return chain.filter(exchange);
                });
            }
        };
    }

    /** After security: requests per authenticated subject. */
    @Bean
    WebFilter subjectRateLimitFilter(RateLimitProperties properties, RateLimitStore store, ProblemWebExceptionHandler problems) {
        Limiters subjectLimiters = new Limiters("subject", properties.authenticatedRequests(), properties, store);
        return new OrderedFilter(10) {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                if (!subjectLimiters.on()) {
                    return chain.filter(exchange);
                }
                return exchange.getPrincipal()
                        .flatMap(principal -> subjectLimiters.acquire(principal.getName()))
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

    /**
     * One limit: counted in the shared store, or, while it fails, locally to this instance's part
     * of it. Each answer is {@link Duration#ZERO} when the request may go on, else how long until
     * the window ends; it is delivered on a parallel scheduler thread (not the store's).
     */
    static final class Limiters {
        private final String name;
        private final RateLimitProperties.Limit limit;
        private final RateLimitStore store;
        private final LocalWindows local;

        Limiters(String name, RateLimitProperties.Limit limit, RateLimitProperties properties, RateLimitStore store) {
            this.name = name;
            this.limit = limit;
            this.store = store;
            this.local = new LocalWindows(limit.shareOf(properties.expectedInstances()), limit.period(), properties.maxClients());
        }

        boolean on() {
            return limit.on();
        }

        /** Counts one request (or failure) of {@code key}: ZERO if within the limit, else the wait. */
        Mono<Duration> acquire(String key) {
            if (!on()) {
                return Mono.just(Duration.ZERO);
            }
            return ask(() -> store.increment(name, key, limit.period()),
                    window -> window.hits() <= limit.limit() ? Duration.ZERO : atLeastOneMilli(window.left()),
                    () -> local.acquire(key));
        }

        /** Without counting: ZERO while {@code key} has some of the limit left, else the wait. */
        Mono<Duration> exhausted(String key) {
            if (!on()) {
                return Mono.just(Duration.ZERO);
            }
            return ask(() -> store.peek(name, key, limit.period()),
                    window -> window.hits() < limit.limit() ? Duration.ZERO : atLeastOneMilli(window.left()),
                    () -> local.exhausted(key));
        }

        private static Mono<Duration> ask(Supplier<Mono<RateLimitStore.Window>> shared,
                                          java.util.function.Function<RateLimitStore.Window, Duration> answer,
                                          Supplier<Duration> locally) {
            return Mono.defer(shared)
                    .map(answer)
                    .onErrorResume(e -> Mono.fromSupplier(locally))
                    .publishOn(Schedulers.parallel());
        }

        private static Duration atLeastOneMilli(Duration d) {
            return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
        }
    }

    /**
     * Fixed windows counted in this instance's memory: the fall-back while the shared store fails.
     * One counter per client key, the least recently used forgotten beyond {@code maxClients}.
     */
    static final class LocalWindows {
        private final int limit;
        private final long periodMillis;
        private final Map<String, long[]> byKey; // key -> {window number, hits}

        LocalWindows(int limit, Duration period, int maxClients) {
            this.limit = limit;
            this.periodMillis = Math.max(1, period.toMillis());
            this.byKey = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                    return size() > maxClients;
                }
            };
        }

        synchronized Duration acquire(String key) {
            long now = System.currentTimeMillis();
            long[] window = current(key, now);
            window[1]++;
            return window[1] <= limit ? Duration.ZERO : left(window, now);
        }

        synchronized Duration exhausted(String key) {
            long now = System.currentTimeMillis();
            long[] window = byKey.get(key);
            if (window == null || window[0] != now / periodMillis || window[1] < limit) {
                return Duration.ZERO;
            }
            return left(window, now);
        }

        private long[] current(String key, long now) {
            long number = now / periodMillis;
            long[] window = byKey.computeIfAbsent(key, k -> new long[] {number, 0});
            if (window[0] != number) {
                window[0] = number;
                window[1] = 0;
            }
            return window;
        }

        private Duration left(long[] window, long now) {
            return Duration.ofMillis(Math.max(1, (window[0] + 1) * periodMillis - now));
        }
    }
}
