package org.careledger.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.messaging.EventTable;

/**
 * Projection rebuilds through the admin API (POST .../replay, then GET until every segment is
 * caught up and at the head of the store), and their reference: one sequential
 * JDBC read of the event table with each payload deserialised into its event class and each
 * metadata into a map, as a projection must at least do.
 */
final class ProjectionBench {

    /** Processors that act (send commands) rather than build views: never replayed. */
    static final Set<String> NOT_REPLAYABLE = Set.of("licence-verification");
    static final Duration POLL = Duration.ofMillis(50);

    /** Jackson as the server's event serializer uses it (Spring Boot's defaults plus lenient unknown fields). */
    static final ObjectMapper EVENT_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private final Api api;
    private final Db db;
    private final String adminToken;

    ProjectionBench(Api api, Db db, String adminToken) {
        this.api = api;
        this.db = db;
        this.adminToken = adminToken;
    }

    /** The projections the server reports, without the ones that must never be replayed. */
    List<String> replayable() throws Exception {
        Api.Response r = api.get("/api/v1/admin/projections", adminToken);
        if (!r.ok()) {
            throw new Api.ApiException("GET /api/v1/admin/projections", r);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : r.json()) {
            String name = p.path("name").asText();
            if (!NOT_REPLAYABLE.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Waits (bounded) until the projections have every event up to the head of the store. */
    boolean awaitCaughtUp(List<String> projections, long head, Deadline deadline) throws Exception {
        while (!deadline.passed()) {
            if (caughtUp(projections, head)) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    /**
     * Every segment caught up, without error, at or past the head. A replay is not required to have
     * ended: Axon ends it only with the first event after the reset point.
     */
    private boolean caughtUp(List<String> projections, long head) throws Exception {
        Api.Response r;
        try {
            r = api.get("/api/v1/admin/projections", adminToken);
        } catch (java.io.IOException e) {
            return false;
        }
        if (!r.ok()) {
            return false;
        }
        int done = 0;
        for (JsonNode p : r.json()) {
            if (!projections.contains(p.path("name").asText())) {
                continue;
            }
            boolean ok = p.path("running").asBoolean() && p.path("segments").size() > 0;
            for (JsonNode s : p.path("segments")) {
                ok &= s.path("caughtUp").asBoolean() && !s.hasNonNull("error")
                        && s.path("position").asLong(-1) >= head;
            }
            if (ok) {
                done++;
            }
        }
        return done == projections.size();
    }

    /** Rebuilds the projections together; answers the seconds until all are caught up, or null past the deadline. */
    Double rebuild(List<String> projections, long head, Deadline deadline) throws Exception {
        long t0 = System.nanoTime();
        for (String name : projections) {
            Api.Response r = api.post("/api/v1/admin/projections/" + name + "/replay", adminToken, null, null);
            if (!r.ok()) {
                throw new Api.ApiException("replay " + name, r);
            }
        }
        if (!awaitCaughtUp(projections, head, deadline)) {
            return null;
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    Map<String, Object> run(List<String> projections, Deadline deadline) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long head = db.headPosition();
        long events = db.eventCount();
        m.put("events", events);
        m.put("projections", projections);
        Map<String, Object> each = new LinkedHashMap<>();
        for (String name : projections) {
            Double s = rebuild(List.of(name), head, deadline.within(Duration.ofMinutes(15)));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("seconds", Report.round(s, 3));
            one.put("eventsPerSecond", s == null ? null : Report.round(events / s, 1));
            each.put(name, one);
            Report.progress(String.format(java.util.Locale.ROOT, "  rebuild %-14s %s", name,
                    s == null ? "did not finish in time" : String.format(java.util.Locale.ROOT, "%.1f s, %.0f events/s", s, events / s)));
        }
        m.put("each", each);
        Double all = rebuild(projections, head, deadline.within(Duration.ofMinutes(20)));
        Map<String, Object> together = new LinkedHashMap<>();
        together.put("seconds", Report.round(all, 3));
        together.put("eventsPerSecond", all == null ? null : Report.round(events / all, 1));
        together.put("eventDeliveriesPerSecond", all == null ? null : Report.round(events * projections.size() / all, 1));
        m.put("allTogether", together);
        Report.progress(String.format(java.util.Locale.ROOT, "  rebuild all together  %s",
                all == null ? "did not finish in time" : String.format(java.util.Locale.ROOT, "%.1f s, %.0f events/s", all, events / all)));
        m.put("reference", readReference(deadline));
        return m;
    }

    /** Sequential read of the event table with deserialisation; a short warm-up pass first. */
    Map<String, Object> readReference(Deadline deadline) throws Exception {
        read(20_000, deadline, true);
        long t0 = System.nanoTime();
        long[] counts = read(Long.MAX_VALUE, deadline.within(Duration.ofMinutes(5)), true);
        double s = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long[] rawCounts = read(Long.MAX_VALUE, deadline.within(Duration.ofMinutes(5)), false);
        double rawSeconds = (System.nanoTime() - t1) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "one JDBC cursor over " + EventTable.NAME + " in global order (fetch size 1000); each payload"
                + " deserialised with Jackson into its event class, each metadata into a map");
        m.put("events", counts[0]);
        m.put("bytes", counts[1]);
        m.put("seconds", Report.round(s, 3));
        m.put("eventsPerSecond", Report.round(counts[0] / s, 1));
        m.put("readOnlyEventsPerSecond", Report.round(rawCounts[0] / rawSeconds, 1));
        m.put("undeserialisable", counts[2]);
        return m;
    }

    private long[] read(long limit, Deadline deadline, boolean deserialise) throws Exception {
        long n = 0;
        long bytes = 0;
        long failed = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT global_index, payload_type, payload, meta_data FROM " + EventTable.NAME + " ORDER BY global_index")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && n < limit && (n % 1000 != 0 || !deadline.passed())) {
                        String type = rs.getString(2);
                        byte[] payload = rs.getBytes(3);
                        byte[] meta = rs.getBytes(4);
                        bytes += payload.length + (meta == null ? 0 : meta.length);
                        if (deserialise) {
                            try {
                                deserialise(type, payload, meta);
                            } catch (java.io.IOException e) {
                                failed++;
                            }
                        }
                        n++;
                    }
                }
            }
            c.commit();
        }
        return new long[] {n, bytes, failed};
    }

    private static final Map<String, Class<?>> TYPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Deserialises a stored event's payload into its class (a tree when unknown) and its metadata into a map. */
    static void deserialise(String payloadType, byte[] payload, byte[] meta) throws java.io.IOException {
        EVENT_JSON.readValue(payload, TYPES.computeIfAbsent(payloadType, ProjectionBench::load));
        if (meta != null) {
            EVENT_JSON.readValue(meta, Map.class);
        }
    }

    private static Class<?> load(String type) {
        try {
            return Class.forName(type);
        } catch (ClassNotFoundException e) {
            return JsonNode.class;
        }
    }
}
