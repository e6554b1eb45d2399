package org.careledger.infra.elicense;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.careledger.infra.support.EventRows;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Scripts the e-license simulator and waits for what the asynchronous verification writes. */
final class ELicenseSupport {

    private final WebTestClient client;
    private final EventRows events;

    ELicenseSupport(WebTestClient client, EventRows events) {
        this.client = client;
        this.events = events;
    }

    void script(String creditCode, String status) {
        client.put().uri("/simulator/e-license/script/" + creditCode).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status)).exchange().expectStatus().isOk();
    }

    void mode(boolean down, long delayMs) {
        client.put().uri("/simulator/e-license/mode").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("down", down, "delayMs", delayMs)).exchange().expectStatus().isOk();
    }

    /** Waits (bounded) until the institution's events satisfy the condition; returns them. */
    List<String> awaitEvents(String institutionId, Predicate<List<String>> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> types = events.typesFor(institutionId);
        while (!condition.test(types)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events of " + institutionId + " never matched; they are " + types);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            types = events.typesFor(institutionId);
        }
        return types;
    }
}
