package org.careledger.infra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.Document;
import org.careledger.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** Readiness reports what the application needs: its event processors running and its stores answering. */
class ReadinessTest extends IntegrationTest {

    @Autowired
    WebTestClient web;
    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** Readiness as the probe sees it, waiting out a moment of start-up; the components on failure. */
    private void assertReady() throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            if (web.get().uri("/actuator/health/readiness").exchange().returnResult(String.class).getStatus().value() == 200) {
                return;
            }
            if (attempt == 0) {
                System.out.println("readiness not yet UP: " + components());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready:\n" + components());
    }

    private String components() {
        StringBuilder components = new StringBuilder();
        context.getBeansOfType(org.springframework.boot.actuate.health.HealthIndicator.class)
                .forEach((name, i) -> components.append(name).append('=').append(i.health()).append('\n'));
        context.getBeansOfType(org.springframework.boot.actuate.health.ReactiveHealthIndicator.class)
                .forEach((name, i) -> components.append(name).append('=').append(i.health().block()).append('\n'));
        return components.toString();
    }

    @Test
    void readinessIsDownWhileAProcessorDoesNotRun() throws InterruptedException {
        assertReady();
        EventProcessor utilisation = processing.eventProcessor("utilisation").orElseThrow();
        utilisation.shutDown();
        try {
            web.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
            // liveness is not about the stores or the processors: restarting would not help
            web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        } finally {
            utilisation.start();
        }
        assertReady();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWhiteListStoreThatDoesNotAnswerIsDown() {
        MongoDatabase frozen = Mockito.mock(MongoDatabase.class);
        MongoCollection<Document> collection = Mockito.mock(MongoCollection.class);
        FindPublisher<Document> find = Mockito.mock(FindPublisher.class);
        Mockito.when(frozen.getCollection("white_list")).thenReturn(collection);
        Mockito.when(collection.find()).thenReturn(find);
        Mockito.when(find.limit(1)).thenReturn(find);
        Mockito.when(find.first()).thenReturn(Mono.<Document>never());

        Health health = new ReadinessConfiguration().whiteListStoreHealthIndicator(frozen, Duration.ofMillis(200))
                .health().block(Duration.ofSeconds(10));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "no answer in time");
    }
}
