package org.careledger.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of the benchmark. Every flag has a default; {@link #usage()} lists them.
 * Sizes follow {@code --scale} (1.0 = 300 institutions, 10,000 children) unless given explicitly.
 */
final class Options {

    static final int DEFAULT_INSTITUTIONS = 300;
    static final int DEFAULT_CHILDREN = 10_000;
    static final int DEFAULT_DAYS = 60;
    static final int DEFAULT_LONG_HISTORY_EVENTS = 50_000;

    double scale = 1.0;
    Integer institutions;
    Integer children;
    int days = DEFAULT_DAYS;
    long seed = 7;

    /** Server jar to start as a child process (ignored with {@link #serverUrl}). */
    Path serverJar;
    /** An already running server: nothing is started, nothing is stopped. */
    String serverUrl;
    /** Pid of that running server, for its memory figures (optional). */
    Long serverPid;
    /** Extra arguments for the started server, e.g. external stores ({@code --spring.datasource.url=...}). */
    final List<String> serverArgs = new ArrayList<>();
    /** Extra JVM options for the started server. */
    final List<String> serverJvmOptions = new ArrayList<>();
    /** Data directory of the started (or running) server; a fresh temporary one by default. */
    Path dataDir;
    boolean keepData;

    /** JDBC access to the server's PostgreSQL for the references; learned from the data dir when absent. */
    String jdbcUrl;
    String jdbcUser = "postgres";
    String jdbcPassword = "";

    int ingestConcurrency = 16;
    boolean idempotencyKeys = true;
    int rawThreads = 4;
    int rawBatch = 100;
    int searchConcurrency = 32;
    Duration searchWarmup = Duration.ofSeconds(5);
    Duration searchDuration = Duration.ofSeconds(15);
    int asOfRequests = 50;
    /** Commands (about one event each) of the long-lived institution; null: 50,000 times --scale. */
    Integer longHistoryEvents;
    /** Projections to rebuild; empty: every replayable one the server reports. */
    final List<String> projections = new ArrayList<>();
    Duration maxDuration = Duration.ofMinutes(90);
    Duration serverStartTimeout = Duration.ofMinutes(4);
    Path resultsDir = Path.of("benchmark", "results");
    String label = "";

    int institutions() {
        return institutions != null ? institutions : Math.max(1, (int) Math.round(DEFAULT_INSTITUTIONS * scale));
    }

    /** Events of the long-lived institution for the inspector's as-of (0: none). */
    int longHistoryEvents() {
        return longHistoryEvents != null ? longHistoryEvents : (int) Math.round(DEFAULT_LONG_HISTORY_EVENTS * scale);
    }

    int children() {
        return children != null ? children : Math.max(1, (int) Math.round(DEFAULT_CHILDREN * scale));
    }

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("Unexpected argument: " + arg);
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                value = null;
            }
            if (isFlag(name)) {
                boolean on = value == null || Boolean.parseBoolean(value);
                switch (name) {
                    case "keep-data" -> o.keepData = on;
                    case "no-idempotency-keys" -> o.idempotencyKeys = !on;
                    default -> throw new UsageException("Unknown flag --" + name);
                }
                continue;
            }
            if (value == null) {
                if (i + 1 >= rest.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = rest.get(++i);
            }
            try {
                switch (name) {
                    case "scale" -> o.scale = Double.parseDouble(value);
                    case "institutions" -> o.institutions = positive(name, Integer.parseInt(value));
                    case "children" -> o.children = positive(name, Integer.parseInt(value));
                    case "days" -> o.days = positive(name, Integer.parseInt(value));
                    case "seed" -> o.seed = Long.parseLong(value);
                    case "jar" -> o.serverJar = Path.of(value);
                    case "server" -> o.serverUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                    case "server-pid" -> o.serverPid = Long.parseLong(value);
                    case "server-arg" -> o.serverArgs.add(value);
                    case "server-jvm-option" -> o.serverJvmOptions.add(value);
                    case "data-dir" -> o.dataDir = Path.of(value);
                    case "jdbc-url" -> o.jdbcUrl = value;
                    case "jdbc-user" -> o.jdbcUser = value;
                    case "jdbc-password" -> o.jdbcPassword = value;
                    case "ingest-concurrency" -> o.ingestConcurrency = positive(name, Integer.parseInt(value));
                    case "raw-threads" -> o.rawThreads = positive(name, Integer.parseInt(value));
                    case "raw-batch" -> o.rawBatch = positive(name, Integer.parseInt(value));
                    case "search-concurrency" -> o.searchConcurrency = positive(name, Integer.parseInt(value));
                    case "search-seconds" -> o.searchDuration = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                    case "search-warmup-seconds" -> o.searchWarmup = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                    case "as-of-requests" -> o.asOfRequests = positive(name, Integer.parseInt(value));
                    case "long-history-events" -> {
                        o.longHistoryEvents = Integer.parseInt(value);
                        if (o.longHistoryEvents < 0) {
                            throw new UsageException("--long-history-events must be at least 0");
                        }
                    }
                    case "projections" -> {
                        for (String p : value.split(",")) {
                            if (!p.isBlank()) {
                                o.projections.add(p.trim());
                            }
                        }
                    }
                    case "max-minutes" -> o.maxDuration = Duration.ofSeconds(Math.round(Double.parseDouble(value) * 60));
                    case "server-start-seconds" -> o.serverStartTimeout = Duration.ofSeconds(Long.parseLong(value));
                    case "results" -> o.resultsDir = Path.of(value);
                    case "label" -> o.label = value;
                    default -> throw new UsageException("Unknown option --" + name);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " is not a number: " + value);
            }
        }
        if (o.scale <= 0 || Double.isNaN(o.scale)) {
            throw new UsageException("--scale must be above 0");
        }
        if (o.serverUrl == null && o.serverJar == null) {
            o.serverJar = defaultJar();
        }
        if (o.serverUrl != null && o.serverJvmOptions.size() + o.serverArgs.size() > 0) {
            throw new UsageException("--server-arg and --server-jvm-option apply to a started server, not to --server");
        }
        return o;
    }

    private static boolean isFlag(String name) {
        return name.equals("keep-data") || name.equals("no-idempotency-keys");
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new UsageException("--" + name + " must be at least 1");
        }
        return value;
    }

    /** infra/target/careledger.jar from the working directory or one of its parents. */
    static Path defaultJar() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            Path jar = dir.resolve("infra").resolve("target").resolve("careledger.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        return Path.of("infra", "target", "careledger.jar");
    }

    String describeSizes() {
        return String.format(Locale.ROOT, "%d institutions, %d children, %d days, a long-lived institution of %d events",
                institutions(), children(), days, longHistoryEvents());
    }

    static String usage() {
        return """
                CareLedger benchmark: builds a synthetic region through the HTTP API and measures it next to
                same-run references. By default it starts infra/target/careledger.jar on a fresh temporary
                data directory (embedded PostgreSQL and MongoDB-wire server, durable settings).

                  java -jar benchmark/target/careledger-benchmark.jar [options]

                Size
                  --scale F                 multiply the default region (300 institutions, 10,000 children) [1.0]
                  --institutions N          institutions (overrides --scale)
                  --children N              children (overrides --scale)
                  --days N                  days of attendance, ending yesterday [60]
                  --seed N                  seed of the synthetic region [7]
                Server
                  --jar PATH                server jar to start [infra/target/careledger.jar]
                  --server-arg ARG          extra server argument, repeatable; external stores, e.g.
                                            --server-arg=--spring.datasource.url=jdbc:postgresql://db/careledger
                                            (also spring.r2dbc.*, spring.data.mongodb.uri and
                                            --careledger.dev.insecure-local-issuer=true: tokens come from it)
                  --server-jvm-option OPT   extra JVM option of the started server, repeatable (e.g. -Xmx2g)
                  --server URL              use an already running server (local token issuer on); start nothing
                  --server-pid PID          its process id, for the memory figures
                  --data-dir PATH           data directory of the started server [fresh temporary directory];
                                            with --server: where to learn its embedded PostgreSQL port
                  --keep-data               keep the temporary data directory
                References
                  --jdbc-url URL            PostgreSQL of the server [learned: the started server's embedded
                                            PostgreSQL on a port chosen here, or <data-dir>/postgres/postmaster.pid]
                  --jdbc-user USER          [postgres]
                  --jdbc-password PW        [empty]
                Load
                  --ingest-concurrency N    concurrent commands while building the region [16]
                  --no-idempotency-keys     send commands without Idempotency-Key headers
                  --raw-threads N           threads of the raw JDBC insert reference [4]
                  --raw-batch N             rows per batch (and transaction) of that reference [100]
                  --search-concurrency N    concurrent public searches [32]
                  --search-seconds S        measured seconds per search workload [15]
                  --search-warmup-seconds S warm-up seconds per search workload [5]
                  --as-of-requests N        as-of requests per reading, when the server has the endpoint [50]
                  --long-history-events N   commands (about one state event each) building one long-lived
                                            institution for the as-of figure; 0: none, the region's
                                            largest institution is used [50,000 x scale]
                  --projections A,B         projections to rebuild [every replayable one]
                  --max-minutes M           overall time limit; later phases are skipped past it [90]
                  --server-start-seconds S  how long the server may take to become ready [240]
                Output
                  --results DIR             where results-<time>.json and .md go [benchmark/results]
                  --label TEXT              a note stored with the results
                """;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
