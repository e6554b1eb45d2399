package org.careledger.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server under test: either a child process started here from the server jar (on a data
 * directory, with its embedded PostgreSQL on a port chosen here so the references can reach it),
 * or a server that already runs. Samples the server's memory from /proc while it lives.
 */
final class ServerProcess implements AutoCloseable {

    private final String baseUrl;
    private final Process process;
    private final Long pid;
    private final String jdbcUrl;
    private final Path log;
    private final Set<Long> descendants = ConcurrentHashMap.newKeySet();
    private volatile long peakTreePssKb;
    private volatile long peakJvmRssKb;
    private volatile boolean sampling = true;
    private Thread sampler;
    private Thread shutdownHook;
    /** The embedded PostgreSQL's postmaster: pg_ctl detaches it, so it is no descendant of the JVM. */
    private volatile Long postgresPid;
    private volatile boolean closed;
    /** The embedded MongoDB-wire server's port, when started here (a second instance's white-list store). */
    private Integer embeddedMongoPort;

    private ServerProcess(String baseUrl, Process process, Long pid, String jdbcUrl, Path log) {
        this.baseUrl = baseUrl;
        this.process = process;
        this.pid = pid;
        this.jdbcUrl = jdbcUrl;
        this.log = log;
    }

    String baseUrl() {
        return baseUrl;
    }

    Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    Optional<Integer> embeddedMongoPort() {
        return Optional.ofNullable(embeddedMongoPort);
    }

    Optional<Long> pid() {
        return Optional.ofNullable(pid);
    }

    Optional<Long> postgresPid() {
        return Optional.ofNullable(postgresPid);
    }

    /** The postmaster's pid: line 1 of {@code <data-dir>/postgres/postmaster.pid}. */
    static Long postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? null : Long.valueOf(lines.get(0).trim());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    boolean started() {
        return process != null;
    }

    Path log() {
        return log;
    }

    /** Starts the jar and waits until the server reports itself ready. */
    static ServerProcess start(Options options, Path dataDir, Path log, Deadline deadline) throws IOException, InterruptedException {
        return start(options, dataDir, log, deadline, List.of(), Map.of());
    }

    /**
     * Starts the jar with arguments and environment variables beyond the options' (a second
     * instance's external stores and secrets) and waits until the server reports itself ready.
     */
    static ServerProcess start(Options options, Path dataDir, Path log, Deadline deadline, List<String> extraArgs,
                               Map<String, String> extraEnv) throws IOException, InterruptedException {
        if (!Files.isRegularFile(options.serverJar)) {
            throw new IllegalStateException("No server jar at " + options.serverJar.toAbsolutePath()
                    + ": build it first (./mvnw -q -DskipTests package) or pass --jar / --server");
        }
        int httpPort = freePort();
        int pgPort = freePort();
        int mongoPort = freePort();
        // The server's own settings go in environment variables (Spring's relaxed binding) and the jar
        // is reached through a link in the data directory, so that its command line names neither the
        // project nor the jar: a broad "pkill -f careledger" of someone else's must not end a measurement.
        Path link = dataDir.resolve("server-under-test.jar");
        Files.createDirectories(dataDir);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, options.serverJar.toAbsolutePath());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.serverJvmOptions);
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-jar");
        command.add(link.toString());
        command.addAll(options.serverArgs);
        command.addAll(extraArgs);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.put("SERVER_PORT", Integer.toString(httpPort));
        env.put("PORT", Integer.toString(httpPort));
        env.put("CARELEDGER_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("CARELEDGER_EMBEDDED_POSTGRESPORT", Integer.toString(pgPort));
        env.put("CARELEDGER_EMBEDDED_MONGOPORT", Integer.toString(mongoPort));
        env.put("CARELEDGER_EMBEDDED_DURABLE", "true");
        // the load comes from one address on purpose: no per-client limit on the public API (ADR 0019)
        env.put("CARELEDGER_RATELIMITS_PUBLICREQUESTS_LIMIT", "0");
        // the region is brought in with its history: contracts and checks from before the filings'
        // approval in CareLedger (which happens on the day the benchmark runs) are accepted
        env.put("CARELEDGER_ENROLMENT_RECORDSBEFOREFILINGALLOWED", "true");
        env.putAll(extraEnv);
        Process p = builder.start();
        String external = argValue(options.serverArgs, "spring.datasource.url");
        String jdbc = options.jdbcUrl != null ? options.jdbcUrl
                : external != null ? external
                : "jdbc:postgresql://localhost:" + pgPort + "/careledger";
        ServerProcess server = new ServerProcess("http://localhost:" + httpPort, p, p.pid(), jdbc, log);
        server.embeddedMongoPort = mongoPort;
        // stop the server also when the benchmark itself is interrupted (Ctrl-C, SIGTERM)
        Thread hook = new Thread(server::close, "stop-server");
        Runtime.getRuntime().addShutdownHook(hook);
        server.shutdownHook = hook;
        server.startSampling();
        try {
            server.awaitReady(options.serverStartTimeout, deadline);
            server.postgresPid = postmasterPid(dataDir);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A server started by someone else. */
    static ServerProcess attach(Options options) {
        String jdbc = options.jdbcUrl;
        if (jdbc == null && options.dataDir != null) {
            jdbc = embeddedPostgresFromDataDir(options.dataDir).orElse(null);
        }
        ServerProcess server = new ServerProcess(options.serverUrl, null, options.serverPid, jdbc, null);
        if (options.dataDir != null) {
            server.postgresPid = postmasterPid(options.dataDir);
        }
        if (options.serverPid != null) {
            server.startSampling();
        }
        return server;
    }

    /**
     * The embedded PostgreSQL's JDBC URL learned from its data directory: the fourth line of
     * {@code <data-dir>/postgres/postmaster.pid} is the port it listens on (user postgres, trust
     * authentication on localhost, database careledger).
     */
    static Optional<String> embeddedPostgresFromDataDir(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() >= 4 && lines.get(3).trim().matches("\\d+")) {
                return Optional.of("jdbc:postgresql://localhost:" + lines.get(3).trim() + "/careledger");
            }
        } catch (IOException e) {
            // not an embedded server's directory, or not running
        }
        return Optional.empty();
    }

    private static String argValue(List<String> args, String property) {
        String value = null;
        for (String a : args) {
            String prefix = "--" + property + "=";
            if (a.startsWith(prefix)) {
                value = a.substring(prefix.length());
            }
        }
        return value;
    }

    private void awaitReady(Duration timeout, Deadline deadline) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + Math.min(timeout.toNanos(), deadline.remaining().toNanos());
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + " while starting; see " + log
                        + "\n" + tail(log, 30));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The server did not become ready within " + timeout.toSeconds() + " s; see " + log
                + "\n" + tail(log, 30));
    }

    static String tail(Path file, int lines) {
        if (file == null) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void startSampling() {
        sampler = new Thread(() -> {
            while (sampling) {
                sampleOnce();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Reads VmHWM of the server JVM and the proportional set size of the JVM and its children. */
    void sampleOnce() {
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        long hwm = procStatusKb(pid, "VmHWM:");
        if (hwm > peakJvmRssKb) {
            peakJvmRssKb = hwm;
        }
        long pss = pssKb(pid);
        for (ProcessHandle d : handle.get().descendants().toList()) {
            descendants.add(d.pid());
            pss += pssKb(d.pid());
        }
        Long pg = postgresPid;
        if (pg != null) {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pg).filter(ProcessHandle::isAlive);
            if (postmaster.isPresent()) {
                pss += pssKb(pg);
                for (ProcessHandle d : postmaster.get().descendants().toList()) {
                    pss += pssKb(d.pid());
                }
            }
        }
        if (pss > peakTreePssKb) {
            peakTreePssKb = pss;
        }
    }

    record Memory(Long jvmPeakRssKb, Long treePeakPssKb, int processes) {
    }

    Memory memory() {
        sampleOnce();
        if (pid == null) {
            return new Memory(null, null, 0);
        }
        return new Memory(peakJvmRssKb > 0 ? peakJvmRssKb : null, peakTreePssKb > 0 ? peakTreePssKb : null,
                1 + descendants.size());
    }

    private static long procStatusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return 0;
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return procStatusKb(pid, "VmRSS:");
        }
        return 0;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Stops a started server (SIGTERM, then SIGKILL after 90 s, and its orphaned children by pid). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        sampling = false;
        if (sampler != null) {
            sampler.interrupt();
        }
        if (process == null) {
            return;
        }
        process.descendants().forEach(d -> descendants.add(d.pid()));
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (postgresPid != null) {
            descendants.add(postgresPid);
        }
        for (Long d : descendants) {
            ProcessHandle.of(d).filter(ProcessHandle::isAlive).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
    }
}
