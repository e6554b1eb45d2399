package org.careledger.infra.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes events straight into the event store, past every check of the command side, as a bug or
 * an old release could have written them; and reads what the projections parked.
 */
public final class PoisonEvents {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public PoisonEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored event: its identifier and global index. */
    public record Stored(String eventId, long position) {
    }

    /**
     * Appends an event about {@code institutionId} (payload and metadata as JSON maps) under an
     * aggregate of its own; answers the stored row.
     */
    public Stored append(Class<?> payloadType, Map<String, Object> payload, String institutionId, String jurisdiction) {
        return appendRaw(payloadType.getName(), "1", write(payload), write(metaData(institutionId, jurisdiction)));
    }

    public Stored appendRaw(String payloadType, String revision, String payload, String metaData) {
        String eventId = UUID.randomUUID().toString();
        Long position = jdbc.queryForObject(INSERT, Long.class, eventId, UUID.randomUUID().toString(), Instant.now().toString(),
                payloadType, revision, payload.getBytes(StandardCharsets.UTF_8),
                metaData == null ? null : metaData.getBytes(StandardCharsets.UTF_8));
        return new Stored(eventId, position);
    }

    private static final String INSERT = "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
            + "VALUES (?, ?, 0, 'Injected', ?, ?, ?, ?, ?) RETURNING global_index";

    /** An event inserted in a transaction that is still open: its index is taken, the row not yet visible. */
    public record Uncommitted(Stored stored, java.sql.Connection connection) implements AutoCloseable {

        /** Commits: the event appears behind events with higher indexes that committed before it (it fills a gap). */
        public void commit() throws java.sql.SQLException {
            connection.commit();
        }

        @Override
        public void close() throws java.sql.SQLException {
            connection.rollback();
            connection.close();
        }
    }

    /**
     * Inserts an event as {@link #append} does, in a transaction left open until {@link
     * Uncommitted#commit}: events appended meanwhile get higher indexes and are seen first, so this
     * one fills a gap in the global index when it commits, as a slow transaction does.
     */
    public Uncommitted appendLater(Class<?> payloadType, Map<String, Object> payload, String institutionId,
                                   String jurisdiction) throws java.sql.SQLException {
        java.sql.Connection connection = jdbc.getDataSource().getConnection();
        connection.setAutoCommit(false);
        String eventId = UUID.randomUUID().toString();
        try (java.sql.PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, Instant.now().toString());
            insert.setString(4, payloadType.getName());
            insert.setString(5, "1");
            insert.setBytes(6, write(payload).getBytes(StandardCharsets.UTF_8));
            insert.setBytes(7, write(metaData(institutionId, jurisdiction)).getBytes(StandardCharsets.UTF_8));
            try (java.sql.ResultSet rs = insert.executeQuery()) {
                rs.next();
                return new Uncommitted(new Stored(eventId, rs.getLong(1)), connection);
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            connection.rollback();
            connection.close();
            throw e;
        }
    }

    /** The parked events of a processing group: event id, sequence, cause. */
    public List<Map<String, Object>> parked(String group) {
        return jdbc.queryForList("SELECT dead_letter_id, event_identifier, sequence_identifier, sequence_index, cause_type, "
                + "cause_message FROM dead_letter_entry WHERE processing_group = ? ORDER BY sequence_identifier, sequence_index",
                group);
    }

    public boolean isParked(String group, String eventId) {
        return parkedEntry(group, eventId) != null;
    }

    public Map<String, Object> parkedEntry(String group, String eventId) {
        return parked(group).stream().filter(r -> eventId.equals(r.get("event_identifier"))).findFirst().orElse(null);
    }

    /** Waits until the event is parked by the group; fails past {@link #WAIT}. */
    public Map<String, Object> awaitParked(String group, String eventId) {
        await(() -> isParked(group, eventId), group + " did not park event " + eventId);
        return parkedEntry(group, eventId);
    }

    /** Removes what a test parked for a sequence, so that other tests start from an empty queue. */
    public void evictSequence(String group, String sequence) {
        jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?", group, sequence);
    }

    /** Removes what a test parked for a sequence in every projection. */
    public void evictEverywhere(String sequence) {
        jdbc.update("DELETE FROM dead_letter_entry WHERE sequence_identifier = ?", sequence);
    }

    /** Removes an event from every projection's queue. */
    public void evictEvent(String eventId) {
        jdbc.update("DELETE FROM dead_letter_entry WHERE event_identifier = ?", eventId);
    }

    public static void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " within " + WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Map<String, Object> metaData(String institutionId, String jurisdiction) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("institutionId", institutionId);
        meta.put("jurisdiction", jurisdiction);
        meta.put("correlationId", UUID.randomUUID().toString());
        return meta;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
