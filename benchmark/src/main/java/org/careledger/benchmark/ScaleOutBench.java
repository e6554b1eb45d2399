package org.careledger.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Two instances sharing the stores, next to one, in the same run (issue 17, docs/deployment.md).
 * A second server process is started with the standard external-store properties pointing at the
 * first one's embedded PostgreSQL and MongoDB-wire server, on a data directory of its own, with the
 * first one's secrets: its generated keys directory is copied (the local token issuer's key, so
 * tokens of either instance are valid on both) and the privacy and certificate keys are passed as
 * configuration, as every instance of a deployment must get them. The ledger processor stays on the
 * first instance. Then public search and commands (inspections: each a new aggregate, so the
 * instances never write the same one) run at the same concurrency against the first instance alone
 * and against both (client i to instance i mod 2), back to back.
 */
final class ScaleOutBench {

    private final Options options;
    private final Deadline deadline;

    ScaleOutBench(Options options, Deadline deadline) {
        this.options = options;
        this.deadline = deadline;
    }

    Map<String, Object> run(ServerProcess first, Path firstDataDir, RegionPlan plan, RegionBuilder region,
                            List<SearchBench.Workload> workloads, Path log) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        Integer mongoPort = first.embeddedMongoPort().orElse(null);
        String jdbc = first.jdbcUrl().orElse(null);
        if (!first.started() || firstDataDir == null || mongoPort == null || jdbc == null) {
            m.put("skipped", "needs a server started here on the embedded stores");
            return m;
        }
        Path secondDir = Files.createTempDirectory("clbench-second-");
        copyKeys(firstDataDir.resolve("keys"), secondDir.resolve("keys"));
        Path keys = firstDataDir.resolve("keys");
        String r2dbc = jdbc.replace("jdbc:postgresql:", "r2dbc:postgresql:");
        List<String> args = List.of(
                "--spring.datasource.url=" + jdbc, "--spring.datasource.username=postgres",
                "--spring.r2dbc.url=" + r2dbc, "--spring.r2dbc.username=postgres",
                "--spring.data.mongodb.uri=mongodb://localhost:" + mongoPort + "/careledger",
                "--careledger.dev.insecure-local-issuer=true",
                "--careledger.ledger.enabled=false");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CARELEDGER_PRIVACY_MASTERKEY", base64(keys.resolve("privacy-master.key")));
        env.put("CARELEDGER_PRIVACY_CITIZENIDHASHKEY", base64(keys.resolve("citizen-id-hash.key")));
        env.put("CARELEDGER_CERTIFICATES_SIGNINGKEY", base64(keys.resolve("certificate-ed25519.pk8")));
        env.put("CARELEDGER_CERTIFICATES_PUBLICKEY", base64(keys.resolve("certificate-ed25519.pub")));
        env.put("CARELEDGER_SECURITY_LOCALSIGNINGKEY", base64(keys.resolve("jwt-signing-key.pk8")));
        m.put("secondInstance", "a second server process with spring.datasource/r2dbc at the first one's embedded PostgreSQL and"
                + " spring.data.mongodb.uri at its MongoDB-wire server, the same secrets (keys copied, privacy and certificate"
                + " keys as configuration), ledger processor off");
        Report.progress("Starting a second instance on the first one's stores");
        long s0 = System.nanoTime();
        ServerProcess second = ServerProcess.start(options, secondDir, log, deadline, args, env);
        try {
            m.put("secondInstanceStartSeconds", Report.round((System.nanoTime() - s0) / 1e9, 1));
            List<String> one = List.of(first.baseUrl());
            List<String> both = List.of(first.baseUrl(), second.baseUrl());
            m.put("sameSearchAnswers", sameAnswers(first.baseUrl(), second.baseUrl(), workloads));

            SearchBench search = new SearchBench(first.baseUrl(), options);
            Map<String, Object> searches = new LinkedHashMap<>();
            for (SearchBench.Workload w : workloads) {
                Map<String, Object> pair = new LinkedHashMap<>();
                SearchBench.LoadResult a = search.load(one, w.uris(), deadline);
                SearchBench.LoadResult b = search.load(both, w.uris(), deadline);
                pair.put("oneInstance", a.toMap());
                pair.put("twoInstances", b.toMap());
                searches.put(w.name(), pair);
                Report.progress(String.format(Locale.ROOT, "  search %-7s one instance %6.0f rps p99 %6.1f ms | two %6.0f rps p99 %6.1f ms",
                        w.name(), a.rps(), nz(a.latency().percentileMs(99)), b.rps(), nz(b.latency().percentileMs(99))));
            }
            m.put("searchConcurrency", options.searchConcurrency);
            m.put("search", searches);

            List<String> institutions = region.built.stream().map(b -> b.id).filter(id -> id != null).toList();
            Map<String, Object> commands = new LinkedHashMap<>();
            commands.put("command", "POST /api/v1/inspections (a new inspection of a random institution of the region, one event)");
            commands.put("concurrency", options.ingestConcurrency);
            CommandLoad a = commandLoad(one, region.inspectorToken, institutions, plan.today);
            CommandLoad b = commandLoad(both, region.inspectorToken, institutions, plan.today);
            commands.put("oneInstance", a.toMap());
            commands.put("twoInstances", b.toMap());
            m.put("commands", commands);
            Report.progress(String.format(Locale.ROOT, "  commands       one instance %6.0f /s p99 %6.1f ms | two %6.0f /s p99 %6.1f ms",
                    a.perSecond(), nz(a.latency.percentileMs(99)), b.perSecond(), nz(b.latency.percentileMs(99))));
        } finally {
            second.close();
            Benchmark.deleteRecursively(secondDir);
        }
        return m;
    }

    private static void copyKeys(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static String base64(Path file) throws java.io.IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    /** Whether the second instance answers every search URI with the same bytes as the first. */
    private static boolean sameAnswers(String first, String second, List<SearchBench.Workload> workloads) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (SearchBench.Workload w : workloads) {
            for (String uri : w.uris()) {
                byte[] a = client.send(HttpRequest.newBuilder(URI.create(first + uri)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                byte[] b = client.send(HttpRequest.newBuilder(URI.create(second + uri)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                if (!java.util.Arrays.equals(a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    record CommandLoad(long accepted, long conflicts, long errors, double seconds, Stats latency) {

        double perSecond() {
            return seconds > 0 ? accepted / seconds : 0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accepted", accepted);
            m.put("conflicts409", conflicts);
            m.put("errors", errors);
            m.put("seconds", Report.round(seconds, 2));
            m.put("commandsPerSecond", Report.round(perSecond(), 1));
            m.put("p50Ms", Report.round(latency.percentileMs(50), 2));
            m.put("p99Ms", Report.round(latency.percentileMs(99), 2));
            return m;
        }
    }

    /** Inspections in a closed loop, for the search phase's warm-up and window; client i sends to server i mod n. */
    private CommandLoad commandLoad(List<String> bases, String token, List<String> institutions, LocalDate today)
            throws InterruptedException {
        if (deadline.passed() || institutions.isEmpty()) {
            return new CommandLoad(0, 0, 0, 0, new Stats(1));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ClosedLoop.Result r = ClosedLoop.run(options.ingestConcurrency, options.searchWarmup, options.searchDuration, deadline,
                "command", index -> {
                    URI uri = URI.create(bases.get(index % bases.size()) + "/api/v1/inspections");
                    int[] next = {index * 13};
                    return () -> {
                        ObjectNode body = Api.JSON.createObjectNode()
                                .put("institutionId", institutions.get(next[0]++ % institutions.size()))
                                .put("type", "RANDOM_SPOT_CHECK").put("inspectedOn", today.toString());
                        body.putArray("findings");
                        body.putArray("orders");
                        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(Api.bytes(body))).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    };
                });
        return new CommandLoad(r.ok(), r.conflicts(), r.errors(), r.seconds(), r.latency());
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }
}
