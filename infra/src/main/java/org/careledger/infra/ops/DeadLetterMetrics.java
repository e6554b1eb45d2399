package org.careledger.infra.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports parked (dead-lettered) events per processing group as the gauge
 * {@code careledger_dead_letters{group=...}}. The count is refreshed by a scheduled task, so a
 * Prometheus scrape (served on an event loop) never runs SQL.
 */
@Component
@EnableScheduling
public class DeadLetterMetrics {

    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public DeadLetterMetrics(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    @Scheduled(fixedDelayString = "${careledger.metrics.dead-letter-refresh:PT15S}", initialDelay = 1000)
    public void scheduledRefresh() {
        refresh();
    }

    /** Reads the counts, sets the gauges; answers the processing groups with parked events (never on an event loop). */
    public Map<String, Long> refresh() {
        Map<String, Long> parked = new java.util.TreeMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
                rs -> {
                    parked.put(rs.getString(1), rs.getLong(2));
                });
        counts.forEach((group, value) -> value.set(parked.getOrDefault(group, 0L)));
        parked.forEach((group, n) -> gauge(group).set(n));
        return parked;
    }

    private AtomicLong gauge(String group) {
        return counts.computeIfAbsent(group, g -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("careledger.dead.letters", value, AtomicLong::get)
                    .description("Events parked in the dead-letter queue of a projection")
                    .tag("group", g)
                    .register(registry);
            return value;
        });
    }
}
