package org.careledger.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The embedded white-list store recovers on its own after a write failure. MVStore closes itself
 * for good when a write fails (a full disk); before, every later operation failed with
 * "Map … white_list is closed" until the application was restarted.
 */
class EmbeddedMongoRecoveryTest {

    @Test
    void aStoreClosedByAFailureIsReopenedAndKeepsItsData() throws Exception {
        Path file = Files.createTempDirectory("careledger-mongo-").resolve("white-list.mv");
        EmbeddedMongoServer server = EmbeddedMongoServer.start(file, 0);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> whiteList = client.getDatabase("careledger").getCollection("white_list");
            whiteList.insertOne(new Document("_id", "before"));

            server.currentStore().closeImmediately(); // what MVStore does to itself after a failed write

            whiteList.insertOne(new Document("_id", "after"));
            assertThat(whiteList.countDocuments()).isEqualTo(2);
            assertThat(whiteList.find(new Document("_id", "before")).first()).isNotNull();
            assertThat(server.currentStore().isClosed()).isFalse();
        } finally {
            server.close();
        }
    }
}
