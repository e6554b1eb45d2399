package org.careledger.query.ledger;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import org.careledger.ledger.LedgerEventRow;
import org.careledger.ledger.LedgerHashes;
import org.careledger.ledger.LedgerLink;
import org.careledger.ledger.LedgerRoot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.careledger.kernel.messaging.EventTable;

/**
 * Recomputes the whole chain from the stored event rows and compares it with the stored links and
 * roots, in global_index order, page by page (constant memory). Stops at the first mismatch and
 * names it. Blocking JDBC: call it off the event loop.
 */
@Component
public record LedgerVerifier(JdbcTemplate jdbc) {

    private static final int PAGE = 1000;

    /** What went wrong first; {@code rootId} only for root problems. */
    public enum Problem {
        /** The stored row no longer has the content that was chained (any column changed). */
        EVENT_CHANGED,
        /** A chained event's row is gone (deleted, or its global_index changed). */
        EVENT_MISSING,
        /** A row sits inside the chained range without a link: it was inserted (or committed) after the chain passed its index. */
        EVENT_NOT_CHAINED,
        /** A stored link does not follow from its predecessor (the ledger table itself was changed). */
        LINK_CHANGED,
        /** A root does not name the link hash at its index, or its root hash does not match its fields. */
        ROOT_CHANGED
    }

    public record Mismatch(Problem problem, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                           String payloadType, Long rootId, String detail) {
    }

    /**
     * @param intact             whether every link and root verified
     * @param linksVerified      links recomputed and found equal (before the mismatch, if any)
     * @param rootsVerified      roots found equal
     * @param lastGlobalIndex    the newest link's index when verification started
     * @param eventsAwaitingLink events newer than that, not yet chained (normal: the processor is behind by a moment)
     * @param firstMismatch      the first problem in chain order, or null
     */
    public record Report(boolean intact, long linksVerified, long rootsVerified, long lastGlobalIndex,
                         long eventsAwaitingLink, Mismatch firstMismatch) {
    }

    public Report verify() {
        Long newest = jdbc.queryForObject("SELECT max(global_index) FROM ledger_link", Long.class);
        long last = newest == null ? 0 : newest;
        Cursor<LedgerEventRow> rows = new Cursor<>(after -> jdbc.query("SELECT " + LedgerRows.EVENT_COLUMNS
                + " FROM " + EventTable.NAME + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?",
                LedgerRows.EVENT, after, last, PAGE), LedgerEventRow::globalIndex);
        Cursor<LedgerLink> links = new Cursor<>(after -> jdbc.query("SELECT " + LedgerRows.LINK_COLUMNS + " FROM ledger_link "
                + "WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?", LedgerRows.LINK,
                after, last, PAGE), LedgerLink::globalIndex);
        Cursor<LedgerRoot> roots = new Cursor<>(after -> jdbc.query("SELECT root_id, last_global_index, link_hash, created_at, "
                + "root_hash FROM ledger_root WHERE last_global_index > ? ORDER BY last_global_index LIMIT ?",
                (rs, i) -> new LedgerRoot(rs.getLong(1), rs.getLong(2), LedgerHashes.hex(rs.getBytes(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant().toString(), LedgerHashes.hex(rs.getBytes(5))),
                after, PAGE), LedgerRoot::lastGlobalIndex);

        byte[] previous = LedgerHashes.genesis();
        long linksVerified = 0;
        long rootsVerified = 0;
        while (rows.peek() != null || links.peek() != null) {
            LedgerEventRow row = rows.peek();
            LedgerLink link = links.peek();
            if (link == null || (row != null && row.globalIndex() < link.globalIndex())) {
                return failed(linksVerified, rootsVerified, last, new Mismatch(Problem.EVENT_NOT_CHAINED, row.globalIndex(),
                        row.eventIdentifier(), row.aggregateIdentifier(), row.payloadType(), null,
                        "This row is inside the chained range but has no link: it was written after the chain passed index "
                                + row.globalIndex()));
            }
            if (row == null || link.globalIndex() < row.globalIndex()) {
                return failed(linksVerified, rootsVerified, last, new Mismatch(Problem.EVENT_MISSING, link.globalIndex(),
                        link.eventIdentifier(), null, null, null,
                        "The chained event has no row at global index " + link.globalIndex() + " any more"));
            }
            byte[] content = row.contentHash();
            if (!Arrays.equals(content, link.contentHash()) || !row.eventIdentifier().equals(link.eventIdentifier())) {
                String detail = row.eventIdentifier().equals(link.eventIdentifier())
                        ? "The stored row differs from the content that was chained"
                        : "The stored row differs from the content that was chained; its event_identifier is now "
                                + row.eventIdentifier();
                return failed(linksVerified, rootsVerified, last, new Mismatch(Problem.EVENT_CHANGED, row.globalIndex(),
                        link.eventIdentifier(), row.aggregateIdentifier(), row.payloadType(), null, detail));
            }
            byte[] expected = LedgerHashes.link(previous, content);
            if (!Arrays.equals(link.previousLinkHash(), previous) || !Arrays.equals(link.linkHash(), expected)) {
                return failed(linksVerified, rootsVerified, last, new Mismatch(Problem.LINK_CHANGED, link.globalIndex(),
                        link.eventIdentifier(), row.aggregateIdentifier(), row.payloadType(), null,
                        "The stored link does not follow from its predecessor"));
            }
            previous = expected;
            linksVerified++;
            rows.next();
            links.next();
            while (roots.peek() != null && roots.peek().lastGlobalIndex() <= link.globalIndex()) {
                LedgerRoot root = roots.next();
                if (root.lastGlobalIndex() != link.globalIndex() || !root.linkHash().equals(LedgerHashes.hex(previous))
                        || !root.hashMatches()) {
                    return failed(linksVerified, rootsVerified, last, rootChanged(root));
                }
                rootsVerified++;
            }
        }
        if (roots.peek() != null) {
            return failed(linksVerified, rootsVerified, last, rootChanged(roots.peek()));
        }
        Long awaiting = jdbc.queryForObject("SELECT count(*) FROM " + EventTable.NAME + " WHERE global_index > ?", Long.class, last);
        return new Report(true, linksVerified, rootsVerified, last, awaiting == null ? 0 : awaiting, null);
    }

    private static Mismatch rootChanged(LedgerRoot root) {
        return new Mismatch(Problem.ROOT_CHANGED, root.lastGlobalIndex(), null, null, null, root.rootId(),
                "Root " + root.rootId() + " does not match the chain at global index " + root.lastGlobalIndex());
    }

    private Report failed(long links, long roots, long last, Mismatch mismatch) {
        Long awaiting = jdbc.queryForObject("SELECT count(*) FROM " + EventTable.NAME + " WHERE global_index > ?", Long.class, last);
        return new Report(false, links, roots, last, awaiting == null ? 0 : awaiting, mismatch);
    }

    /** Reads a table in key order, one page at a time. */
    private static final class Cursor<T> {

        private final LongFunction<List<T>> fetchAfter;
        private final ToLongFunction<T> key;
        private final Deque<T> buffer = new ArrayDeque<>();
        private long after = Long.MIN_VALUE;
        private boolean exhausted;

        Cursor(LongFunction<List<T>> fetchAfter, ToLongFunction<T> key) {
            this.fetchAfter = fetchAfter;
            this.key = key;
        }

        T peek() {
            if (buffer.isEmpty() && !exhausted) {
                List<T> page = fetchAfter.apply(after);
                buffer.addAll(page);
                if (page.size() < PAGE) {
                    exhausted = true;
                }
                if (!page.isEmpty()) {
                    after = key.applyAsLong(page.get(page.size() - 1));
                }
            }
            return buffer.peekFirst();
        }

        T next() {
            T value = peek();
            buffer.pollFirst();
            return value;
        }
    }
}
