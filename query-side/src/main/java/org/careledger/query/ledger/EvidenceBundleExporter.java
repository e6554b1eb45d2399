package org.careledger.query.ledger;

import java.io.ByteArrayOutputStream;
import java.sql.Array;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.ledger.EvidenceBundle;
import org.careledger.ledger.LedgerEventRow;
import org.careledger.ledger.LedgerHashes;
import org.careledger.ledger.LedgerLink;
import org.careledger.ledger.LedgerRoot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Builds an institution's evidence bundle from the ledger: the chain window from the
 * institution's first event up to the latest root, where the institution's events are given in
 * full with their links and every other event by its content hash only. Streamed page by page
 * (JDBC on the bounded elastic scheduler), so a long window never sits in memory.
 *
 * <p>The institution's events are the rows whose metadata {@code institutionId} is the id (as the
 * processor recorded it in {@code ledger_link.institution_id}) or whose aggregate is the
 * institution itself.
 */
@Component
public class EvidenceBundleExporter {

    private static final int PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public EvidenceBundleExporter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an export covers: decided before the first byte is sent. */
    public record Plan(InstitutionId institution, LedgerRoot root, long firstGlobalIndex, byte[] previousLinkHash) {
    }

    private record Page(List<byte[]> entries, long lastGlobalIndex, boolean last) {
    }

    /**
     * Checks that the institution exists and the caller may see it (its division, read from the
     * metadata of the institution's newest event), and finds the window. Blocking.
     */
    public Plan plan(Caller caller, InstitutionId institution) {
        caller.requireAccess(institution, divisionOf(institution));
        LedgerRoot root = jdbc.query("SELECT root_id, last_global_index, link_hash, created_at, root_hash FROM ledger_root "
                        + "ORDER BY root_id DESC LIMIT 1",
                rs -> rs.next() ? new LedgerRoot(rs.getLong(1), rs.getLong(2), LedgerHashes.hex(rs.getBytes(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant().toString(), LedgerHashes.hex(rs.getBytes(5))) : null);
        if (root == null) {
            throw notYetCovered(institution);
        }
        Long byMetadata = jdbc.queryForObject("SELECT min(global_index) FROM ledger_link WHERE institution_id = ? "
                + "AND global_index <= ?", Long.class, institution.value(), root.lastGlobalIndex());
        Long byAggregate = jdbc.queryForObject("SELECT min(l.global_index) FROM ledger_link l "
                + "JOIN " + EventTable.NAME + " e ON e.global_index = l.global_index "
                + "WHERE e.aggregate_identifier = ? AND l.global_index <= ?", Long.class, institution.value(), root.lastGlobalIndex());
        Long first = byMetadata == null ? byAggregate : byAggregate == null ? byMetadata : Math.min(byMetadata, byAggregate);
        if (first == null) {
            throw notYetCovered(institution);
        }
        byte[] previous = jdbc.queryForObject("SELECT previous_link_hash FROM ledger_link WHERE global_index = ?",
                byte[].class, first);
        return new Plan(institution, root, first, previous);
    }

    /** The bundle's bytes, in order; concatenated they are the JSON document. */
    public Flux<byte[]> stream(Plan plan) {
        return Flux.defer(() -> {
            boolean[] firstEntry = {true};
            Flux<byte[]> entries = fetch(plan, plan.firstGlobalIndex() - 1)
                    .expand(page -> page.last() ? Mono.empty() : fetch(plan, page.lastGlobalIndex()))
                    .map(page -> join(page.entries(), firstEntry))
                    .filter(bytes -> bytes.length > 0);
            return Flux.concat(Mono.fromCallable(() -> EvidenceBundle.header(plan.institution().value(), plan.root(),
                    plan.previousLinkHash())), entries, Mono.just(EvidenceBundle.FOOTER));
        });
    }

    private Mono<Page> fetch(Plan plan, long after) {
        return Mono.fromCallable(() -> page(plan, after)).subscribeOn(Schedulers.boundedElastic());
    }

    private Page page(Plan plan, long after) {
        String id = plan.institution().value();
        List<LedgerLink> links = new ArrayList<>(PAGE);
        List<Long> included = new ArrayList<>();
        jdbc.query("SELECT l.global_index, l.event_identifier, l.content_hash, l.previous_link_hash, l.link_hash, "
                        + "coalesce(l.institution_id = ? OR e.aggregate_identifier = ?, false) AS included "
                        + "FROM ledger_link l LEFT JOIN " + EventTable.NAME + " e ON e.global_index = l.global_index "
                        + "WHERE l.global_index > ? AND l.global_index <= ? ORDER BY l.global_index LIMIT ?",
                rs -> {
                    LedgerLink link = LedgerRows.LINK.mapRow(rs, 0);
                    links.add(link);
                    if (rs.getBoolean("included")) {
                        included.add(link.globalIndex());
                    }
                }, id, id, after, plan.root().lastGlobalIndex(), PAGE);
        Map<Long, LedgerEventRow> rows = new HashMap<>();
        if (!included.isEmpty()) {
            jdbc.query(con -> {
                var statement = con.prepareStatement("SELECT " + LedgerRows.EVENT_COLUMNS
                        + " FROM " + EventTable.NAME + " WHERE global_index = ANY (?)");
                Array indexes = con.createArrayOf("bigint", included.toArray());
                statement.setArray(1, indexes);
                return statement;
            }, rs -> {
                LedgerEventRow row = LedgerRows.EVENT.mapRow(rs, 0);
                rows.put(row.globalIndex(), row);
            });
        }
        List<byte[]> entries = new ArrayList<>(links.size());
        for (LedgerLink link : links) {
            LedgerEventRow row = rows.get(link.globalIndex());
            entries.add(row == null ? EvidenceBundle.hashEntry(link.contentHash()) : EvidenceBundle.eventEntry(row, link));
        }
        long last = links.isEmpty() ? after : links.get(links.size() - 1).globalIndex();
        return new Page(entries, last, links.size() < PAGE || last >= plan.root().lastGlobalIndex());
    }

    private static byte[] join(List<byte[]> entries, boolean[] firstEntry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            if (!firstEntry[0]) {
                out.writeBytes(EvidenceBundle.SEPARATOR);
            }
            firstEntry[0] = false;
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    /** The institution's division, from the metadata of its own newest event; 404 if it has none. */
    private DivisionCode divisionOf(InstitutionId institution) {
        List<byte[]> meta = jdbc.queryForList("SELECT meta_data FROM " + EventTable.NAME + " WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", byte[].class, institution.value());
        try {
            JsonNode node = meta.isEmpty() || meta.get(0) == null ? null : json.readTree(meta.get(0));
            JsonNode about = node == null ? null : node.get(EventMetadata.INSTITUTION_ID);
            JsonNode division = node == null ? null : node.get(EventMetadata.JURISDICTION);
            if (about != null && institution.value().equals(about.asText()) && division != null && division.isTextual()) {
                return DivisionCode.parse(division.asText());
            }
        } catch (java.io.IOException | DomainException e) {
            // not an institution's metadata
        }
        throw new DomainException(ErrorCode.INSTITUTION_NOT_FOUND, "No institution " + institution);
    }

    private static DomainException notYetCovered(InstitutionId institution) {
        return new DomainException(ErrorCode.PROJECTION_NOT_CAUGHT_UP, "No published ledger root covers the events of "
                + "institution " + institution + " yet; retry shortly");
    }
}
