package org.careledger.query.inspector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The inspector's view of one institution's past (issue 5): every event about it across all its
 * aggregates as an NDJSON stream (cursor-paged, filtered by time and type), its state as of any
 * instant in both readings, and what changed between two instants. Inspectors of the
 * institution's jurisdiction and administrators only. Events name children by opaque reference;
 * their personal data is seen only through the recorded personal-data view.
 */
@RestController
@RequestMapping("/api/v1/inspector/institutions/{id}")
public class InspectorController {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;

    private final DatabaseClient db;
    private final ProjectionProgress progress;
    private final Serializer serializer;
    private final ObjectMapper json;
    private final InstitutionViewJson views;

    public InspectorController(DatabaseClient db, ProjectionProgress progress,
                               @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json,
                               InstitutionViewJson views) {
        this.db = db;
        this.progress = progress;
        this.serializer = serializer;
        this.json = json;
        this.views = views;
    }

    /** One line of the history: the event as stored, with both times. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryLine(long position, String eventId, String type, String revision, String aggregateType,
                              String aggregateId, long sequence, Instant recordedAt, Instant businessAt,
                              @JsonRawValue String payload, @JsonRawValue String metaData) {
    }

    public record Diff(String institutionId, String reading, Instant from, Instant to, List<JsonDiff.Change> changes) {
    }

    @GetMapping(value = "/history", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<HistoryLine> history(Caller caller, @PathVariable String id,
                                     @RequestParam(required = false) Long after,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String types,
                                     @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String time,
                                     @RequestParam(required = false) Long minPosition) {
        InstitutionId institution = institutionId(id);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT || (after != null && after < 0)) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit is 1.." + MAX_LIMIT + " and after is a position ≥ 0");
        }
        String column = timeColumn(time);
        Instant start = from == null || from.isBlank() ? null : instant("from", from, false);
        Instant end = to == null || to.isBlank() ? null : instant("to", to, true);
        List<Object> binds = new ArrayList<>(List.of(institution.value(), after == null ? 0L : after));
        StringBuilder sql = new StringBuilder("""
                SELECT e.global_index, e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number,
                       e.payload_type, e.payload_revision, e.payload, e.meta_data, h.recorded_at, h.business_at
                FROM institution_history h JOIN domain_event_entry e ON e.global_index = h.global_index
                WHERE h.institution_id = $1 AND h.global_index > $2""");
        if (types != null && !types.isBlank()) {
            String[] names = Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toArray(String[]::new);
            if (names.length > 50 || Arrays.stream(names).anyMatch(t -> !t.matches("[A-Za-z][A-Za-z0-9]{0,99}"))) {
                throw new DomainException(ErrorCode.INVALID_QUERY, "types is a comma-separated list of at most 50 event type names");
            }
            binds.add(names);
            sql.append(" AND h.event_type = ANY($").append(binds.size()).append(")");
        }
        if (start != null) {
            binds.add(OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
            sql.append(" AND h.").append(column).append(" >= $").append(binds.size());
        }
        if (end != null) {
            binds.add(OffsetDateTime.ofInstant(end, java.time.ZoneOffset.UTC));
            sql.append(" AND h.").append(column).append(" <= $").append(binds.size());
        }
        sql.append(" ORDER BY h.global_index LIMIT ").append(size);
        return authorised(caller, institution, minPosition).thenMany(Flux.defer(() -> {
            return org.careledger.query.api.Scopes.bind(db.sql(sql.toString()), binds).map(row -> {
                String payloadType = row.get("payload_type", String.class);
                byte[] meta = row.get("meta_data", byte[].class);
                return new HistoryLine(row.get("global_index", Long.class), row.get("event_identifier", String.class),
                        payloadType.substring(payloadType.lastIndexOf('.') + 1), row.get("payload_revision", String.class),
                        row.get("type", String.class), row.get("aggregate_identifier", String.class),
                        row.get("sequence_number", Long.class), row.get("recorded_at", OffsetDateTime.class).toInstant(),
                        row.get("business_at", OffsetDateTime.class).toInstant(),
                        new String(row.get("payload", byte[].class), StandardCharsets.UTF_8),
                        meta == null ? null : new String(meta, StandardCharsets.UTF_8));
            }).all();
        }));
    }

    @GetMapping("/state")
    public Mono<InstitutionState> state(Caller caller, @PathVariable String id, @RequestParam(required = false) String asOf,
                                        @RequestParam(required = false) String reading,
                                        @RequestParam(required = false) Long minPosition) {
        InstitutionId institution = institutionId(id);
        Instant at = asOf == null || asOf.isBlank() ? Instant.now() : instant("asOf", asOf, true);
        InstitutionReplay.Reading r = reading(reading);
        return authorised(caller, institution, minPosition)
                .then(stateAt(institution, at, r))
                .switchIfEmpty(Mono.error(new DomainException(ErrorCode.INSTITUTION_NOT_FOUND,
                        "The institution was not known as of " + at + " (" + r + " reading)")));
    }

    @GetMapping("/diff")
    public Mono<Diff> diff(Caller caller, @PathVariable String id, @RequestParam String from, @RequestParam String to,
                           @RequestParam(required = false) String reading,
                           @RequestParam(required = false) Long minPosition) {
        InstitutionId institution = institutionId(id);
        Instant a = instant("from", from, true);
        Instant b = instant("to", to, true);
        if (a.isAfter(b)) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "from must not be after to");
        }
        InstitutionReplay.Reading r = reading(reading);
        return authorised(caller, institution, minPosition)
                .then(Mono.zip(stateAt(institution, a, r).map(s -> json.valueToTree(s)).defaultIfEmpty(json.nullNode()),
                        stateAt(institution, b, r).map(s -> json.valueToTree(s)).defaultIfEmpty(json.nullNode())))
                .map(t -> new Diff(institution.value(), r.name(), a, b,
                        JsonDiff.between((JsonNode) t.getT1(), (JsonNode) t.getT2(), List.of("/asOf"))));
    }

    /**
     * The state as of the instant in a reading: the latest snapshot usable at that instant (if any)
     * and the state events after it, folded as a fold from the first event would (ADR 0016).
     */
    private Mono<InstitutionState> stateAt(InstitutionId institution, Instant at, InstitutionReplay.Reading reading) {
        OffsetDateTime asOf = OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
        Mono<InstitutionView> view = reading == InstitutionReplay.Reading.RECORDED
                ? db.sql("""
                        SELECT position, max_recorded_at, view FROM institution_snapshot_recorded
                        WHERE institution_id = $1 AND max_recorded_at <= $2 ORDER BY position DESC LIMIT 1""")
                        .bind(0, institution.value()).bind(1, asOf)
                        .map(row -> new StoredSnapshot(row.get("position", Long.class), null, 0,
                                row.get("max_recorded_at", OffsetDateTime.class).toInstant(), row.get("view", String.class)))
                        .one().map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(snapshot -> events(institution, asOf, "h.recorded_at <= $2 AND h.global_index > $3",
                                "h.global_index", snapshot.map(StoredSnapshot::position).orElse(-1L))
                                .publishOn(Schedulers.parallel())
                                .mapNotNull(events -> InstitutionReplay.recordedFrom(snapshot.map(s -> new InstitutionReplay
                                        .RecordedSnapshot(s.position(), s.maxAt(), views.read(s.view()))).orElse(null), events, at)))
                : db.sql("""
                        SELECT cut_business_at, cut_position, sequence, max_business_at, view FROM institution_snapshot_business
                        WHERE institution_id = $1 AND max_business_at <= $2
                        ORDER BY cut_business_at DESC, cut_position DESC LIMIT 1""")
                        .bind(0, institution.value()).bind(1, asOf)
                        .map(row -> new StoredSnapshot(row.get("cut_position", Long.class),
                                row.get("cut_business_at", OffsetDateTime.class), row.get("sequence", Long.class),
                                row.get("max_business_at", OffsetDateTime.class).toInstant(), row.get("view", String.class)))
                        .one().map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .flatMap(snapshot -> (snapshot.isEmpty()
                                ? events(institution, asOf, "h.business_at <= $2", "h.business_at, h.global_index")
                                // "after the cut" spelled out so that PostgreSQL estimates it from the
                                // index (a row comparison is estimated blindly: a hash join over the store)
                                : events(institution, asOf, "h.business_at <= $2 AND h.event_type <> 'FilingSubmitted' "
                                        + "AND ((h.business_at = $3 AND h.global_index > $4) OR h.business_at > $3)",
                                        "h.business_at, h.global_index",
                                        snapshot.get().cutAt(), snapshot.get().position()))
                                .publishOn(Schedulers.parallel())
                                .mapNotNull(events -> InstitutionReplay.businessFrom(snapshot.map(s -> new InstitutionReplay
                                        .BusinessSnapshot(s.cutAt().toInstant(), s.position(), s.sequence(), s.maxAt(),
                                        views.read(s.view()))).orElse(null), events, at)));
        return view.map(v -> InstitutionState.of(v, at, reading));
    }

    /** A stored snapshot as read, its view still JSON (parsed off the event loop). */
    private record StoredSnapshot(long position, OffsetDateTime cutAt, long sequence, Instant maxAt, String view) {
    }

    /** The institution's state events matching the condition ($1 the institution, $2 the instant, then args). */
    private Mono<List<InstitutionReplay.StoredEvent>> events(InstitutionId institution, OffsetDateTime asOf, String condition,
                                                            String order, Object... args) {
        List<Object> binds = new ArrayList<>(List.of(institution.value(), asOf));
        binds.addAll(List.of(args));
        return org.careledger.query.api.Scopes.bind(db.sql(AsOfSnapshots.stateEventsQuery("$1", condition, order)), binds)
                .map(row -> AsOfSnapshots.storedEvent(serializer, row.get("global_index", Long.class),
                        row.get("recorded_at", OffsetDateTime.class).toInstant(),
                        row.get("business_at", OffsetDateTime.class).toInstant(), row.get("payload_type", String.class),
                        row.get("payload_revision", String.class), row.get("payload", byte[].class)))
                .all()
                .collectList();
    }

    /** Inspectors of the institution's jurisdiction and administrators, after the index caught up. */
    private Mono<Void> authorised(Caller caller, InstitutionId institution, Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.ADMIN);
        return progress.await(HistoryIndexProjection.NAME, minPosition)
                .then(db.sql("SELECT division_code FROM supervision_institution WHERE institution_id = $1")
                        .bind(0, institution.value()).map(row -> row.get("division_code", String.class)).one())
                .switchIfEmpty(Mono.error(new DomainException(ErrorCode.INSTITUTION_NOT_FOUND, "No such institution")))
                .doOnNext(division -> caller.requireAccess(institution, DivisionCode.parse(division)))
                .then();
    }

    private static String timeColumn(String time) {
        if (time == null || time.isBlank() || time.equalsIgnoreCase("recorded")) {
            return "recorded_at";
        }
        if (time.equalsIgnoreCase("business")) {
            return "business_at";
        }
        throw new DomainException(ErrorCode.INVALID_QUERY, "time is recorded or business");
    }

    private static InstitutionReplay.Reading reading(String raw) {
        if (raw == null || raw.isBlank()) {
            return InstitutionReplay.Reading.RECORDED;
        }
        try {
            return InstitutionReplay.Reading.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "reading is RECORDED (as known then) or BUSINESS (as now known)");
        }
    }

    /** An ISO instant, or a date: its start (from) or its end (to, asOf) in China Standard Time. */
    static Instant instant(String field, String raw, boolean endOfDay) {
        String value = raw.strip();
        try {
            return org.careledger.kernel.value.InputRules.queryInstant(field, Instant.parse(value).truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = org.careledger.kernel.value.InputRules.queryDate(field, value);
                // the last microsecond of the day: PostgreSQL keeps microseconds (and would round nanoseconds up)
                return endOfDay ? day.plusDays(1).atStartOfDay(BusinessTime.CHINA).toInstant().minus(1, ChronoUnit.MICROS)
                        : day.atStartOfDay(BusinessTime.CHINA).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new DomainException(ErrorCode.INVALID_QUERY, field + " is an ISO instant or a date YYYY-MM-DD");
            }
        }
    }

    private static InstitutionId institutionId(String raw) {
        return org.careledger.kernel.id.Identifiers.inPath(raw, InstitutionId::of, "institution id");
    }
}
