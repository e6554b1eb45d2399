package org.careledger.command.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which instance runs a background worker (ADR 0024). Several instances share one PostgreSQL; a
 * worker that must run once across them (age-out, the demo loader) runs only on the instance that
 * holds its lease in {@code worker_lease}. The holder renews the lease each time it runs; another
 * instance takes the lease only once it has run out, so a worker moves to another instance at most
 * one lease duration after its holder stopped (died or was cut off from the database). An orderly
 * stop gives the leases back at once.
 *
 * <p>The instance id is also the owner name of this instance's token claims and its row in the
 * instance registry: unique per application context, even with several in one JVM.
 */
@Component
public class ClusterLeases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterLeases.class);

    private final JdbcTemplate jdbc;
    private final String instanceId;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> runs = new ConcurrentHashMap<>();

    public ClusterLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's id: process name (pid@host) and a random suffix per application context. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Takes or renews the worker's lease for {@code duration}: true when this instance holds it now.
     * Blocks (JDBC): call it from a worker thread, never from an event loop.
     */
    public boolean acquire(String worker, Duration duration) {
        List<String> owner = jdbc.queryForList("""
                INSERT INTO worker_lease (worker, owner, lease_until) VALUES (?, ?, now() + ? * interval '1 millisecond')
                ON CONFLICT (worker) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until,
                    taken_at = CASE WHEN worker_lease.owner = excluded.owner THEN worker_lease.taken_at ELSE now() END
                WHERE worker_lease.owner = excluded.owner OR worker_lease.lease_until < now()
                RETURNING owner""", String.class, worker, instanceId, duration.toMillis());
        boolean mine = !owner.isEmpty();
        if (mine && held.add(worker)) {
            log.info("This instance ({}) now runs the worker {}", instanceId, worker);
        } else if (!mine && held.remove(worker)) {
            log.warn("The worker {} has moved to another instance (this one, {}, did not renew its lease in time)",
                    worker, instanceId);
        }
        return mine;
    }

    /**
     * Runs {@code work} when this instance holds (or now takes) the worker's lease; answers whether it ran.
     * The lease must be longer than the worker's interval, or it lapses between two runs.
     */
    public boolean runIfHolder(String worker, Duration lease, Runnable work) {
        if (!acquire(worker, lease)) {
            return false;
        }
        runs.computeIfAbsent(worker, w -> new AtomicLong()).incrementAndGet();
        work.run();
        return true;
    }

    /** How many times this instance ran the worker (for operations and tests). */
    public long runs(String worker) {
        AtomicLong n = runs.get(worker);
        return n == null ? 0 : n.get();
    }

    /** Gives the lease back, so another instance takes the worker over on its next run. */
    public void release(String worker) {
        if (held.remove(worker)) {
            jdbc.update("DELETE FROM worker_lease WHERE worker = ? AND owner = ?", worker, instanceId);
        }
    }

    @Override
    public void destroy() {
        for (String worker : List.copyOf(held)) {
            try {
                release(worker);
            } catch (RuntimeException e) {
                log.info("Could not give back the lease of worker {} (it runs out by itself): {}", worker, e.toString());
            }
        }
    }
}
