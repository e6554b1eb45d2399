package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Issue 13 §8: an ordinary refusal (4xx) is logged at INFO without a stack trace, never at WARN. */
class RefusalLoggingTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    Environment environment;

    @Test
    void aRefusedCommandLogsOneInfoLineWithoutAStackTrace() {
        Logger problems = (Logger) LoggerFactory.getLogger(ProblemMapper.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        problems.addAppender(appender);
        try {
            // a subsidy application for an institution nobody registered: a domain refusal (404)
            String id = UUID.randomUUID().toString();
            client.post().uri("/api/v1/subsidies").headers(h -> h.setBearerAuth(new Tokens(client).operator(id)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("institutionId", id, "kind", "OPERATING", "periodFrom", "2026-01-01",
                            "periodTo", "2026-01-31"))
                    .exchange().expectStatus().is4xxClientError();
        } finally {
            problems.detachAppender(appender);
        }
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertThat(events).anyMatch(e -> e.getLevel() == Level.INFO && e.getFormattedMessage().startsWith("Refused with")
                && e.getThrowableProxy() == null);
        assertThat(events).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null);
    }

    /**
     * Axon logs an aggregate it cannot load at WARN with a stack trace, also the expected "no such
     * record" behind a 404; the application's configuration keeps that logger at ERROR. (Checked on
     * the configuration: the shared test JVM re-initialises logging when other contexts close.)
     */
    @Test
    void anAggregateThatIsNotThereIsNotAWarning() {
        assertThat(environment.getProperty("logging.level.org.axonframework.modelling.command.AbstractRepository"))
                .isEqualToIgnoringCase("error");
        String op = new Tokens(client).operator(UUID.randomUUID().toString());
        client.post().uri("/api/v1/children/" + UUID.randomUUID() + "/health-checks").headers(h -> h.setBearerAuth(op))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "ENTRY", "checkedOn", "2026-01-05", "outcome", "NORMAL"))
                .exchange().expectStatus().isNotFound();
    }
}
