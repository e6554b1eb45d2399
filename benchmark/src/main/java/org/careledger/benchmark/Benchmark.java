package org.careledger.benchmark;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.careledger.kernel.messaging.EventTable;

/**
 * One benchmark run: start (or attach to) the server, build the region through the HTTP API while
 * measuring ingest and projection lag, then the raw JDBC insert reference, the store's size,
 * projection rebuilds and their read reference, public search and its in-memory reference, the
 * inspector's as-of reconstruction and its read reference, and peak memory. Writes the results.
 */
final class Benchmark {

    private final Options options;
    private final Report report = new Report();

    Benchmark(Options options) {
        this.options = options;
    }

    /** Runs everything and answers the JSON results file; fails if the region could not be built as planned. */
    Path run() throws Exception {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Deadline deadline = Deadline.in(options.maxDuration);
        String stamp = startedAt.toString().replace(":", "").replaceAll("\\.\\d+", "");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", startedAt.toString());
        run.put("label", options.label);
        run.put("command", "java -jar benchmark/target/careledger-benchmark.jar" + (options.scale != 1.0 ? " --scale " + options.scale : ""));
        report.sections.put("run", run);
        Map<String, Object> machine = Machine.describe();
        report.sections.put("machine", machine);

        long nonce = startedAt.getEpochSecond();
        RegionPlan plan = RegionPlan.build(options.institutions(), options.children(), options.days, options.seed, nonce);
        Report.progress("Region: " + options.describeSizes() + "; contracts from " + plan.contractStart);

        boolean tempDir = options.dataDir == null && options.serverUrl == null;
        Path dataDir = options.dataDir != null ? options.dataDir
                : options.serverUrl == null ? Files.createTempDirectory("clbench-") : null;
        ServerProcess server;
        if (options.serverUrl != null) {
            server = ServerProcess.attach(options);
            run.put("server", "attached to " + options.serverUrl);
        } else {
            Report.progress("Starting " + options.serverJar + " on " + dataDir);
            long s0 = System.nanoTime();
            server = ServerProcess.start(options, dataDir, options.resultsDir.resolve("server-" + stamp + ".log"), deadline);
            run.put("server", "started " + options.serverJar + " (pid " + server.pid().orElse(null) + ") on " + dataDir
                    + (options.serverArgs.isEmpty() ? " (embedded stores, durable)" : " with " + options.serverArgs));
            run.put("serverStartSeconds", Report.round((System.nanoTime() - s0) / 1e9, 1));
            Report.progress("Server ready at " + server.baseUrl() + " in " + run.get("serverStartSeconds") + " s");
        }
        RuntimeException failure = null;
        Exception error = null;
        try {
            String jdbc = server.jdbcUrl().orElseThrow(() -> new Options.UsageException(
                    "No JDBC URL for the references: pass --jdbc-url (or --data-dir of an embedded server)"));
            run.put("jdbcUrl", jdbc);
            Db db = new Db(jdbc, options.jdbcUser, options.jdbcPassword);
            Api api = new Api(server.baseUrl(), options.ingestConcurrency);
            failure = measure(plan, server, dataDir, db, api, deadline, stamp);
        } catch (Exception e) {
            error = e;
            run.put("error", e.toString());
        } finally {
            server.close();
            if (tempDir && !options.keepData) {
                deleteRecursively(dataDir);
            }
        }
        machine.put("loadAverageAtEnd", Machine.loadAverage());
        run.put("seconds", Report.round((System.nanoTime() - t0) / 1e9, 1));
        System.out.println();
        System.out.println(report.table());
        Path json = report.write(options.resultsDir, startedAt);
        Report.progress("Results: " + json.toAbsolutePath() + " (and .md)");
        if (error != null) {
            throw error;
        }
        if (failure != null) {
            throw failure;
        }
        return json;
    }

    private RuntimeException measure(RegionPlan plan, ServerProcess server, Path dataDir, Db db, Api api, Deadline deadline,
                                     String stamp) throws Exception {
        Long pid = server.pid().orElse(null);
        RegionBuilder region = new RegionBuilder(api, db, options, plan, deadline);
        Report.progress("Building the region through the HTTP API (" + options.ingestConcurrency + " concurrent institutions)");
        region.tokens();
        long ingestFrom = db.headPosition();
        CpuMeter setupCpu = CpuMeter.start(server);
        region.file();
        region.approve();
        region.classIds();
        region.children();
        Map<String, Object> setupCpuFigures = setupCpu.stop();
        ProjectionBench projections = new ProjectionBench(api, db, region.adminToken);
        List<String> replayable = options.projections.isEmpty() ? projections.replayable() : options.projections;
        LagProbe lag = new LagProbe(api, region.adminToken, region.lastPosition(), replayable);
        Thread lagThread = new Thread(lag, "lag-probe");
        lagThread.setDaemon(true);
        lagThread.start();
        AtomicLong records = new AtomicLong();
        CpuMeter attendanceCpu = CpuMeter.start(server);
        try {
            region.attendance(records);
            region.setRecords(records.get());
        } finally {
            lag.stop();
            lagThread.join(LagProbe.PROBE_TIMEOUT_MS + 5_000);
        }
        Map<String, Object> attendanceCpuFigures = attendanceCpu.stop();

        List<Map<String, Object>> phases = new ArrayList<>();
        long ingestEvents = 0;
        double ingestSeconds = 0;
        for (RegionBuilder.Phase p : region.phases) {
            phases.add(p.toMap());
            ingestEvents += p.events();
            ingestSeconds += p.seconds();
        }
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("method", "HTTP commands as institutions' software sends them (Idempotency-Key "
                + (options.idempotencyKeys ? "on" : "off") + "), " + options.ingestConcurrency
                + " institutions at a time, each institution's commands in order; events counted in " + EventTable.NAME
                + " (including those the server appends by itself, e.g. licence checks)");
        ingest.put("phases", phases);
        ingest.put("events", ingestEvents);
        ingest.put("seconds", Report.round(ingestSeconds, 2));
        ingest.put("eventsPerSecond", Report.round(ingestSeconds > 0 ? ingestEvents / ingestSeconds : 0, 1));
        ingest.put("errors", region.totalErrors());
        ingest.put("careViewsMissingClassesAfterFiling", region.viewsMissingClasses.get());
        if (!region.errorSamples().isEmpty()) {
            ingest.put("errorSamples", region.errorSamples());
        }
        ingest.put("cpuFilingToEnrolment", setupCpuFigures);
        ingest.put("cpuAttendance", attendanceCpuFigures);
        report.sections.put("ingest", ingest);
        Report.progress(String.format(Locale.ROOT, "Ingest: %d events in %.1f s = %.0f events/s", ingestEvents, ingestSeconds,
                ingestSeconds > 0 ? ingestEvents / ingestSeconds : 0));
        RuntimeException failure = region.totalErrors() > 0
                ? new IllegalStateException("The region was not built as planned: " + region.totalErrors()
                + " institution(s) failed; first errors: " + region.errorSamples())
                : null;

        Report.progress("Waiting for the projections to catch up");
        long head = db.headPosition();
        boolean caughtUp = projections.awaitCaughtUp(replayable, head, deadline.within(Duration.ofMinutes(10)));
        Map<String, Object> regionSection = new LinkedHashMap<>();
        regionSection.put("institutions", plan.institutions.size());
        regionSection.put("children", plan.childCount());
        regionSection.put("days", plan.days);
        regionSection.put("attendanceRecords", records.get());
        regionSection.put("events", db.eventCount());
        regionSection.put("contractsFrom", plan.contractStart.toString());
        regionSection.put("projectionsCaughtUpAfterIngest", caughtUp);
        regionSection.put("viewsAfterIngest", viewCheck(api, region, plan, records.get()));
        regionSection.put("eventTypes", eventTypes(db));
        report.sections.put("region", regionSection);

        Report.progress("Raw JDBC insert reference");
        Map<String, Object> raw = deadline.passed() ? skipped()
                : new RawInsertReference(db).run(ingestFrom, ingestEvents, options.rawThreads, options.rawBatch, deadline);
        ingest.put("rawJdbcReference", raw);
        report.sections.put("storage", storage(db));

        Map<String, Object> projectionSection = new LinkedHashMap<>();
        projectionSection.put("lagUnderIngest", lag.toMap());
        if (deadline.passed()) {
            projectionSection.put("rebuild", skipped());
        } else {
            Report.progress("Projection rebuilds: " + replayable);
            CpuMeter rebuildCpu = CpuMeter.start(server);
            projectionSection.put("rebuild", projections.run(replayable, deadline));
            projectionSection.put("cpuRebuilds", rebuildCpu.stop());
            projectionSection.put("viewsAfterRebuild", viewCheck(api, region, plan, records.get()));
        }
        report.sections.put("projections", projectionSection);

        Report.progress("Public search at concurrency " + options.searchConcurrency);
        CpuMeter searchCpu = CpuMeter.start(server);
        Map<String, Object> search = deadline.passed() ? skipped()
                : new SearchBench(server.baseUrl(), options).run(SearchBench.workloads(plan, options.seed), deadline);
        search.put("cpuWholeSection", searchCpu.stop());
        report.sections.put("search", search);

        Report.progress("Two instances sharing the stores");
        Map<String, Object> scaleOut = deadline.passed() ? skipped()
                : new ScaleOutBench(options, deadline).run(server, dataDir, plan, region, SearchBench.workloads(plan, options.seed),
                        options.resultsDir.resolve("server-" + stamp + "-second.log"));
        report.sections.put("scaleOut", scaleOut);

        Report.progress("Open-data export of the whole register");
        Map<String, Object> export = deadline.passed() ? skipped() : new ExportBench(server.baseUrl(), 5).run(deadline);
        report.sections.put("export", export);

        Report.progress("Inspector as-of");
        Map<String, Object> inspector;
        if (deadline.passed()) {
            inspector = skipped();
        } else if (options.longHistoryEvents() > 0) {
            Report.progress("Building a long-lived institution of about " + options.longHistoryEvents() + " events");
            LongHistoryBuilder longHistory = new LongHistoryBuilder(api, options, deadline, region.inspectorToken, plan.today);
            Map<String, Object> built = longHistory.build(options.longHistoryEvents());
            boolean indexed = projections.awaitCaughtUp(List.of("institution-history"), db.headPosition(),
                    deadline.within(Duration.ofMinutes(10)));
            inspector = new InspectorBench(api, db).runLongHistory(longHistory.institutionId, region.inspectorToken,
                    options.asOfRequests, deadline);
            built.put("historyIndexCaughtUp", indexed);
            inspector.put("longHistory", built);
        } else {
            inspector = new InspectorBench(api, db).run(region, plan, options.asOfRequests, deadline);
        }
        report.sections.put("inspector", inspector);

        ServerProcess.Memory memory = server.memory();
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("method", "server JVM: VmHWM from /proc/PID/status; server tree (the JVM and its children, the embedded"
                + " postmaster and its backends): highest sum of proportional set sizes (smaps_rollup Pss), sampled every 0.5 s");
        mem.put("jvmPeakRssMiB", memory.jvmPeakRssKb() == null ? null : Report.round(memory.jvmPeakRssKb() / 1024.0, 1));
        mem.put("serverTreePeakPssMiB", memory.treePeakPssKb() == null ? null : Report.round(memory.treePeakPssKb() / 1024.0, 1));
        mem.put("processesSeen", memory.processes());
        report.sections.put("memory", mem);

        table(ingest, raw, projectionSection, search, inspector, mem);
        return failure;
    }

    /**
     * What the supervision and utilisation views show for the whole region next to what was
     * built: enrolled children and recorded child-days (GET /api/v1/supervision/utilisation).
     */
    private static Map<String, Object> viewCheck(Api api, RegionBuilder region, RegionPlan plan, long records) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            Api.Response r = api.get("/api/v1/supervision/utilisation?division=37&from=" + plan.contractStart + "&to="
                    + plan.today, region.inspectorToken);
            if (!r.ok()) {
                m.put("error", r.status() + " " + r.text());
                return m;
            }
            var u = r.json();
            long places = plan.institutions.stream().flatMap(i -> i.classes().stream())
                    .mapToLong(RegionPlan.ClassPlan::places).sum();
            m.put("placesInView", u.path("places").asLong());
            m.put("placesBuilt", places);
            m.put("enrolledInView", u.path("enrolled").asLong());
            m.put("enrolledBuilt", plan.childCount());
            m.put("recordedChildDaysInView", u.path("recordedDays").asLong());
            m.put("recordedChildDaysBuilt", records);
            m.put("complete", u.path("enrolled").asLong() == plan.childCount() && u.path("recordedDays").asLong() == records
                    && u.path("places").asLong() == places);
        } catch (Exception e) {
            m.put("error", e.toString());
        }
        return m;
    }

    private static Map<String, Object> skipped() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skipped", "the time limit (--max-minutes) was reached");
        return m;
    }

    private static Map<String, Object> eventTypes(Db db) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload_type, count(*), avg(length(payload) + coalesce(length(meta_data), 0))"
                     + " FROM " + EventTable.NAME + " GROUP BY payload_type ORDER BY count(*) DESC")) {
            while (rs.next()) {
                String type = rs.getString(1);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("count", rs.getLong(2));
                one.put("meanBytes", Report.round(rs.getDouble(3), 0));
                m.put(type.substring(type.lastIndexOf('.') + 1), one);
            }
        }
        return m;
    }

    private static Map<String, Object> storage(Db db) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + EventTable.NAME + "'), pg_relation_size('" + EventTable.NAME + "'),"
                     + " count(*), coalesce(sum(length(payload) + coalesce(length(meta_data), 0)), 0) FROM " + EventTable.NAME)) {
            rs.next();
            long total = rs.getLong(1);
            long count = rs.getLong(3);
            m.put("events", count);
            m.put("totalRelationBytes", total);
            m.put("tableBytes", rs.getLong(2));
            m.put("bytesPerEvent", Report.round(count == 0 ? null : (double) total / count, 1));
            m.put("payloadAndMetadataBytesPerEvent", Report.round(count == 0 ? null : (double) rs.getLong(4) / count, 1));
            m.put("method", "pg_total_relation_size('" + EventTable.NAME + "') (table, TOAST and indexes) / count(*)");
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private void table(Map<String, Object> ingest, Map<String, Object> raw, Map<String, Object> projections,
                       Map<String, Object> search, Map<String, Object> inspector, Map<String, Object> memory) {
        Object ingestRate = ingest.get("eventsPerSecond");
        Object rawRate = raw.get("rowsPerSecond");
        boolean ingestMet = ingestRate != null && rawRate != null && ((Number) ingestRate).doubleValue() >= 10_000
                && ((Number) ingestRate).doubleValue() >= 0.5 * ((Number) rawRate).doubleValue();
        report.add("ingest (all phases)", num(ingestRate) + " events/s (" + ingest.get("events") + " events, HTTP, durable)",
                num(rawRate) + " rows/s raw JDBC batched insert", Report.ratio(ingestRate, rawRate),
                ">= 10,000 events/s and >= 50%", ingestMet ? "yes" : "no");
        for (Map<String, Object> p : (List<Map<String, Object>>) ingest.get("phases")) {
            String extra = p.containsKey("attendanceRecords")
                    ? String.format(Locale.ROOT, ", %s records/s", num(((Number) p.get("attendanceRecords")).doubleValue()
                    / Math.max(1e-9, ((Number) p.get("seconds")).doubleValue())))
                    : "";
            report.add("  ingest: " + p.get("phase"), num(p.get("eventsPerSecond")) + " events/s, " + num(p.get("commandsPerSecond"))
                    + " commands/s" + extra + ", p99 " + num(p.get("latencyP99Ms")) + " ms", "", Report.ratio(p.get("eventsPerSecond"), rawRate), "", "");
        }
        Map<String, Object> rebuild = (Map<String, Object>) projections.get("rebuild");
        Map<String, Object> reference = rebuild == null ? null : (Map<String, Object>) rebuild.get("reference");
        Object readRate = reference == null ? null : reference.get("eventsPerSecond");
        if (rebuild != null && rebuild.get("allTogether") != null) {
            Object all = ((Map<String, Object>) rebuild.get("allTogether")).get("eventsPerSecond");
            report.add("projections: full rebuild (all " + ((List<?>) rebuild.get("projections")).size() + " together)",
                    num(all) + " events/s", num(readRate) + " events/s read + deserialise", Report.ratio(all, readRate),
                    ">= 20,000 events/s", all != null && ((Number) all).doubleValue() >= 20_000 ? "yes" : "no");
            ((Map<String, Object>) rebuild.get("each")).forEach((name, v) -> {
                Object rate = ((Map<String, Object>) v).get("eventsPerSecond");
                report.add("  rebuild " + name + " alone", num(rate) + " events/s", "", Report.ratio(rate, readRate), "", "");
            });
        } else {
            report.add("projections: full rebuild", "skipped", "", "", ">= 20,000 events/s", "n/a");
        }
        Map<String, Object> lag = (Map<String, Object>) projections.get("lagUnderIngest");
        report.add("projections: lag under ingest (attendance)", "p50 " + num(lag.get("allProjectionsP50Ms")) + " ms, p99 "
                + num(lag.get("allProjectionsP99Ms")) + " ms (" + lag.get("probes") + " probes, slowest projection)",
                num(readRate) + " events/s read + deserialise", "", "", "");
        Map<String, Object> workloads = (Map<String, Object>) search.get("workloads");
        if (workloads != null) {
            workloads.forEach((name, v) -> {
                Map<String, Object> w = (Map<String, Object>) v;
                Map<String, Object> s = (Map<String, Object>) w.get("server");
                Map<String, Object> r = (Map<String, Object>) w.get("inMemoryReference");
                boolean met = s.get("requestsPerSecond") != null && ((Number) s.get("requestsPerSecond")).doubleValue() >= 2000
                        && s.get("p99Ms") != null && ((Number) s.get("p99Ms")).doubleValue() <= 50;
                report.add("search: " + name + " (c=" + options.searchConcurrency + ")",
                        num(s.get("requestsPerSecond")) + " rps, p50 " + num(s.get("p50Ms")) + " ms, p99 " + num(s.get("p99Ms")) + " ms",
                        num(r.get("requestsPerSecond")) + " rps, p50 " + num(r.get("p50Ms")) + " ms, p99 " + num(r.get("p99Ms"))
                                + " ms from memory",
                        Report.ratio(s.get("requestsPerSecond"), r.get("requestsPerSecond")), ">= 2,000 rps, p99 <= 50 ms",
                        met ? "yes" : "no");
            });
        } else {
            report.add("search", "skipped", "", "", ">= 2,000 rps, p99 <= 50 ms", "n/a");
        }
        scaleOutRows((Map<String, Object>) report.sections.get("scaleOut"));
        Map<String, Object> export = (Map<String, Object>) report.sections.get("export");
        for (String format : ExportBench.FORMATS) {
            Map<String, Object> e = export == null ? null : (Map<String, Object>) export.get(format);
            if (e == null || e.get("p50Ms") == null) {
                report.add("export: " + format, "skipped", "", "", "", "n/a");
                continue;
            }
            report.add("export: " + format + " (whole register)", num(e.get("entries")) + " entries, " + num(e.get("bytes"))
                    + " bytes: p50 " + num(e.get("p50Ms")) + " ms (first byte " + num(e.get("firstByteP50Ms")) + " ms), "
                    + num(e.get("entriesPerSecond")) + " entries/s", "p50 " + num(e.get("referenceP50Ms")) + " ms from memory",
                    Report.ratio(e.get("referenceP50Ms"), e.get("p50Ms")), "", "");
        }
        Map<String, Object> readRef = (Map<String, Object>) inspector.get("readEventsReference");
        String refText = readRef == null ? "" : "read its " + inspector.get("institutionEvents") + " events alone: p50 "
                + num(readRef.get("p50Ms")) + " ms, p99 " + num(readRef.get("p99Ms")) + " ms";
        if (Boolean.TRUE.equals(inspector.get("available"))) {
            long events = inspector.get("institutionEvents") instanceof Number n ? n.longValue() : 0;
            double p99 = inspector.get("p99Ms") instanceof Number n ? n.doubleValue() : Double.NaN;
            String readings = inspector.containsKey("business") ? ", worse of RECORDED and BUSINESS" : "";
            report.add("inspector: as-of", "p50 " + num(inspector.get("p50Ms")) + " ms, p99 " + num(inspector.get("p99Ms")) + " ms ("
                    + events + " events" + (inspector.containsKey("stateEvents") ? ", " + inspector.get("stateEvents")
                    + " state events" : "") + readings + ")", refText, "", "p99 <= 100 ms at >= 50,000 events",
                    events < 50_000 ? "n/a (history too short)" : p99 <= 100 ? "yes" : "no");
        } else {
            report.add("inspector: as-of", "not yet available", refText, "", "p99 <= 100 ms at >= 50,000 events", "n/a");
        }
        report.add("peak memory", "server JVM " + num(memory.get("jvmPeakRssMiB")) + " MiB RSS; with PostgreSQL "
                + num(memory.get("serverTreePeakPssMiB")) + " MiB PSS", "", "", "", "");
        Map<String, Object> storage = (Map<String, Object>) report.sections.get("storage");
        report.add("event store size", num(storage.get("bytesPerEvent")) + " bytes/event (payload + metadata "
                + num(storage.get("payloadAndMetadataBytesPerEvent")) + ")",
                raw.get("tableBytesPerRow") == null ? "" : num(raw.get("tableBytesPerRow")) + " bytes/row in the raw table",
                "", "", "");
    }

    /** Two instances next to one: the figure is the pair's, the reference the first instance alone just before. */
    @SuppressWarnings("unchecked")
    private void scaleOutRows(Map<String, Object> scaleOut) {
        if (scaleOut == null || !scaleOut.containsKey("commands")) {
            report.add("two instances", "skipped" + (scaleOut == null ? "" : ": " + scaleOut.get("skipped")), "", "", "", "n/a");
            return;
        }
        ((Map<String, Object>) scaleOut.get("search")).forEach((name, v) -> {
            Map<String, Object> two = (Map<String, Object>) ((Map<String, Object>) v).get("twoInstances");
            Map<String, Object> one = (Map<String, Object>) ((Map<String, Object>) v).get("oneInstance");
            report.add("two instances: search " + name + " (c=" + options.searchConcurrency + ")",
                    num(two.get("requestsPerSecond")) + " rps, p50 " + num(two.get("p50Ms")) + " ms, p99 " + num(two.get("p99Ms")) + " ms",
                    "one instance: " + num(one.get("requestsPerSecond")) + " rps, p99 " + num(one.get("p99Ms")) + " ms",
                    Report.ratio(two.get("requestsPerSecond"), one.get("requestsPerSecond")), "", "");
        });
        Map<String, Object> commands = (Map<String, Object>) scaleOut.get("commands");
        Map<String, Object> two = (Map<String, Object>) commands.get("twoInstances");
        Map<String, Object> one = (Map<String, Object>) commands.get("oneInstance");
        report.add("two instances: commands (inspections, c=" + options.ingestConcurrency + ")",
                num(two.get("commandsPerSecond")) + " commands/s, p50 " + num(two.get("p50Ms")) + " ms, p99 " + num(two.get("p99Ms"))
                        + " ms, " + two.get("conflicts409") + " x 409, " + two.get("errors") + " errors",
                "one instance: " + num(one.get("commandsPerSecond")) + " commands/s, p99 " + num(one.get("p99Ms")) + " ms",
                Report.ratio(two.get("commandsPerSecond"), one.get("commandsPerSecond")), "", "");
    }

    private static String num(Object value) {
        return Report.num(value);
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            Report.progress("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
