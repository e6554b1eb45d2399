package org.careledger.infra.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.careledger.kernel.value.CreditCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Builds filing request bodies and drives the filing API as a client would. */
public final class Filings {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);

    private final WebTestClient client;

    public Filings(WebTestClient client) {
        this.client = client;
    }

    /** A unified social credit code with a valid GB 32100 check character, unique in this JVM. */
    public static String freshCreditCode() {
        String first17 = "52" + "370830" + "MJ" + String.format("%07d", SERIAL.incrementAndGet() % 10_000_000);
        return first17 + CreditCode.checkCharacterFor(first17);
    }

    public static Map<String, Object> body(String creditCode, String name, String division, double lat, double lng,
                                           List<Map<String, Object>> classes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", creditCode);
        body.put("name", name);
        body.put("type", "CHILDCARE_CENTRE");
        body.put("division", division);
        body.put("address", "山东省济宁市汶上县中都街道");
        body.put("location", Map.of("latitude", lat, "longitude", lng));
        body.put("contactPhone", "0537-7210000");
        body.put("mealsServed", true);
        body.put("serviceTypes", List.of("FULL_DAY", "HOURLY"));
        body.put("classes", classes);
        body.put("fees", List.of(Map.of("item", "保育费", "amountFen", 180000, "unit", "PER_MONTH")));
        body.put("documents", documents());
        return body;
    }

    /** The body with the optional local zone (docs/domain.md, rule F7) set. */
    public static Map<String, Object> inZone(Map<String, Object> body, String zone) {
        Map<String, Object> zoned = new LinkedHashMap<>(body);
        zoned.put("zone", zone);
        return zoned;
    }

    public static Map<String, Object> body(String creditCode, String name) {
        return body(creditCode, name, "370830", 35.7326, 116.4897,
                List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 10),
                        Map.of("name", "托小班", "classType", "YOUNG_TODDLER", "places", 15)));
    }

    public static List<Map<String, Object>> documents() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String type : List.of("FILING_FORM_AND_PLEDGE", "BUSINESS_LICENCE", "PREMISES_PROOF", "STAFF_CERTIFICATES",
                "FIRE_SAFETY_PROOF", "FOOD_LICENCE")) {
            docs.add(Map.of("type", type, "reference", "DOC-" + type));
        }
        docs.add(Map.of("type", "HEALTH_EVALUATION_REPORT", "reference", "HE-2026-001", "qualified", true));
        return docs;
    }

    /** Accepted command answer. */
    public record Accepted(String id, long position) {
    }

    public Accepted file(String token, Map<String, Object> body) {
        return client.post().uri("/api/v1/institutions").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Accepted.class).returnResult().getResponseBody();
    }

    public Accepted post(String token, String path, Object body) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body == null ? Map.of() : body)
                .exchange().expectStatus().is2xxSuccessful()
                .expectBody(Accepted.class).returnResult().getResponseBody();
    }

    /**
     * Approves once the business licence has been verified: the e-license check runs after the
     * filing (asynchronously), and approval answers 503 LICENCE_VERIFICATION_PENDING until then.
     */
    public Accepted approve(String token, String institutionId) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            var result = client.post().uri("/api/v1/institutions/" + institutionId + "/filing/approve")
                    .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
                    .exchange().expectBody(String.class).returnResult();
            if (result.getStatus().value() == 200) {
                try {
                    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(result.getResponseBody(), Accepted.class);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (result.getStatus().value() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("approval answered " + result.getStatus() + ": " + result.getResponseBody());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
