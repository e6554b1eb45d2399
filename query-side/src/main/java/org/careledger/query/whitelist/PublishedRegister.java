package org.careledger.query.whitelist;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the versions the {@link PublicRegisterProjection} keeps: the register as it was published
 * up to an instant, and the change feed. Through R2DBC, never blocking a thread.
 * <p>
 * An answer as of a past day must never change, so before reading it the projection is awaited up
 * to the event store's head as the request arrives: every version published that day is then in
 * the table (or the answer is 503 {@code PROJECTION_NOT_CAUGHT_UP}, and nothing is cached).
 */
@Component
public class PublishedRegister {

    /** Answers about a past day never change: cacheable for good (RFC 8246). */
    public static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final DatabaseClient db;
    private final ProjectionProgress progress;
    private final ObjectMapper json;
    private final Duration revokedVisible;

    public PublishedRegister(DatabaseClient db, ProjectionProgress progress, ObjectMapper json,
                             @Value("${careledger.white-list.revoked-visible-days:180}") long revokedVisibleDays) {
        this.db = db;
        this.progress = progress;
        this.json = json;
        this.revokedVisible = Duration.ofDays(revokedVisibleDays);
    }

    /**
     * Filed institutions as the white-list shows them at an instant: filed or suspended, revoked or
     * deregistered ones for {@code careledger.white-list.revoked-visible-days} after the change;
     * never submitted or rejected filings.
     */
    public Predicate<PublicWhiteList.Entry> visibleAt(Instant at) {
        Instant cutoff = at.minus(revokedVisible);
        return e -> e.listed() && switch (e.status()) {
            case "FILED", "SUSPENDED" -> true;
            case "REVOKED", "DEREGISTERED" -> e.statusChangedAt() != null && !e.statusChangedAt().isBefore(cutoff);
            default -> false;
        };
    }

    /** Until when a revoked or deregistered entry stays on the register (null: while it is not). */
    Instant visibleUntil(String status, Instant statusChangedAt) {
        return statusChangedAt != null && ("REVOKED".equals(status) || "DEREGISTERED".equals(status))
                ? statusChangedAt.plus(revokedVisible) : null;
    }

    /** Completes once the projection has passed the event store's head as it is now (503 past the read timeout). */
    public Mono<Void> caughtUp() {
        return db.sql("SELECT coalesce(max(global_index), 0) AS head FROM " + EventTable.NAME)
                .map((row, meta) -> row.get("head", Long.class)).one()
                .flatMap(head -> progress.await(PublicRegisterProjection.NAME, head));
    }

    /**
     * The entries on the register at {@code cut} as they were published, in the white-list's order
     * (filing number, then institution id); streamed from the store.
     */
    public Flux<PublicWhiteList.Entry> asOf(Instant cut) {
        Predicate<PublicWhiteList.Entry> visible = visibleAt(cut);
        return db.sql("""
                        SELECT institution_id, global_index, filing_number, status, status_changed_at, entry FROM (
                            SELECT DISTINCT ON (institution_id) institution_id, global_index, change, filing_number, status,
                                   status_changed_at, entry
                            FROM public_register_version WHERE valid_from < $1
                            ORDER BY institution_id, global_index DESC) latest
                        WHERE change = 'PUBLISHED'
                        ORDER BY filing_number COLLATE "C" NULLS FIRST, institution_id COLLATE "C\"""")
                .bind(0, OffsetDateTime.ofInstant(cut, ZoneOffset.UTC))
                .map((row, meta) -> entry(row.get("institution_id", String.class), row.get("global_index", Long.class),
                        row.get("filing_number", String.class), row.get("status", String.class),
                        instant(row.get("status_changed_at", OffsetDateTime.class)), row.get("entry", String.class)))
                .all()
                .filter(visible);
    }

    /** The entries at {@code cut}, for a search (the register of a region is hundreds to a few thousand entries). */
    public Mono<List<PublicWhiteList.Entry>> listAsOf(Instant cut) {
        return caughtUp().thenMany(asOf(cut)).collectList();
    }

    /**
     * A fingerprint of the register at {@code cut}: how many versions were published by then and
     * the last of them. Known before the answer is streamed, it makes the export's ETag.
     */
    public Mono<String> fingerprint(Instant cut) {
        return db.sql("SELECT count(*) AS n, coalesce(max(global_index), 0) AS last FROM public_register_version WHERE valid_from < $1")
                .bind(0, OffsetDateTime.ofInstant(cut, ZoneOffset.UTC))
                .map((row, meta) -> row.get("n", Long.class) + "-" + row.get("last", Long.class)).one();
    }

    /** Marks an answer about a past day as immutable (nothing for the live register). */
    public static void immutable(ServerHttpResponse response, Instant cut) {
        if (cut != null) {
            response.getHeaders().setCacheControl(IMMUTABLE);
        }
    }

    /** One version of the change feed. */
    public record Version(long cursor, String change, String filingNumber, Instant publishedAt, String status,
                          Instant statusChangedAt, String entry) {
    }

    /**
     * The cursors of the next versions after {@code after}, at most {@code limit}, among those that
     * are final: below every position the projection may still fill (a gap, a slower segment).
     */
    public Mono<List<Long>> nextCursors(long after, int limit) {
        return progress.completeUpTo(PublicRegisterProjection.NAME)
                .flatMap(complete -> db.sql("""
                                SELECT global_index FROM public_register_version WHERE global_index > $1 AND global_index <= $2
                                ORDER BY global_index LIMIT $3""")
                        .bind(0, after).bind(1, complete).bind(2, limit)
                        .map((row, meta) -> row.get("global_index", Long.class)).all().collectList());
    }

    /** The versions after {@code after} up to and including {@code upTo}, in order; streamed. */
    public Flux<Version> versions(long after, long upTo) {
        return db.sql("""
                        SELECT global_index, change, filing_number, valid_from, status, status_changed_at, entry
                        FROM public_register_version WHERE global_index > $1 AND global_index <= $2 ORDER BY global_index""")
                .bind(0, after).bind(1, upTo)
                .map((row, meta) -> new Version(row.get("global_index", Long.class), row.get("change", String.class),
                        row.get("filing_number", String.class), instant(row.get("valid_from", OffsetDateTime.class)),
                        row.get("status", String.class), instant(row.get("status_changed_at", OffsetDateTime.class)),
                        row.get("entry", String.class)))
                .all();
    }

    /** A stored version as a white-list entry: its search keys are read from the entry as published. */
    PublicWhiteList.Entry entry(String institutionId, long position, String filingNumber, String status,
                                Instant statusChangedAt, String entry) {
        JsonNode node;
        try {
            node = json.readTree(entry);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a stored public register entry", e);
        }
        Set<String> prefixes = Set.copyOf(DivisionCode.parse(node.path("division").asText()).searchPrefixes());
        JsonNode location = node.path("location");
        return new PublicWhiteList.Entry(institutionId, position, filingNumber, true, status, statusChangedAt, prefixes,
                node.path("institutionType").asText(null), node.path("puhui").asBoolean(), strings(node.path("classTypes")),
                strings(node.path("serviceTypes")), node.path("vacancies").asInt(), NameTokens.of(node.path("name").asText("")),
                location.path("latitude").asDouble(), location.path("longitude").asDouble(), entry);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
