package org.careledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
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
 * The white-list answers searches from each document's stored public entry, without the folded
 * view; a document written before that entry existed is answered from its view.
 */
class PublicEntryTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    @Qualifier("careLedgerMongoDatabase")
    MongoDatabase mongo;

    @Test
    void searchesAnswerFromThePublicEntryAndStillFromTheViewWithoutOne() {
        Tokens tokens = new Tokens(client);
        String id = UUID.randomUUID().toString();
        new Filings(client).file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "公开条目托育中心"));
        long position = new Filings(client).approve(tokens.inspector("3708"), id).position();
        String query = "/api/v1/public/institutions?q=公开条目&minPosition=" + position;
        String fromEntry = client.get().uri(query).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        Document stored = Mono.from(mongo.getCollection("white_list").find(Filters.eq("_id", id)).first())
                .block(Duration.ofSeconds(10));
        assertThat(stored.getString("publicJson")).contains("公开条目托育中心").doesNotContain("lastEventIds")
                .doesNotContain("\"care\"");
        assertThat(fromEntry).contains("公开条目托育中心").contains("\"vacancies\":25").contains("\"total\":1");

        Mono.from(mongo.getCollection("white_list").updateOne(Filters.eq("_id", id), Updates.unset("publicJson")))
                .block(Duration.ofSeconds(10));
        String fromView = client.get().uri(query).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(fromView).isEqualTo(fromEntry);
    }
}
