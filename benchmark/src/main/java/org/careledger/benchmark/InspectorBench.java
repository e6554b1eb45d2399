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
import org.careledger.kernel.messaging.EventTable;

/**
 * Inspector as-of reconstruction for the institution with the longest history
 * ({@code GET /api/v1/inspector/institutions/{id}/state?asOf=}), when the server has it, next to
 * reading that institution's events alone: its own stream, its children's and its attendance
 * days', fetched by aggregate id in one JDBC query and deserialised.
 */
record InspectorBench(Api api, Db db) {

    /** As known at the instant (recorded reading); instants lie between the institution's first event and now. */
    static final String PATH = "/api/v1/inspector/institutions/%s/state?asOf=%s";
    static final int REFERENCE_REPETITIONS = 50;

    /**
     * As-of on the long-lived institution ({@link LongHistoryBuilder}), both readings, at instants
     * spread over its recorded lifetime (RECORDED) and over its business times (BUSINESS), next to
     * reading its events alone: every event the history index lists for it, in one JDBC query,
     * deserialised.
     */
    Map<String, Object> runLongHistory(String institutionId, String token, int requests, Deadline deadline) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("institution", "long-lived (--long-history-events)");
        m.put("institutionId", institutionId);
        Instant firstRecorded;
        Instant lastRecorded;
        Instant firstBusiness;
        Instant lastBusiness;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER "
                + "(WHERE event_type NOT IN ('AttendanceRecorded', 'AttendanceCorrected', 'ChildRegistered', "
                + "'ChildPersonalDataViewed')), min(recorded_at), max(recorded_at), "
                + "min(business_at), max(business_at) FROM institution_history WHERE institution_id = ?")) {
            ps.setString(1, institutionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                m.put("institutionEvents", rs.getLong(1));
                m.put("stateEvents", rs.getLong(2));
                firstRecorded = rs.getTimestamp(3).toInstant();
                lastRecorded = rs.getTimestamp(4).toInstant();
                firstBusiness = rs.getTimestamp(5).toInstant();
                lastBusiness = rs.getTimestamp(6).toInstant();
            }
        }
        m.put("recordedFrom", firstRecorded.toString());
        m.put("recordedTo", lastRecorded.toString());
        m.put("businessFrom", firstBusiness.toString());
        m.put("businessTo", lastBusiness.toString());
        Stats reference = new Stats(REFERENCE_REPETITIONS);
        try (Connection c = db.connect()) {
            for (int i = 0; i < REFERENCE_REPETITIONS && !deadline.passed(); i++) {
                long t0 = System.nanoTime();
                readIndexedEvents(c, institutionId);
                reference.add(System.nanoTime() - t0);
            }
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("method", "one JDBC query of every event the history index lists for the institution (institution_history"
                + " JOIN " + EventTable.NAME + "), every payload and metadata deserialised; " + REFERENCE_REPETITIONS + " repetitions");
        ref.put("p50Ms", Report.round(reference.percentileMs(50), 2));
        ref.put("p99Ms", Report.round(reference.percentileMs(99), 2));
        m.put("readEventsReference", ref);

        Random random = new Random(13);
        double worstP50 = 0;
        double worstP99 = 0;
        int total = 0;
        Deadline bounded = deadline.within(Duration.ofMinutes(4));
        for (String reading : List.of("RECORDED", "BUSINESS")) {
            // in business time the institution exists from its filing (earlier-dated facts then count)
            // to the last fact in effect (a withdrawal takes effect the next day)
            Instant from = firstRecorded;
            Instant to = reading.equals("RECORDED") ? lastRecorded.plusSeconds(1) : lastBusiness.plusSeconds(1);
            for (int i = 0; i < 5; i++) {
                api.get(statePath(institutionId, to, reading), token);
            }
            Stats latency = new Stats(requests);
            int errors = 0;
            int notFound = 0;
            for (int i = 0; i < requests && !bounded.passed(); i++) {
                Instant at = from.plusMillis((long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli())));
                long t0 = System.nanoTime();
                Api.Response r = api.get(statePath(institutionId, at, reading), token);
                long t = System.nanoTime() - t0;
                if (r.ok()) {
                    latency.add(t);
                } else if (r.status() == 404) {
                    notFound++;
                } else {
                    errors++;
                }
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("requests", latency.count());
            one.put("notFoundBeforeTheFiling", notFound);
            one.put("errors", errors);
            one.put("p50Ms", Report.round(latency.percentileMs(50), 2));
            one.put("p99Ms", Report.round(latency.percentileMs(99), 2));
            m.put(reading.toLowerCase(java.util.Locale.ROOT), one);
            if (latency.count() == 0) {
                worstP50 = Double.NaN;
                worstP99 = Double.NaN;
            } else {
                worstP50 = Math.max(worstP50, latency.percentileMs(50));
                worstP99 = Math.max(worstP99, latency.percentileMs(99));
            }
            total += latency.count();
        }
        m.put("available", true);
        m.put("requests", total);
        m.put("p50Ms", Double.isNaN(worstP50) ? null : Report.round(worstP50, 2));
        m.put("p99Ms", Double.isNaN(worstP99) ? null : Report.round(worstP99, 2));
        return m;
    }

    private static String statePath(String institutionId, Instant at, String reading) {
        return String.format(PATH, institutionId, at) + "&reading=" + reading;
    }

    private static long readIndexedEvents(Connection c, String institutionId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT e.payload_type, e.payload, e.meta_data FROM institution_history h"
                + " JOIN " + EventTable.NAME + " e ON e.global_index = h.global_index WHERE h.institution_id = ?"
                + " ORDER BY h.global_index")) {
            ps.setString(1, institutionId);
            ps.setFetchSize(1000);
            return deserialiseAll(ps);
        }
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
        // since the split (ADR 0023) each enrolment is a stream of its own
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT enrolment_id FROM enrolment WHERE institution_id = ?")) {
            ps.setString(1, longest.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    aggregates.add(rs.getString(1));
                }
            }
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
        Array ids = c.createArrayOf("varchar", aggregates.toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT payload_type, payload, meta_data FROM " + EventTable.NAME
                + " WHERE aggregate_identifier = ANY (?) ORDER BY global_index")) {
            ps.setArray(1, ids);
            return deserialiseAll(ps);
        }
    }

    /** Reads every row (payload type, payload, metadata) and deserialises it; answers the count. */
    private static long deserialiseAll(PreparedStatement ps) throws Exception {
        ps.setFetchSize(1000);
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ProjectionBench.deserialise(rs.getString(1), rs.getBytes(2), rs.getBytes(3));
                n++;
            }
        }
        return n;
    }
}
