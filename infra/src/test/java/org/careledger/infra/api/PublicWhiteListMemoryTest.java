package org.careledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Predicate;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The public white-list is searched in memory (ADR 0017): the projection hands over what it
 * writes, and documents written by another instance (here: changed directly in MongoDB) reach the
 * memory without a restart — changed, deleted, or stored before the public entry existed.
 */
class PublicWhiteListMemoryTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    WebTestClient client;
    @Autowired
    @Qualifier("careLedgerMongoDatabase")
    MongoDatabase mongo;

    @Test
    void searchesAnswerWhatTheProjectionStoredAndFollowTheDocuments() throws Exception {
        Tokens tokens = new Tokens(client);
        String id = UUID.randomUUID().toString();
        new Filings(client).file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "公开条目托育中心"));
        long position = new Filings(client).approve(tokens.inspector("3708"), id).position();
        String fromMemory = get("/api/v1/public/institutions?q=公开条目&minPosition=" + position);
        assertThat(fromMemory).contains("公开条目托育中心").contains("\"vacancies\":25").contains("\"total\":1");

        MongoCollection<Document> documents = mongo.getCollection("white_list");
        Document stored = Mono.from(documents.find(Filters.eq("_id", id)).first()).block(WAIT);
        assertThat(stored.getString("publicJson")).contains("公开条目托育中心").doesNotContain("lastEventIds")
                .doesNotContain("\"care\"");
        assertThat(stored.getDate("updatedAt")).isNotNull();
        String filingNumber = stored.getString("filingNumber");
        String byNumber = "/api/v1/public/institutions/" + filingNumber;
        // far ahead of any event, so that the projection's own later writes cannot overtake these edits
        long lastPosition = stored.getLong("lastPosition") + 1_000_000_000_000L;

        // another instance's processor writes a later state of the document
        update(documents, id, Updates.combine(
                Updates.set("publicJson", stored.getString("publicJson").replace("公开条目托育中心", "别处写入托育中心")),
                Updates.set("nameTokens", java.util.List.of("别处", "处写", "写入")),
                Updates.set("lastPosition", lastPosition + 1), Updates.set("updatedAt", new Date())));
        awaitAnswer("/api/v1/public/institutions?q=别处写入", body -> body.contains("别处写入托育中心"));

        // a document stored before the public entry existed is answered from its view
        update(documents, id, Updates.combine(Updates.unset("publicJson"),
                Updates.set("viewJson", stored.getString("viewJson").replace("公开条目托育中心", "视图条目托育中心")),
                Updates.set("lastPosition", lastPosition + 2), Updates.set("updatedAt", new Date())));
        awaitAnswer(byNumber, body -> body.contains("视图条目托育中心"));

        // another instance reset the projection: the document is gone, and so is the entry
        Mono.from(documents.deleteOne(Filters.eq("_id", id))).block(WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status;
        do {
            Thread.sleep(100);
            status = client.get().uri(byNumber).exchange().returnResult(String.class).getStatus().value();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(404);
    }

    private void update(MongoCollection<Document> documents, String id, org.bson.conversions.Bson update) {
        assertThat(Mono.from(documents.updateOne(Filters.eq("_id", id), update)).block(WAIT).getModifiedCount())
                .isEqualTo(1);
    }

    private String get(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
    }

    private void awaitAnswer(String uri, Predicate<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body = get(uri);
        while (!expected.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = get(uri);
        }
        assertThat(body).matches(expected);
    }
}
