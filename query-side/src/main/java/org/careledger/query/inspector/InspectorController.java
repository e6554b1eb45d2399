package org.careledger.query.inspector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.InputRules;
import org.careledger.query.progress.ProjectionProgress;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The inspector's view of one institution's past (issue 5): every event about it across all its
 * aggregates as an NDJSON stream (cursor-paged, filtered by time and type), its state as of any
 * instant in both readings, and what changed between two instants. Inspectors of the
 * institution's jurisdiction and administrators only. Events name children by opaque reference;
 * their personal data is seen only through the recorded personal-data view.
 */
@RestController
@WebAdapter
@RequestMapping("/api/v1/inspector/institutions/{id}")
public record InspectorController(InspectorQueries queries, ProjectionProgress progress, ObjectMapper json) {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;

    /** One line of the history: the event as stored, with both times. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryLine(long position, String eventId, String type, String revision, String aggregateType,
                              String aggregateId, long sequence, Instant recordedAt, Instant businessAt,
                              @JsonRawValue String payload, @JsonRawValue String metaData) {
    }

    public record Diff(String institutionId, String reading, Instant from, Instant to, List<JsonDiff.Change> changes) {
    }

    @GetMapping(value = "/history", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<HistoryLine> history(Caller caller, @PathVariable String id, @ParameterObject HistoryQuery query) {
        InstitutionId institution = institutionId(id);
        int size = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        long after = query.after() == null ? 0L : query.after();
        if (size < 1 || size > MAX_LIMIT || after < 0) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit is 1.." + MAX_LIMIT + " and after is a position ≥ 0");
        }
        String column = timeColumn(query.time());
        Instant start = query.from() == null || query.from().isBlank() ? null : instant("from", query.from(), false);
        Instant end = query.to() == null || query.to().isBlank() ? null : instant("to", query.to(), true);
        String[] names = null;
        if (query.types() != null && !query.types().isBlank()) {
            names = Arrays.stream(query.types().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                    .toArray(String[]::new);
            if (names.length > 50 || Arrays.stream(names).anyMatch(t -> !t.matches("[A-Za-z][A-Za-z0-9]{0,99}"))) {
                throw new DomainException(ErrorCode.INVALID_QUERY, "types is a comma-separated list of at most 50 event type names");
            }
        }
        InspectorQueries.HistoryFilter filter = new InspectorQueries.HistoryFilter(institution, after, names, column,
                start, end, size);
        return authorised(caller, institution, query.minPosition()).thenMany(Flux.defer(() -> queries.history(filter)));
    }

    @GetMapping("/state")
    public Mono<InstitutionState> state(Caller caller, @PathVariable String id, @RequestParam(required = false) String asOf,
                                        @RequestParam(required = false) String reading,
                                        @RequestParam(required = false) Long minPosition) {
        InstitutionId institution = institutionId(id);
        Instant at = asOf == null || asOf.isBlank() ? Instant.now() : instant("asOf", asOf, true);
        InstitutionReplay.Reading r = reading(reading);
        return authorised(caller, institution, minPosition)
                .then(queries.stateAt(institution, at, r))
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
                .then(Mono.zip(queries.stateAt(institution, a, r).map(s -> json.valueToTree(s)).defaultIfEmpty(json.nullNode()),
                        queries.stateAt(institution, b, r).map(s -> json.valueToTree(s)).defaultIfEmpty(json.nullNode())))
                .map(t -> new Diff(institution.value(), r.name(), a, b,
                        JsonDiff.between((JsonNode) t.getT1(), (JsonNode) t.getT2(), List.of("/asOf"))));
    }

    /** Inspectors of the institution's jurisdiction and administrators, after the index caught up. */
    private Mono<Void> authorised(Caller caller, InstitutionId institution, Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.ADMIN);
        return progress.await(HistoryIndexProjection.NAME, minPosition)
                .then(queries.divisionOf(institution))
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
                return endOfDay ? day.plusDays(1).atStartOfDay(InputRules.ZONE).toInstant().minus(1, ChronoUnit.MICROS)
                        : day.atStartOfDay(InputRules.ZONE).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new DomainException(ErrorCode.INVALID_QUERY, field + " is an ISO instant or a date YYYY-MM-DD");
            }
        }
    }

    private static InstitutionId institutionId(String raw) {
        return org.careledger.kernel.id.Identifiers.inPath(raw, InstitutionId::new, "institution id");
    }
}
