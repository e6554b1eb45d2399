package org.careledger.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inspector as-of reconstruction for the institution with the longest history
 * ({@code GET /api/v1/inspector/institutions/{id}/state?asOf=}), when the server has it, next to
 * reading that institution's events alone: its own stream, its children's and its attendance
 * days', fetched by aggregate id in one JDBC query and deserialised.
 */
final class InspectorBench {

    /** As known at the instant (recorded reading); instants lie between the institution's first event and now. */
    static final String PATH = "/api/v1/inspector/institutions/%s/state?asOf=%s";
    static final int REFERENCE_REPETITIONS = 50;

    private final Api api;
    private final Db db;

    InspectorBench(Api api, Db db) {
        this.api = api;
        this.db = db;
    }

    Map<String, Object> run(RegionBuilder region, RegionPlan plan, int requests, Deadline deadline) throws Exception {
        RegionBuilder.Built longest = region.built.stream()
                .filter(b -> b.id != null)
                .max((a, b) -> Integer.compare(a.childRefs.size(), b.childRefs.size())).orElseThrow();
        List<String> aggregates = new ArrayList<>();
        aggregates.add(longest.id);
        aggregates.addAll(longest.childRefs);
        for (LocalDate day : plan.attendanceDays()) {
            aggregates.add(longest.id + "/" + day);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("institutionId", longest.id);

        Stats reference = new Stats(REFERENCE_REPETITIONS);
        long events = 0;
        try (Connection c = db.connect()) {
            for (int i = 0; i < REFERENCE_REPETITIONS && !deadline.passed(); i++) {
                long t0 = System.nanoTime();
                events = readEvents(c, aggregates);
                reference.add(System.nanoTime() - t0);
            }
        }
        m.put("institutionEvents", events);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("method", "one JDBC query by aggregate id (the institution, its " + longest.childRefs.size() + " children and "
                + plan.days + " attendance days), every payload deserialised; " + REFERENCE_REPETITIONS + " repetitions");
        ref.put("p50Ms", Report.round(reference.percentileMs(50), 2));
        ref.put("p99Ms", Report.round(reference.percentileMs(99), 2));
        m.put("readEventsReference", ref);

        String probe = String.format(PATH, longest.id, Instant.now());
        Api.Response first = api.get(probe, region.inspectorToken);
        if (first.status() == 404 || first.status() == 405) {
            m.put("available", false);
            m.put("note", "GET /api/v1/inspector/institutions/{id}/state?asOf= is not in this server (it answered "
                    + first.status() + "): as-of reconstruction is not yet available");
            return m;
        }
        m.put("available", true);
        Instant from = firstRecorded(longest.id);
        Instant to = Instant.now();
        Random random = new Random(11);
        Stats asOf = new Stats(requests);
        int errors = 0;
        Deadline bounded = deadline.within(Duration.ofMinutes(3));
        for (int i = 0; i < requests && !bounded.passed(); i++) {
            Instant at = from.plusMillis((long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli())));
            long t0 = System.nanoTime();
            Api.Response r = api.get(String.format(PATH, longest.id, at), region.inspectorToken);
            long t = System.nanoTime() - t0;
            if (r.ok()) {
                asOf.add(t);
            } else {
                errors++;
            }
        }
        m.put("requests", asOf.count());
        m.put("errors", errors);
        m.put("firstStatus", first.status());
        m.put("p50Ms", Report.round(asOf.percentileMs(50), 2));
        m.put("p99Ms", Report.round(asOf.percentileMs(99), 2));
        return m;
    }

    /** When the institution's first event was recorded: before it, as-of answers 404 (it did not exist yet). */
    private Instant firstRecorded(String institutionId) throws Exception {
        try (Connection c = db.connect();
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT min(recorded_at) FROM institution_history WHERE institution_id = ?")) {
            ps.setString(1, institutionId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.sql.Timestamp t = rs.getTimestamp(1);
                return t == null ? Instant.now() : t.toInstant();
            }
        }
    }

    private static long readEvents(Connection c, List<String> aggregates) throws Exception {
        long n = 0;
        {
            Array ids = c.createArrayOf("varchar", aggregates.toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT payload_type, payload, meta_data FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ANY (?) ORDER BY global_index")) {
                ps.setArray(1, ids);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Class<?> type;
                        try {
                            type = Class.forName(rs.getString(1));
                        } catch (ClassNotFoundException e) {
                            type = com.fasterxml.jackson.databind.JsonNode.class;
                        }
                        ProjectionBench.EVENT_JSON.readValue(rs.getBytes(2), type);
                        byte[] meta = rs.getBytes(3);
                        if (meta != null) {
                            ProjectionBench.EVENT_JSON.readValue(meta, Map.class);
                        }
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
