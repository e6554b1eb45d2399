package org.careledger.infra.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.value.InputRules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 12 §4: the fuzz suite. It reads the live OpenAPI document and sends every operation the
 * classic malformed variants: missing, null and wrong-typed fields; huge, empty and
 * unicode-garbage strings; invalid and absurd dates; negative, fractional and overflowing numbers;
 * duplicate keys; deep nesting; wrong content types; path ids that are traversal, NUL or too long.
 * Expected: no answer ≥ 500, every 4xx is {@code application/problem+json} with a {@code code},
 * and no refused request appended an event (each request carries its own correlation id, which
 * every event it causes records). The run is bounded (at least 1,500 requests; the seed and
 * the number of variants per field are fixed so a failure can be repeated); a longer run is
 * {@code -Dfuzz.rounds=N} (docs/input-rules.md).
 */
class OpenApiFuzzTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Operations that would disturb the other tests sharing this application (replays, the simulator). */
    private static final Set<String> SKIPPED = Set.of("/api/v1/admin/projections/{name}/replay");
    /** The e-license simulator is a development stand-in for an outside platform, not the API. */
    private static final String SIMULATOR = "/simulator/";
    private static final String TODAY = InputRules.today().toString();

    @Autowired
    WebTestClient client;
    private WebTestClient wholeAnswers;

    /** The same client, buffering whole answers up to 16 MB (a change feed or an export is larger than the default 256 KB). */
    private WebTestClient wholeAnswers() {
        if (wholeAnswers == null) {
            wholeAnswers = client.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        }
        return wholeAnswers;
    }
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private final Random random = new Random(12);
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statusCounts = new TreeMap<>();
    private final List<String> refusedCorrelations = new ArrayList<>();
    private int sent;

    private String admin;
    private String institution;
    private JsonNode components;

    @Test
    void noMalformedRequestIsAnsweredWithA5xxOrWithoutAProblemOrWritesAnything() throws Exception {
        Tokens tokens = new Tokens(client);
        admin = tokens.admin();
        institution = UUID.randomUUID().toString();
        String operator = tokens.operator(institution);
        new Filings(client).file(operator, Filings.body(Filings.freshCreditCode(), "模糊测试托育中心"));

        byte[] doc = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JsonNode api = JSON.readTree(doc);
        components = api.path("components").path("schemas");
        int rounds = Integer.getInteger("fuzz.rounds", 1);

        for (int round = 0; round < rounds; round++) {
            for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (SKIPPED.contains(path.getKey()) || path.getKey().startsWith(SIMULATOR)) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    fuzzOperation(path.getKey(), op.getKey().toUpperCase(), op.getValue());
                }
            }
        }

        // no refused request left an event behind
        List<String> written = jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8') LIKE '%fuzz-%'", String.class);
        List<String> leaked = new ArrayList<>();
        for (String meta : written) {
            String correlation = JSON.readTree(meta).path("correlationId").asText();
            if (refusedCorrelations.contains(correlation)) {
                leaked.add(correlation);
            }
        }
        System.out.printf("fuzz: %d requests, statuses %s, %d failures, %d refused requests that wrote events%n", sent,
                statusCounts, failures.size(), leaked.size());
        failures.forEach(f -> System.out.println("fuzz failure: " + f));
        assertThat(sent).isGreaterThanOrEqualTo(1500);
        assertThat(failures).as("answers ≥ 500 or 4xx without a problem body").isEmpty();
        assertThat(leaked).as("refused requests that appended events").isEmpty();
        projectionsCaughtUpWithNothingParked();
    }

    /**
     * The events the fuzz did cause (accepted baselines, and the institution filed for it) reach
     * every projection: each one catches up with the newest stored event, and none of them was
     * parked. Other tests park poison events on purpose, so only the fuzz's own events count: those
     * whose correlation id is a fuzz request's, and those of the fuzz's institution.
     */
    @SuppressWarnings("unchecked")
    private void projectionsCaughtUpWithNothingParked() throws Exception {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> status;
        while (true) {
            status = client.get().uri("/api/v1/admin/projections").headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
            if (status.stream().allMatch(p -> caughtUp(p, head)) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status).isNotEmpty();
        assertThat(status).as("projections caught up with position %d", head).allMatch(p -> caughtUp(p, head));

        Set<String> caused = new java.util.HashSet<>();
        jdbc.query("SELECT event_identifier, aggregate_identifier, convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? OR convert_from(meta_data, 'UTF8') LIKE '%fuzz-%'", rs -> {
                    try {
                        if (institution.equals(rs.getString(2))
                                || JSON.readTree(rs.getString(3)).path("correlationId").asText().startsWith("fuzz-")) {
                            caused.add(rs.getString(1));
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, institution);
        List<Map<String, Object>> parked = client.get().uri("/api/v1/admin/dead-letters?limit=1000")
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody(List.class)
                .returnResult().getResponseBody();
        List<Map<String, Object>> fuzzParked = parked.stream()
                .filter(d -> caused.contains(d.get("eventId")) || institution.equals(d.get("aggregateId"))).toList();
        System.out.printf("fuzz: %d events caused, projections caught up with %d, %d parked in all, %d of the fuzz's%n",
                caused.size(), head, parked.size(), fuzzParked.size());
        assertThat(caused).as("events the fuzz caused").isNotEmpty();
        assertThat(fuzzParked).as("events of the fuzz parked by a projection").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static boolean caughtUp(Map<String, Object> projection, long head) {
        List<Map<String, Object>> segments = (List<Map<String, Object>>) projection.get("segments");
        return Boolean.TRUE.equals(projection.get("running")) && !segments.isEmpty() && segments.stream().allMatch(s ->
                Boolean.TRUE.equals(s.get("caughtUp")) && s.get("error") == null
                        && s.get("position") != null && ((Number) s.get("position")).longValue() >= head);
    }

    // ---- one operation

    private void fuzzOperation(String template, String method, JsonNode operation) {
        List<String> pathParams = new ArrayList<>();
        List<String> queryParams = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            if ("path".equals(p.path("in").asText())) {
                pathParams.add(p.path("name").asText());
            } else if ("query".equals(p.path("in").asText())) {
                queryParams.add(p.path("name").asText());
            }
        }
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        boolean hasBody = !schema.isMissingNode();
        ObjectNode baseline = hasBody && resolve(schema).path("properties").isObject() ? (ObjectNode) sample(schema, 0) : null;
        String path = fill(template, pathParams, name -> validId(name));

        // the baseline itself (may well succeed) and the operation without a body
        send(method, path, baseline == null ? null : baseline.toString(), MediaType.APPLICATION_JSON);
        if (hasBody) {
            send(method, path, null, MediaType.APPLICATION_JSON);
            for (String raw : List.of("", "null", "[]", "42", "{", "\u0000", "{}}",
                    "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000))) {
                send(method, path, raw, MediaType.APPLICATION_JSON);
            }
            send(method, path, "a=1&b=2", MediaType.APPLICATION_FORM_URLENCODED);
            send(method, path, "hello", MediaType.TEXT_PLAIN);
            send(method, path, "<a/>", MediaType.APPLICATION_XML);
            send(method, path, baseline == null ? "{}" : baseline.toString(), "application/json;charset=x-unknown");
            send(method, path, baseline == null ? "{}" : baseline.toString(), "application/json;;;==");
            send(method, path, baseline == null ? "{}" : baseline.toString(), "multipart/form-data; boundary=x");
        }
        // path ids: traversal, NUL, too long, garbage
        for (String name : pathParams) {
            for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%00", "a".repeat(2000), "%27%20OR%20%271%27%3D%271",
                    "00000000-0000-0000-0000-00000000000G", "%F0%9F%92%A9")) {
                String p = fill(template, pathParams, n -> n.equals(name) ? bad : validId(n));
                send(method, p, baseline == null ? null : baseline.toString(), MediaType.APPLICATION_JSON);
            }
        }
        // query parameters: absurd values
        for (String q : queryParams) {
            for (String bad : List.of("%00", "-1", "1.5", "99999999999999999999", "+999999999-12-31",
                    "x".repeat(3000), "%E2%80%AE")) {
                send(method, path + "?" + q + "=" + bad, baseline == null ? null : baseline.toString(), MediaType.APPLICATION_JSON);
            }
        }
        if (baseline == null) {
            return;
        }
        // every field: missing, null, wrong types, and the hostile values of its type
        fuzzFields(method, path, baseline, baseline, "");
        // duplicate keys at the top level
        Iterator<String> names = baseline.fieldNames();
        if (names.hasNext()) {
            String first = names.next();
            String body = baseline.toString();
            send(method, path, body.substring(0, body.length() - 1) + ",\"" + first + "\":" + baseline.get(first) + "}",
                    MediaType.APPLICATION_JSON);
        }
    }

    private void fuzzFields(String method, String path, ObjectNode root, ObjectNode node, String prefix) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode original = node.get(field);
            node.remove(field);
            send(method, path, root.toString(), MediaType.APPLICATION_JSON);
            for (JsonNode value : hostile(field, original)) {
                node.set(field, value);
                send(method, path, root.toString(), MediaType.APPLICATION_JSON);
            }
            node.set(field, original);
            if (original instanceof ObjectNode nested && prefix.isEmpty()) {
                fuzzFields(method, path, root, nested, field + ".");
            }
            if (original instanceof ArrayNode array && array.size() > 0 && array.get(0) instanceof ObjectNode item
                    && prefix.isEmpty()) {
                fuzzFields(method, path, root, item, field + "[0].");
            }
        }
    }

    private List<JsonNode> hostile(String field, JsonNode original) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.objectNode().put("x", 1)));
        if (original.isTextual()) {
            values.add(NODES.numberNode(123));
            values.add(NODES.textNode(""));
            values.add(NODES.textNode("x".repeat(20_000)));
            values.add(NODES.textNode("\u0000\u001f\u202e\ud800\uffff" + "💩".repeat(3)));
            values.add(NODES.textNode(random.nextBoolean() ? "+999999999-12-31" : "9999-12-31"));
            values.add(NODES.textNode(random.nextBoolean() ? "2026-02-30" : UUID.randomUUID().toString().toUpperCase()));
        } else if (original.isNumber()) {
            values.add(NODES.numberNode(-1));
            values.add(NODES.numberNode(1.5));
            values.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
            values.add(NODES.numberNode(random.nextBoolean() ? new java.math.BigDecimal("1e400") : new java.math.BigDecimal(Long.MIN_VALUE)));
            values.add(NODES.textNode("5"));
        } else if (original.isBoolean()) {
            values.add(NODES.textNode("true"));
            values.add(NODES.numberNode(1));
        } else if (original.isArray()) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 2000; i++) {
                many.add(original.size() > 0 ? original.get(0) : NODES.textNode("x"));
            }
            values.add(many);
            values.add(NODES.arrayNode().addNull());
            values.add(NODES.textNode("x"));
        }
        return values;
    }

    // ---- sending

    private void send(String method, String path, String body, MediaType type) {
        send(method, path, body, type.toString());
    }

    private void send(String method, String path, String body, String type) {
        String correlation = "fuzz-" + (sent++);
        WebTestClient.RequestBodySpec spec = wholeAnswers().method(HttpMethod.valueOf(method))
                .uri(URI.create("http://localhost:" + port + path))
                .headers(h -> {
                    h.setBearerAuth(admin);
                    h.set("X-Correlation-Id", correlation);
                });
        EntityExchangeResult<byte[]> result;
        try {
            result = (body == null ? spec.exchange()
                    : spec.headers(h -> h.set("Content-Type", type)).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange())
                    .expectBody().returnResult();
        } catch (RuntimeException e) {
            if (e instanceof org.springframework.http.InvalidMediaTypeException
                    || e.getCause() instanceof org.springframework.http.InvalidMediaTypeException) {
                sent--; // the test's own client refuses to send this content type: not a request
                return;
            }
            failures.add(method + " " + abbreviate(path) + " " + abbreviate(body) + ": no answer (" + e + ")");
            return;
        }
        int status = result.getStatus().value();
        statusCounts.merge(status / 100 + "xx", 1, Integer::sum);
        String answered = result.getResponseBodyContent() == null ? ""
                : new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        // 503 LICENCE_VERIFICATION_PENDING is the documented "not yet" of an approval whose licence
        // check (a background worker) has not finished: a retryable answer, not a fault
        boolean notYet = status == 503 && answered.contains("\"LICENCE_VERIFICATION_PENDING\"");
        if (status >= 500 && !notYet) {
            failures.add(status + " " + method + " " + abbreviate(path) + " " + abbreviate(body) + " -> "
                    + abbreviate(new String(result.getResponseBodyContent() == null ? new byte[0] : result.getResponseBodyContent(),
                    StandardCharsets.UTF_8)));
        } else if (status >= 400) {
            refusedCorrelations.add(correlation);
            MediaType contentType = result.getResponseHeaders().getContentType();
            String answer = result.getResponseBodyContent() == null ? ""
                    : new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
            if (contentType == null || !contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    || !answer.contains("\"code\"")) {
                failures.add(status + " without a problem: " + method + " " + abbreviate(path) + " " + abbreviate(body)
                        + " -> " + contentType + " " + abbreviate(answer));
            }
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(no body)";
        }
        return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }

    // ---- building requests from the document

    private String fill(String template, List<String> names, Function<String, String> value) {
        String path = template;
        for (String name : names) {
            path = path.replace("{" + name + "}", value.apply(name));
        }
        return path;
    }

    private String validId(String name) {
        return switch (name) {
            case "id" -> institution;
            case "orderId" -> "R1";
            case "filingNumber", "number" -> "TY3708302026000001".substring(0, 18);
            case "name" -> "white-list";
            case "creditCode" -> Filings.freshCreditCode();
            default -> UUID.randomUUID().toString();
        };
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref != null) {
            return components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    /** A plausible value for the schema: the baseline the variants are made from. */
    private JsonNode sample(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 4) {
            return NODES.nullNode();
        }
        String type = s.path("type").asText("object");
        switch (type) {
            case "integer":
                return NODES.numberNode(1);
            case "number":
                return NODES.numberNode(35.7);
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                return NODES.arrayNode().add(sample(s.path("items"), depth + 1));
            case "string":
                return NODES.textNode("x");
            default:
                ObjectNode object = NODES.objectNode();
                Map<String, JsonNode> props = new LinkedHashMap<>();
                s.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue()));
                for (Map.Entry<String, JsonNode> p : props.entrySet()) {
                    JsonNode value = sample(p.getValue(), depth + 1);
                    if (value.isTextual()) {
                        value = NODES.textNode(textFor(p.getKey()));
                    }
                    object.set(p.getKey(), value);
                }
                return object;
        }
    }

    private String textFor(String field) {
        String f = field.toLowerCase();
        if (f.endsWith("on") || f.endsWith("date") || f.endsWith("from") || f.endsWith("to") || f.endsWith("until")
                || f.equals("day") || f.endsWith("deadline")) {
            return TODAY;
        }
        if (f.endsWith("id") || f.endsWith("ref")) {
            return f.startsWith("institution") ? institution : UUID.randomUUID().toString();
        }
        if (f.contains("phone")) {
            return "0537-7210000";
        }
        return "x" + random.nextInt(1000);
    }
}
