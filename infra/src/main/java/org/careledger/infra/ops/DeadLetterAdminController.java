package org.careledger.infra.ops;

import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.messaging.EventTable;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Parked events (ADMIN only, ADR 0018): the events a projection could not apply, with their error;
 * a retry (after the cause has been fixed) and an eviction, each written to {@code dead_letter_audit}.
 * <p>
 * Events of one sequence (an institution, for most projections) are applied in order, so a retry
 * starts with the first parked event of the parked event's sequence and goes on with the events
 * parked behind it until one fails again. An eviction drops one parked event for good; the events
 * parked behind it stay parked until they are retried.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public record DeadLetterAdminController(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                                        DeadLetterMetrics metrics) {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdminController.class);
    private static final int MAX_LIMIT = 1000;

    /** A parked event. {@code position} is the event's global index in the store (null if it is not there). */
    public record ParkedEvent(String id, String projection, String sequence, long sequenceIndex, String eventId,
                              Long position, String payloadType, String aggregateId, String enqueuedAt,
                              String lastTouched, String causeType, String causeMessage) {
    }

    public record Outcome(String id, String projection, String action, String outcome, long stillParkedInSequence,
                          String causeType, String causeMessage) {
    }

    public record AuditEntry(long auditId, String at, String actorId, String actorRole, String action, String id,
                             String projection, String sequence, String eventId, String payloadType, String outcome,
                             String detail) {
    }

    private static final String SELECT = """
            SELECT d.dead_letter_id, d.processing_group, d.sequence_identifier, d.sequence_index, d.event_identifier,
                   e.global_index, d.payload_type, d.aggregate_identifier, d.enqueued_at, d.last_touched,
                   d.cause_type, d.cause_message
            FROM dead_letter_entry d LEFT JOIN %s e ON e.event_identifier = d.event_identifier
            """.formatted(EventTable.NAME);

    @GetMapping
    public Mono<List<ParkedEvent>> list(Caller caller, @RequestParam(required = false) String projection,
                                        @RequestParam(required = false) Integer limit) {
        return asAdmin(caller, () -> {
            int size = limit(limit);
            return projection == null || projection.isBlank()
                    ? jdbc.query(SELECT + "ORDER BY d.processing_group, d.sequence_identifier, d.sequence_index LIMIT ?",
                    (rs, n) -> parked(rs), size)
                    : jdbc.query(SELECT + "WHERE d.processing_group = ? ORDER BY d.sequence_identifier, d.sequence_index "
                    + "LIMIT ?", (rs, n) -> parked(rs), projection, size);
        });
    }

    @GetMapping("/{id}")
    public Mono<ParkedEvent> get(Caller caller, @PathVariable String id) {
        return asAdmin(caller, () -> find(id));
    }

    /** Applies the parked event's sequence again, from its first parked event. */
    @PostMapping("/{id}/retry")
    public Mono<Outcome> retry(Caller caller, @PathVariable String id) {
        return onParkedEvent(caller, id, letter -> {
            SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(letter.projection())
                    .orElseThrow(() -> notFound(id));
            String head = jdbc.queryForObject("SELECT dead_letter_id FROM dead_letter_entry WHERE processing_group = ? "
                    + "AND sequence_identifier = ? ORDER BY sequence_index LIMIT 1", String.class,
                    letter.projection(), letter.sequence());
            boolean processed = processor.process(d -> d instanceof JdbcDeadLetter<?> j && j.getIdentifier().equals(head));
            ParkedEvent after = jdbc.query(SELECT + "WHERE d.dead_letter_id = ?", (rs, n) -> parked(rs), id).stream()
                    .findFirst().orElse(null);
            String outcome = after == null ? "PROJECTED" : "STILL_PARKED";
            Outcome result = new Outcome(id, letter.projection(), "RETRY", outcome, remaining(letter),
                    after == null ? null : after.causeType(), after == null ? null : after.causeMessage());
            audit(caller, "RETRY", letter, outcome, after == null ? (processed ? null : "a later event of the sequence "
                    + "failed again") : after.causeType() + ": " + after.causeMessage());
            log.info("{} retried parked event {} of {}: {}", caller.actorId(), id, letter.projection(), outcome);
            return result;
        });
    }

    /** Drops one parked event for good; the events parked behind it stay parked. */
    @DeleteMapping("/{id}")
    public Mono<Outcome> evict(Caller caller, @PathVariable String id) {
        return onParkedEvent(caller, id, letter -> {
            SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(letter.projection())
                    .orElseThrow(() -> notFound(id));
            DeadLetter<? extends EventMessage<?>> target = null;
            for (DeadLetter<? extends EventMessage<?>> d : queue.deadLetterSequence(letter.sequence())) {
                if (d instanceof JdbcDeadLetter<?> j && j.getIdentifier().equals(id)) {
                    target = d;
                    break;
                }
            }
            if (target == null) {
                throw notFound(id);
            }
            queue.evict(target);
            audit(caller, "EVICT", letter, "EVICTED", null);
            log.info("{} evicted parked event {} ({}) of {}", caller.actorId(), id, letter.eventId(), letter.projection());
            return new Outcome(id, letter.projection(), "EVICT", "EVICTED", remaining(letter), null, null);
        });
    }

    @GetMapping("/audit")
    public Mono<List<AuditEntry>> audit(Caller caller, @RequestParam(required = false) Integer limit) {
        return asAdmin(caller, () -> jdbc.query("SELECT audit_id, at, actor_id, actor_role, action, dead_letter_id, "
                        + "processing_group, sequence_identifier, event_identifier, payload_type, outcome, detail "
                        + "FROM dead_letter_audit ORDER BY audit_id DESC LIMIT ?",
                (rs, n) -> new AuditEntry(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant().toString(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)), limit(limit)));
    }

    /** Every endpoint here: administrators only, the JDBC work off the event loop. */
    private static <T> Mono<T> asAdmin(Caller caller, Callable<T> work) {
        caller.requireRole(Role.ADMIN);
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** An administrator's action on one parked event (404 if there is none); the gauge is refreshed after it. */
    private Mono<Outcome> onParkedEvent(Caller caller, String id, Function<ParkedEvent, Outcome> action) {
        return asAdmin(caller, () -> {
            Outcome outcome = action.apply(find(id));
            metrics.refresh();
            return outcome;
        });
    }

    private ParkedEvent find(String id) {
        if (id == null || id.length() > 255) {
            throw notFound(String.valueOf(id));
        }
        return jdbc.query(SELECT + "WHERE d.dead_letter_id = ?", (rs, n) -> parked(rs), id).stream().findFirst()
                .orElseThrow(() -> notFound(id));
    }

    private long remaining(ParkedEvent letter) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ? "
                + "AND sequence_identifier = ?", Long.class, letter.projection(), letter.sequence());
        return n == null ? 0 : n;
    }

    private void audit(Caller caller, String action, ParkedEvent letter, String outcome, String detail) {
        jdbc.update("INSERT INTO dead_letter_audit (at, actor_id, actor_role, action, dead_letter_id, processing_group, "
                        + "sequence_identifier, event_identifier, payload_type, outcome, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new Timestamp(System.currentTimeMillis()),
                caller.actorId(), caller.role().name(), action, letter.id(), letter.projection(), letter.sequence(),
                letter.eventId(), letter.payloadType(), outcome, detail);
    }

    private static ParkedEvent parked(java.sql.ResultSet rs) throws java.sql.SQLException {
        long position = rs.getLong(6);
        return new ParkedEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.wasNull() ? null : position, rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12));
    }

    private static int limit(Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit is 1.." + MAX_LIMIT);
        }
        return size;
    }

    private static DomainException notFound(String id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No parked event with id " + id);
    }
}
