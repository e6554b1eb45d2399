package org.careledger.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The embedded default keeps its data across an unclean stop: a JVM that started both stores and
 * wrote to them is killed with SIGKILL (leaving an orphaned postmaster and its pid file behind),
 * and a new start on the same data directory succeeds and finds the data.
 */
class EmbeddedStoresSurviveKillTest {

    @Test
    void dataWrittenBeforeAKillNineIsThereAfterTheNextStart() throws Exception {
        Path dir = Files.createTempDirectory("careledger-kill-");
        String marker = UUID.randomUUID().toString();

        Process child = startChild(dir, marker);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> seen = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                seen.add(line);
            }
            assertThat(line).as("child output: %s", seen).isEqualTo("READY");
            child.destroyForcibly(); // SIGKILL: no shutdown hooks run
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir.resolve("postgres").resolve("postmaster.pid")).exists();

        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, true);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT marker FROM crash_probe")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(marker);
        } finally {
            pg.close();
        }

        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dir.resolve("mongo").resolve("white-list.mv"), 0);
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document found = client.getDatabase("careledger").getCollection("crash_probe")
                    .find(new Document("_id", marker)).first();
            assertThat(found).isNotNull();
        } finally {
            mongo.close();
        }
    }

    private static Process startChild(Path dir, String marker) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingStoreProcess.class.getName(), dir.toString(), marker)
                .redirectErrorStream(true)
                .start();
    }
}
