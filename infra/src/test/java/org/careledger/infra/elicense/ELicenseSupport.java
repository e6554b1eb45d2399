package org.careledger.infra.elicense;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.careledger.infra.support.EventRows;
import org.careledger.infra.support.Tokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Scripts the e-license simulator and waits for what the asynchronous verification writes. */
final class ELicenseSupport {

    private final WebTestClient client;
    private final EventRows events;

    private String adminToken;

    ELicenseSupport(WebTestClient client, EventRows events) {
        this.client = client;
        this.events = events;
    }

    /** Scripting the simulator is for administrators only (ADR 0019). */
    String admin() {
        if (adminToken == null) {
            adminToken = new Tokens(client).admin();
        }
        return adminToken;
    }

    void script(String creditCode, String status) {
        client.put().uri("/simulator/e-license/script/" + creditCode).headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status)).exchange().expectStatus().isOk();
    }

    void mode(boolean down, long delayMs) {
        client.put().uri("/simulator/e-license/mode").headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON)
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
