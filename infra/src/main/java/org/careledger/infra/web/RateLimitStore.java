package org.careledger.infra.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.careledger.kernel.concurrent.RepeatingTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The rate-limit counts every instance shares: fixed windows in PostgreSQL's
 * {@code rate_limit_window}, one row per limiter, client key and window, incremented with an
 * upsert. Windows are numbered on the database's clock, so instances with skewed clocks still
 * count into the same row. The JDBC work runs on a small bounded scheduler of its own
 * ({@code store-threads} threads, 256 queued calls each; never a Netty event loop); a full queue
 * fails the call at once, like a failed store.
 *
 * <p>When the store fails or is slow ({@code careledger.rate-limits.store-timeout}) the callers
 * count locally instead ({@link RateLimits}); this class says so once, skips the store for
 * {@code store-retry}, then tries it again and says when it answers again.
 */
final class RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RateLimitStore.class);

    /** What the store counted: hits in the current window (this one included) and the time left in it. */
    record Window(long hits, Duration left) {
    }

    private static final String NOW_MS = "floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint";
    private static final String LEFT_MS = "greatest(0, floor(extract(epoch FROM w.expires_at - clock_timestamp()) * 1000))::bigint";

    private final JdbcTemplate jdbc;
    private final RateLimitProperties properties;
    private final Scheduler scheduler;
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicInteger fallbacksLogged = new AtomicInteger();
    private volatile long skipUntilNanos;
    private final RepeatingTask.Slot purging = new RepeatingTask.Slot();

    RateLimitStore(JdbcTemplate jdbc, RateLimitProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        int threads = properties.storeThreads();
        this.scheduler = Schedulers.newBoundedElastic(threads, threads * 256, "rate-limit-store", 60, true);
    }

    /** Adds one to the key's current window: the count, or an error when the store failed (lazily, on subscription). */
    Mono<Window> increment(String limiter, String key, Duration period) {
        long periodMs = Math.max(1, period.toMillis());
        return call(() -> jdbc.queryForObject("INSERT INTO rate_limit_window AS w (limiter, client_key, window_no, expires_at, hits) "
                        + "SELECT ?, ?, t.n, to_timestamp(((t.n + 1) * ?) / 1000.0), 1 FROM (SELECT " + NOW_MS + " / ? AS n) t "
                        + "ON CONFLICT (limiter, client_key, window_no) DO UPDATE SET hits = w.hits + 1 "
                        + "RETURNING w.hits, " + LEFT_MS,
                (rs, i) -> new Window(rs.getLong(1), Duration.ofMillis(rs.getLong(2))), limiter, storeKey(key), periodMs, periodMs));
    }

    /** The key's current window without adding to it (0 hits when it has none yet). */
    Mono<Window> peek(String limiter, String key, Duration period) {
        long periodMs = Math.max(1, period.toMillis());
        return call(() -> jdbc.query("SELECT w.hits, " + LEFT_MS + " FROM rate_limit_window w "
                        + "WHERE w.limiter = ? AND w.client_key = ? AND w.window_no = " + NOW_MS + " / ?",
                rs -> rs.next() ? new Window(rs.getLong(1), Duration.ofMillis(rs.getLong(2))) : new Window(0, period),
                limiter, storeKey(key), periodMs));
    }

    /**
     * The key as stored: itself up to 200 characters, else its SHA-256 (a long token subject must
     * not fail the store, which would make the instance count locally).
     */
    static String storeKey(String key) {
        if (key.length() <= 200) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mono<Window> call(Supplier<Window> work) {
        return Mono.defer(() -> {
            if (System.nanoTime() - skipUntilNanos < 0) {
                return Mono.error(new IllegalStateException("the rate-limit store failed recently"));
            }
            return Mono.fromSupplier(work)
                    .subscribeOn(scheduler) // a full queue is a RejectedExecutionException: counted locally
                    .timeout(properties.storeTimeout())
                    .doOnNext(window -> answered())
                    .doOnError(this::failed);
        });
    }

    /** Whether the callers count locally now (the store failed and is not answering again yet). */
    boolean degraded() {
        return degraded.get();
    }

    /** How often the fall-back to local counting was logged (once per outage). */
    int fallbacksLogged() {
        return fallbacksLogged.get();
    }

    private void failed(Throwable error) {
        skipUntilNanos = System.nanoTime() + properties.storeRetry().toNanos();
        if (degraded.compareAndSet(false, true)) {
            fallbacksLogged.incrementAndGet();
            log.warn("The shared rate-limit store failed ({}): counting locally, each limit ÷ {} expected instances "
                    + "(careledger.rate-limits.expected-instances), until it answers again; retrying every {}",
                    error.toString(),
                    properties.expectedInstances(), properties.storeRetry());
        }
    }

    private void answered() {
        if (degraded.compareAndSet(true, false)) {
            log.info("The shared rate-limit store answers again: limits are counted across instances again");
        }
    }

    /** Starts purging ended windows every {@code careledger.rate-limits.purge-interval}. */
    synchronized void start() {
        Duration every = properties.purgeInterval();
        purging.start("rate-limit-purge", every, every, this::purge);
    }

    synchronized void stop() {
        purging.stop(Duration.ofSeconds(5));
        scheduler.dispose();
    }

    /** Deletes the windows that have ended; answers how many. */
    int purge() {
        try {
            return jdbc.update("DELETE FROM rate_limit_window WHERE expires_at < clock_timestamp()");
        } catch (RuntimeException e) {
            log.info("Could not purge ended rate-limit windows (next try in {}): {}", properties.purgeInterval(), e.toString());
            return 0;
        }
    }
}
