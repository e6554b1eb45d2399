package org.careledger.query.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.concurrent.RepeatingTask;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.ledger.LedgerEventRow;
import org.careledger.ledger.LedgerHashes;
import org.careledger.ledger.LedgerRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the hash chain over every row of {@code domain_event_entry}, in global_index order, and
 * records roots (docs/ledger.md). It runs on a thread of its own (never a Netty event loop, never
 * the shared scheduler), reads new rows in batches with JDBC and writes their links in one batched
 * insert per transaction. Each transaction starts from the newest stored link, so the processor
 * is idempotent and restartable; a PostgreSQL advisory lock lets one instance work at a time.
 *
 * <p><b>Which rows are safe to chain.</b> global_index values are taken from a sequence when a row
 * is inserted, but rows become visible when their transaction commits, so a lower index can
 * appear after a higher one, and a rolled-back insert leaves a hole for ever. The chain is in
 * global_index order and never rewritten, so it only advances over indexes that can no longer
 * appear: the next row is linked at once when its index follows the last link directly; a hole is
 * passed only once the processor has known for {@code gap-settle-time} that a higher index exists
 * (that is, the missing index was handed out at least that long ago and still has not committed).
 * A row that commits into a hole after that is reported by verification as not chained, which is
 * exactly what a row inserted into the past looks like. When a higher index was first seen is kept
 * in {@code ledger_horizon_sample}, on the database's clock, so that a processor restarted more
 * often than {@code gap-settle-time} still passes holes (ADR 0018).
 *
 * <p><b>Every row is chained.</b> The chain covers rows as stored, whatever they contain; only
 * the institution id taken from the metadata (an index for exports, not hashed) is left out when it
 * is not a plausible id, so that no row's content can stop the ledger.
 */
@Projection
@Component
public class LedgerProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerProcessor.class);
    /** Advisory lock held by the instance that is linking ("ledger" in ASCII). */
    static final long LOCK_KEY = 0x6C6564676572L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LedgerProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    private final RepeatingTask.Slot task = new RepeatingTask.Slot();
    private volatile boolean running;

    private record Head(long globalIndex, byte[] linkHash) {
    }

    private record LastRoot(long rootId, long lastGlobalIndex, Instant createdAt) {
    }

    public LedgerProcessor(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        task.start("ledger", properties.pollInterval(), properties.pollInterval(), this::round);
    }

    @Override
    public synchronized void stop() {
        running = false;
        task.stop(Duration.ofSeconds(30)); // the round in progress ends its batch (it checks running)
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void round() {
        try {
            linkSettledEvents();
        } catch (RuntimeException e) {
            // the next round starts again from the newest stored link
            log.warn("Ledger round failed, retrying in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    /** One round: links every event that is safe to chain, batch by batch, and records roots when due. */
    int linkSettledEvents() {
        Long horizon = transactions.execute(status -> settledHorizon());
        long settled = horizon == null ? 0 : horizon;
        int total = 0;
        while (running) {
            Integer linked = transactions.execute(status -> linkBatch(settled));
            total += linked == null ? 0 : linked;
            if (linked == null || linked < properties.batchSize()) {
                break;
            }
        }
        return total;
    }

    /**
     * The highest index seen at least {@code gap-settle-time} ago: every index up to it was handed
     * out that long ago, so one still missing now never committed. Records when the current highest
     * index was first seen, and forgets samples the horizon has passed.
     */
    private long settledHorizon() {
        jdbc.update("INSERT INTO ledger_horizon_sample (highest_index, observed_at) "
                + "SELECT m, clock_timestamp() FROM (SELECT max(global_index) AS m FROM " + EventTable.NAME + ") h "
                + "WHERE m IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_horizon_sample WHERE highest_index >= m) "
                + "ON CONFLICT DO NOTHING");
        Long settled = jdbc.queryForObject("SELECT max(highest_index) FROM ledger_horizon_sample "
                + "WHERE observed_at <= clock_timestamp() - ? * interval '1 millisecond'", Long.class,
                properties.gapSettleTime().toMillis());
        if (settled == null) {
            return 0;
        }
        jdbc.update("DELETE FROM ledger_horizon_sample WHERE highest_index < ?", settled);
        return settled;
    }

    private int linkBatch(long settled) {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY))) {
            return 0; // another instance is linking
        }
        Head head = jdbc.query("SELECT global_index, link_hash FROM ledger_link ORDER BY global_index DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(0, LedgerHashes.genesis()));
        List<LedgerEventRow> rows = jdbc.query("SELECT " + LedgerRows.EVENT_COLUMNS + " FROM " + EventTable.NAME + " "
                + "WHERE global_index > ? ORDER BY global_index LIMIT ?", LedgerRows.EVENT,
                head.globalIndex(), properties.batchSize());
        long expected = head.globalIndex() + 1;
        byte[] previous = head.linkHash();
        List<Object[]> links = new ArrayList<>(rows.size());
        for (LedgerEventRow row : rows) {
            if (row.globalIndex() > expected) {
                if (row.globalIndex() - 1 > settled) {
                    break; // a hole that may still fill: wait
                }
                log.info("Ledger passes global index {}..{}: never committed within {}", expected, row.globalIndex() - 1,
                        properties.gapSettleTime());
            }
            byte[] content = row.contentHash();
            byte[] link = LedgerHashes.link(previous, content);
            links.add(new Object[] {row.globalIndex(), row.eventIdentifier(), content, previous, link, institutionOf(row)});
            previous = link;
            expected = row.globalIndex() + 1;
        }
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_link (global_index, event_identifier, content_hash, previous_link_hash, "
                    + "link_hash, institution_id) VALUES (?, ?, ?, ?, ?, ?)", links);
        }
        recordRootIfDue(new Head(expected - 1, previous));
        return links.size();
    }

    private void recordRootIfDue(Head head) {
        if (head.globalIndex() == 0) {
            return; // no link yet
        }
        LastRoot last = jdbc.query("SELECT root_id, last_global_index, created_at FROM ledger_root ORDER BY root_id DESC LIMIT 1",
                rs -> rs.next() ? new LastRoot(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()) : null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (last != null) {
            if (last.lastGlobalIndex() >= head.globalIndex()) {
                return;
            }
            boolean old = !last.createdAt().plus(properties.rootInterval()).isAfter(now);
            if (!old) {
                Long since = jdbc.queryForObject("SELECT count(*) FROM ledger_link WHERE global_index > ?", Long.class,
                        last.lastGlobalIndex());
                if (since == null || since < properties.rootEveryLinks()) {
                    return;
                }
            }
        }
        LedgerRoot root = LedgerRoot.of(last == null ? 1 : last.rootId() + 1, head.globalIndex(), head.linkHash(), now);
        jdbc.update("INSERT INTO ledger_root (root_id, last_global_index, link_hash, created_at, root_hash) VALUES (?, ?, ?, ?, ?)",
                root.rootId(), root.lastGlobalIndex(), head.linkHash(), now.atOffset(java.time.ZoneOffset.UTC),
                LedgerHashes.parseHex(root.rootHash()));
    }

    /** An id as ids are written: short, printable (a NUL, for one, cannot be stored as text). */
    static boolean plausibleId(String id) {
        return !id.isEmpty() && id.length() <= 255 && id.chars().noneMatch(Character::isISOControl);
    }

    /** The institution an event is about, from its metadata (not hashed: used to find events for export). */
    private String institutionOf(LedgerEventRow row) {
        if (row.metaData() == null) {
            return null;
        }
        try {
            JsonNode id = json.readTree(row.metaData()).get(EventMetadata.INSTITUTION_ID);
            return id != null && id.isTextual() && plausibleId(id.asText()) ? id.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
