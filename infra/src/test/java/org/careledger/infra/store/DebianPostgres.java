package org.careledger.infra.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's PostgreSQL server as a separate process, started by {@code scripts/external-postgres.sh}
 * (docs/deployment.md). CI's {@code .ci/run} starts it before the build and exports
 * {@code CARELEDGER_EXTERNAL_PG_*}; without those variables the test starts it itself through the
 * same script (its data under infra/target). Where the script cannot (no Debian server package and
 * not root), the tests are aborted with the reason locally, and fail under CI.
 */
record DebianPostgres(String host, int port, String user, String password) {

    static DebianPostgres get() throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        if (env.get("CARELEDGER_EXTERNAL_PG_PORT") == null) {
            env = startThroughTheScript();
        }
        return new DebianPostgres(env.get("CARELEDGER_EXTERNAL_PG_HOST"),
                Integer.parseInt(env.get("CARELEDGER_EXTERNAL_PG_PORT")),
                env.get("CARELEDGER_EXTERNAL_PG_USER"), env.get("CARELEDGER_EXTERNAL_PG_PASSWORD"));
    }

    private static Map<String, String> startThroughTheScript() throws IOException, InterruptedException {
        Path script = Path.of("..", "scripts", "external-postgres.sh").toAbsolutePath().normalize();
        Path log = Files.createTempFile("external-postgres-", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "start").redirectError(log.toFile());
        pb.environment().put("CARELEDGER_PGX_DIR", Path.of("target", "external-pg").toAbsolutePath().toString());
        pb.environment().put("CARELEDGER_PGX_PORT", "55433");
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done || process.exitValue() != 0) {
            String reason = script + " start failed: " + Files.readString(log);
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        Map<String, String> exports = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("export ")) {
                String[] kv = line.substring("export ".length()).split("=", 2);
                exports.put(kv[0], kv[1]);
            }
        }
        return exports;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A new, empty database owned by the role (the role has CREATEDB). */
    String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
