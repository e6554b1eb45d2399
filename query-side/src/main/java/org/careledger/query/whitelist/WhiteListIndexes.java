package org.careledger.query.whitelist;

import java.time.Duration;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The white-list's indexes, created at start-up (creating an existing index is a no-op). Every
 * public query shape is an equality or range filter on one of these (ADR 0004).
 */
@Component
class WhiteListIndexes implements InitializingBean {

    private final MongoCollection<Document> documents;

    WhiteListIndexes(@Qualifier("careLedgerMongoDatabase") MongoDatabase database) {
        this.documents = database.getCollection(WhiteListProjection.COLLECTION);
    }

    @Override
    public void afterPropertiesSet() {
        Flux.concat(
                        documents.createIndex(Indexes.ascending("listed", "divisionPrefixes"), new IndexOptions().name("listed_division")),
                        documents.createIndex(Indexes.ascending("nameTokens"), new IndexOptions().name("name_tokens")),
                        documents.createIndex(Indexes.ascending("location.lat", "location.lng"), new IndexOptions().name("location")),
                        documents.createIndex(Indexes.ascending("filingNumber"), new IndexOptions().name("filing_number")))
                .then().block(Duration.ofSeconds(30));
    }
}
