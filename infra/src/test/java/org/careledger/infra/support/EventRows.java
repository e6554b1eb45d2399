package org.careledger.infra.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the event store directly, to assert what a request wrote (or did not write). */
public final class EventRows {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public EventRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int countFor(String aggregateId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, aggregateId);
        return n == null ? 0 : n;
    }

    /** Events of the aggregate written by filing itself (the licence check appends more in the background). */
    public int filingEventsFor(String aggregateId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE 'org.careledger.kernel.filing.%'", Integer.class, aggregateId);
        return n == null ? 0 : n;
    }

    /**
     * Events written on behalf of a caller: all of them but those the application's own workers
     * append in the background (actor {@code system:…}, e.g. the licence check of an institution
     * another test filed a moment before), so that "a refused request wrote nothing" does not
     * depend on when a worker runs.
     */
    public long total() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8') NOT LIKE '%\"actorId\":\"system:%'", Long.class);
        return n == null ? 0 : n;
    }

    public List<String> typesFor(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    /**
     * The event types about an institution in every stream (its own, its enrolments', its staff
     * members'; ADR 0023), as the views see them: by the institution named in the metadata.
     */
    public List<String> typesAbout(String institutionId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'institutionId' = ? ORDER BY global_index", String.class,
                institutionId).stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    /** The stored payloads (JSON text) of the events about an institution in every stream (see {@link #typesAbout}). */
    public List<String> payloadsAbout(String institutionId) {
        return jdbc.queryForList("SELECT payload FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'institutionId' = ? ORDER BY global_index", byte[].class,
                institutionId).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    /** The stored payloads (JSON text) of the aggregate's events. */
    public List<String> payloadsFor(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", byte[].class, aggregateId).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    public List<Map<String, Object>> metaDataFor(String aggregateId) {
        return jdbc.queryForList("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", byte[].class, aggregateId).stream()
                .map(bytes -> {
                    try {
                        return json.readValue(new String(bytes, StandardCharsets.UTF_8),
                                new TypeReference<Map<String, Object>>() { });
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
