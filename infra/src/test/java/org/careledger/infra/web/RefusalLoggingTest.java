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
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Issue 13 §8: an ordinary refusal (4xx) is logged at INFO without a stack trace, never at WARN. */
class RefusalLoggingTest extends IntegrationTest {

    @Autowired
    WebTestClient client;

    @Test
    void aRefusedCommandLogsOneInfoLineAndNoStackTrace() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            String op = new Tokens(client).operator(UUID.randomUUID().toString());
            // a health check for a child nobody registered: the command handler cannot load the child
            String child = UUID.randomUUID().toString();
            client.post().uri("/api/v1/children/" + child + "/health-checks").headers(h -> h.setBearerAuth(op))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("kind", "ENTRY", "checkedOn", "2026-01-05", "outcome", "NORMAL"))
                    .exchange().expectStatus().is4xxClientError();
        } finally {
            root.detachAppender(appender);
        }
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertThat(events).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                && (e.getThrowableProxy() != null || e.getLoggerName().startsWith("org.axonframework")));
        assertThat(events).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                && e.getFormattedMessage().contains("aggregate"));
    }
}
