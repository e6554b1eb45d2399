package org.careledger.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Projection lag under ingest, as a client sees it: take the position the latest acknowledged
 * command answered, and time from that acknowledgement until every segment of a projection
 * reports a position at or past it (GET /api/v1/admin/projections, polled every 10 ms). One probe
 * at a time, a pause between probes; bounded by the stop flag, a count and a per-probe timeout.
 */
final class LagProbe implements Runnable {

    static final long POLL_MS = 10;
    static final long PAUSE_MS = 200;
    static final long PROBE_TIMEOUT_MS = 30_000;
    static final int MAX_PROBES = 20_000;

    private final Api api;
    private final String adminToken;
    private final AtomicLong lastPosition;
    private final List<String> projections;
    private final Map<String, Stats> lag = new LinkedHashMap<>();
    private final Stats all = new Stats(MAX_PROBES);
    private volatile boolean stop;
    private int timeouts;
    private String error;

    LagProbe(Api api, String adminToken, AtomicLong lastPosition, List<String> projections) {
        this.api = api;
        this.adminToken = adminToken;
        this.lastPosition = lastPosition;
        this.projections = projections;
        projections.forEach(p -> lag.put(p, new Stats(MAX_PROBES)));
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        try {
            for (int probe = 0; probe < MAX_PROBES && !stop; probe++) {
                long target = lastPosition.get();
                long t0 = System.nanoTime();
                if (target <= 0) {
                    Thread.sleep(PAUSE_MS);
                    continue;
                }
                Map<String, Long> reached = new LinkedHashMap<>();
                while (reached.size() < projections.size() && !stop) {
                    long now = System.nanoTime();
                    if ((now - t0) / 1_000_000 > PROBE_TIMEOUT_MS) {
                        timeouts++;
                        break;
                    }
                    Api.Response r;
                    try {
                        r = api.get("/api/v1/admin/projections", adminToken);
                    } catch (java.io.IOException e) {
                        Thread.sleep(POLL_MS);
                        continue;
                    }
                    long seen = System.nanoTime();
                    if (r.ok()) {
                        for (JsonNode p : r.json()) {
                            String name = p.path("name").asText();
                            if (projections.contains(name) && !reached.containsKey(name) && minPosition(p) >= target) {
                                reached.put(name, seen - t0);
                            }
                        }
                    }
                    if (reached.size() < projections.size()) {
                        Thread.sleep(POLL_MS);
                    }
                }
                if (reached.size() == projections.size()) {
                    reached.forEach((name, nanos) -> lag.get(name).add(nanos));
                    all.add(reached.values().stream().mapToLong(Long::longValue).max().orElse(0));
                }
                Thread.sleep(PAUSE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            error = e.toString();
        }
    }

    /** The lowest position over a projection's segments (-1 if it has none or one has no position). */
    static long minPosition(JsonNode projection) {
        long min = Long.MAX_VALUE;
        int n = 0;
        for (JsonNode s : projection.path("segments")) {
            JsonNode pos = s.get("position");
            if (pos == null || pos.isNull()) {
                return -1;
            }
            min = Math.min(min, pos.asLong());
            n++;
        }
        return n == 0 ? -1 : min;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "time from a command's acknowledgement until every segment of the projection reports its position"
                + " (admin status polled every " + POLL_MS + " ms)");
        m.put("probes", all.count());
        m.put("timeouts", timeouts);
        if (error != null) {
            m.put("error", error);
        }
        m.put("allProjectionsP50Ms", Report.round(all.percentileMs(50), 1));
        m.put("allProjectionsP99Ms", Report.round(all.percentileMs(99), 1));
        Map<String, Object> per = new LinkedHashMap<>();
        lag.forEach((name, s) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("p50Ms", Report.round(s.percentileMs(50), 1));
            one.put("p99Ms", Report.round(s.percentileMs(99), 1));
            one.put("probes", s.count());
            per.put(name, one);
        });
        m.put("perProjection", per);
        return m;
    }

    Stats all() {
        return all;
    }
}
