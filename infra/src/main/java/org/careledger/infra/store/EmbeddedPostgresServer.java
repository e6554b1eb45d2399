package org.careledger.infra.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 started in-process from Maven-delivered binaries (zonky), keeping its data in a
 * persistent directory. Durable by default ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on), unlike the library's test defaults.
 *
 * <p>A previous unclean stop (kill -9 of the JVM) leaves the postmaster running as an orphan
 * and a {@code postmaster.pid} behind; {@link #recoverFromUncleanStop(Path)} shuts such an orphan
 * down (fast shutdown, so it checkpoints) or removes a stale pid file before starting.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String DATABASE = "careledger";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) {
        try {
            Files.createDirectories(dataDir);
            recoverFromUncleanStop(dataDir);
            String onOff = durable ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // stopped by close() once the application has stopped its processors, not by a JVM
                    // shutdown hook of its own that races them (a burst of broken connections on SIGTERM)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", onOff)
                    .setServerConfig("synchronous_commit", onOff)
                    .setServerConfig("full_page_writes", onOff)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg);
            server.createDatabaseIfMissing();
            log.info("Embedded PostgreSQL listening on port {} with data in {} (durable={})", pg.getPort(), dataDir, durable);
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://postgres@localhost:" + port() + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
        }
    }

    /**
     * Makes the data directory startable after a kill -9: an orphaned postmaster still running on
     * it is asked for a fast shutdown (SIGINT), a stale pid file of a dead process is removed.
     *
     * <p>Only a process proven to be this directory's own postmaster is ever signalled: the pid of
     * {@code postmaster.pid} must be alive and its working directory or its command line must name
     * this data directory (a postmaster runs in its data directory and is started with
     * {@code -D <dir>}). A pid reused by any other process, a PostgreSQL of another cluster
     * included, is left alone and the stale pid file is removed; a live process that cannot be
     * inspected stops the start with an explanation instead of being guessed at.
     */
    static void recoverFromUncleanStop(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> running = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (running.isEmpty()) {
            log.warn("Removing stale {} left by an unclean stop", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle candidate = running.get();
        Ownership ownership = ownership(candidate, dataDir);
        if (ownership == Ownership.OTHER) {
            log.warn("{} names pid {}, which is alive but is not the postmaster of {} (the pid was reused); "
                    + "leaving that process alone and removing the stale pid file", pidFile, candidate.pid(), dataDir);
            Files.deleteIfExists(pidFile);
            return;
        }
        if (ownership == Ownership.UNKNOWN) {
            throw new IllegalStateException(pidFile + " names pid " + candidate.pid() + ", which is alive, but it cannot be"
                    + " verified to be the PostgreSQL of " + dataDir + ". If that process is not a PostgreSQL on this"
                    + " directory, delete " + pidFile + " and start again; if it is, stop it first.");
        }
        ProcessHandle orphan = candidate;
        log.warn("An orphaned PostgreSQL (pid {}) still runs on {}; asking it to shut down", orphan.pid(), dataDir);
        signal(orphan.pid(), "INT");
        try {
            orphan.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Orphaned PostgreSQL did not stop in time; killing it");
            if (ownership(orphan, dataDir) == Ownership.OURS) {
                signal(orphan.pid(), "KILL");
            }
            try {
                orphan.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // fall through: the start below reports what is wrong
            }
        }
        Files.deleteIfExists(pidFile);
    }

    enum Ownership { OURS, OTHER, UNKNOWN }

    /**
     * Whether a live process is the postmaster of {@code dataDir}: its working directory is the
     * data directory, or one of its arguments is. Read from {@code /proc} where there is one,
     * otherwise from the arguments the JDK reports.
     */
    static Ownership ownership(ProcessHandle process, Path dataDir) {
        Path dir = realPath(dataDir);
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        boolean inspected = false;
        try {
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            inspected = true;
            if (realPath(cwd).equals(dir)) {
                return Ownership.OURS;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not readable (another user's process) or no /proc: try the command line
        }
        try {
            byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
            if (raw.length > 0) {
                inspected = true;
                for (String arg : new String(raw, StandardCharsets.UTF_8).split("\u0000")) {
                    if (namesDirectory(arg, dir, dataDir)) {
                        return Ownership.OURS;
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            // fall back to what the JDK can tell
        }
        if (!inspected) {
            Optional<String[]> args = process.info().arguments();
            if (args.isPresent()) {
                inspected = true;
                for (String arg : args.get()) {
                    if (namesDirectory(arg, dir, dataDir)) {
                        return Ownership.OURS;
                    }
                }
            }
        }
        return inspected && process.isAlive() ? Ownership.OTHER : Ownership.UNKNOWN;
    }

    private static boolean namesDirectory(String arg, Path realDir, Path dataDir) {
        if (arg.isEmpty()) {
            return false;
        }
        String stripped = arg.startsWith("-D") && arg.length() > 2 ? arg.substring(2) : arg;
        try {
            Path p = Path.of(stripped);
            return p.isAbsolute() && (p.normalize().equals(dataDir.toAbsolutePath().normalize()) || realPath(p).equals(realDir));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot signal process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
