package org.careledger.infra.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * Run as a separate JVM by {@link EmbeddedStoresSurviveKillTest}: starts both embedded stores
 * on a data directory, writes one row and one document, says READY and waits to be killed -9.
 */
public final class CrashingStoreProcess {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String marker = args[1];
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, true);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS crash_probe (marker TEXT PRIMARY KEY)");
            s.execute("INSERT INTO crash_probe VALUES ('" + marker + "')");
        }
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dir.resolve("mongo").resolve("white-list.mv"), 0);
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("careledger").getCollection("crash_probe").insertOne(new Document("_id", marker));
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
