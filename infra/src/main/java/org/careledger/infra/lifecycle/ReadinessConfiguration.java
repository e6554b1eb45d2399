package org.careledger.infra.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import org.careledger.kernel.messaging.EventTable;

/**
 * What readiness depends on (ADR 0021): the application is ready only while the stores it needs
 * answer and its event processors run. Each store is asked something cheap with a short timeout,
 * so a frozen database reports DOWN instead of hanging the probe. The readiness group is
 * {@code readinessState} plus these three (application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class ReadinessConfiguration {

    /** PostgreSQL: the event store and the SQL views, asked over R2DBC (never blocks an event loop). */
    @Bean
    ReactiveHealthIndicator eventStoreHealthIndicator(DatabaseClient db,
            @Value("${careledger.health.store-timeout:3s}") Duration timeout) {
        return () -> db.sql("SELECT 1 FROM " + EventTable.NAME + " LIMIT 1").fetch().first()
                .then(Mono.just(Health.up().build()))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", describe(e)).build()));
    }

    /** The MongoDB store of the public white-list: reads one document of the collection the view writes. */
    @Bean
    ReactiveHealthIndicator whiteListStoreHealthIndicator(@Qualifier("careLedgerMongoDatabase") MongoDatabase mongo,
            @Value("${careledger.health.store-timeout:3s}") Duration timeout) {
        return () -> Mono.from(mongo.getCollection("white_list").find().limit(1).first())
                .then(Mono.defer(() -> Mono.from(mongo.runCommand(new Document("ping", 1)))))
                .then(Mono.just(Health.up().build()))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", describe(e)).build()));
    }

    /** Every streaming event processor runs and is not in error (it keeps retrying while in error). */
    @Bean
    HealthIndicator processorsHealthIndicator(EventProcessingConfiguration processing) {
        return () -> {
            Map<String, String> notRunning = new TreeMap<>();
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (!processor.isRunning()) {
                    notRunning.put(processor.getName(), "not running");
                } else if (processor instanceof StreamingEventProcessor streaming && streaming.isError()) {
                    notRunning.put(processor.getName(), "in error, retrying");
                }
            }
            return notRunning.isEmpty() ? Health.up().build() : Health.down().withDetails(Map.copyOf(notRunning)).build();
        };
    }

    private static String describe(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException ? "no answer in time" : e.getClass().getSimpleName();
    }
}
