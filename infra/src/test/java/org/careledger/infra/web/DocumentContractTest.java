package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Contract tests generated from the checked-in document docs/openapi/careledger.yaml (as Portman
 * does from a document): every operation is sent requests built from the document alone, and
 * every answer must be one the document promises: its status listed for the operation, its media
 * type listed for that status, and its body valid against the schema documented there (JSON
 * Schema 2020-12, com.networknt:json-schema-validator), error answers included.
 *
 * <p>Per operation: without a token (401 for protected operations), as an operator of another
 * institution (403 or 404), with a malformed path identifier (400), with an unknown identifier,
 * with a body that is not JSON (400) and with an empty JSON object (400: the required fields are
 * missing), and the valid request the document's example or the administrator's token allows.
 * The coverage (operations and the statuses seen) is written to infra/target/contract-coverage.md.
 * README's walk-through through the generated client (ContractClientTest) covers the successful
 * commands.
 */
class DocumentContractTest extends IntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    /** Operations that would disturb the other tests of this application when they succeed. */
    private static final Set<String> NOT_SENT_VALID = Set.of("POST /api/v1/admin/projections/{name}/replay");

    @Autowired
    WebTestClient client;

    private final ObjectMapper json = new ObjectMapper();
    private JsonNode doc;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void everyAnswerToEveryOperationIsOneTheDocumentPromises() throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(ApiContractTest.CHECKED_IN, StandardCharsets.UTF_8));
        Tokens tokens = new Tokens(client);
        String admin = tokens.admin();
        String stranger = tokens.operator(UUID.randomUUID().toString());
        Map<String, Set<Integer>> seen = new TreeMap<>();
        List<String> broken = new ArrayList<>();

        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String key = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode op = entry.getValue();
            boolean hasPathIds = hasParameter(op, "path");
            boolean protectedOp = op.path("security").size() > 0
                    && op.path("security").get(0).fieldNames().next().toLowerCase().contains("bearer");
            boolean body = op.has("requestBody");
            List<Request> requests = new ArrayList<>();
            String valid = fill(path.getKey(), op, UUID.randomUUID().toString());
            if (protectedOp) {
                requests.add(new Request("no token", valid, null, body ? "{}" : null, 401));
                requests.add(new Request("another institution's operator", valid, stranger, body ? example(op) : null, (Integer) null));
            }
            if (hasPathIds) {
                // refused as malformed (400), or, where the server looks ids up without a shape check
                // (parked events, projection names), as unknown (404)
                requests.add(new Request("malformed id", fill(path.getKey(), op, "not-an-id"), admin,
                        body ? example(op) : null, Set.of(400, 404)));
            }
            if (body) {
                // the e-license notification checks its signature first (401), then its body
                Integer refused = key.endsWith("/e-license/notifications") ? Integer.valueOf(401) : Integer.valueOf(400);
                requests.add(new Request("not JSON", valid, admin, "{\"truncated\": ", refused));
                if (hasRequired(op)) {
                    requests.add(new Request("required fields missing", valid, admin, "{}", refused));
                }
            }
            if (!NOT_SENT_VALID.contains(key)) {
                requests.add(new Request("the document's request", valid, protectedOp ? admin : null,
                        body ? example(op) : null, (Integer) null));
            }
            for (Request r : requests) {
                String problem = exchange(key, HttpMethod.valueOf(entry.getKey().toUpperCase()), op, r,
                        seen.computeIfAbsent(key, k -> new TreeSet<>()));
                if (problem != null) {
                    broken.add(key + " [" + r.what() + "]: " + problem);
                }
            }
        }));
        report(seen);
        assertThat(broken).as("answers the document does not promise").isEmpty();
        assertThat(seen).as("every operation of the document was exercised").hasSize(operationCount());
    }

    /** {@code expected}: the statuses the request must get (null: any the document lists). */
    private record Request(String what, String uri, String token, String body, Set<Integer> expected) {

        Request(String what, String uri, String token, String body, Integer expected) {
            this(what, uri, token, body, expected == null ? null : Set.of(expected));
        }
    }

    private String exchange(String key, HttpMethod method, JsonNode op, Request r, Set<Integer> statuses) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(r.uri());
        if (r.token() != null) {
            spec.header("Authorization", "Bearer " + r.token());
        }
        if (key.endsWith("/e-license/notifications")) {
            spec.header("X-Platform-Id", "unknown").header("X-Timestamp", "1").header("X-Nonce", "n")
                    .header("X-Signature", "0".repeat(64));
        }
        EntityExchangeResult<byte[]> result = r.body() == null ? spec.exchange().expectBody().returnResult()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(r.body()).exchange().expectBody().returnResult();
        int status = result.getStatus().value();
        statuses.add(status);
        if (r.expected() != null && !r.expected().contains(status)) {
            return "answered " + status + ", expected " + r.expected();
        }
        JsonNode documented = op.path("responses").path(String.valueOf(status));
        if (documented.isMissingNode()) {
            return "answered " + status + ", which is not documented";
        }
        byte[] bytes = result.getResponseBody() == null ? new byte[0] : result.getResponseBody();
        if (!documented.has("content")) {
            return bytes.length == 0 ? null : "answered " + status + " with a body the document does not mention";
        }
        MediaType type = result.getResponseHeaders().getContentType();
        if (type == null) {
            return bytes.length == 0 ? null : "answered " + status + " without a media type";
        }
        String mediaType = type.getType() + "/" + type.getSubtype();
        JsonNode content = documented.path("content").path(mediaType);
        if (content.isMissingNode()) {
            return "answered " + status + " as " + mediaType + ", documented " + documented.path("content").fieldNames().next();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (type.getType().equals("text")) {
            // a text answer (the CSV export) is documented as a string: its columns are in docs/api.md
            return text.isEmpty() ? "answered " + status + " with an empty " + mediaType : null;
        }
        JsonSchema schema = schema(content.path("schema"));
        List<String> bodies = mediaType.equals("application/x-ndjson")
                ? text.lines().filter(l -> !l.isBlank()).toList() : List.of(text);
        for (String one : bodies) {
            try {
                Set<ValidationMessage> errors = schema.validate(json.readTree(one));
                if (!errors.isEmpty()) {
                    return "answered " + status + " with a body that breaks its schema: " + errors + " in "
                            + one.substring(0, Math.min(one.length(), 300));
                }
            } catch (IOException e) {
                return "answered " + status + " with a body that is not JSON";
            }
        }
        return null;
    }

    /** The documented schema with the document's components beside it, so its $refs resolve. */
    private JsonSchema schema(JsonNode schema) {
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("allOf", json.createArrayNode().add(schema));
        root.set("components", doc.get("components"));
        return schemas.getSchema(root);
    }

    /** The path with every path parameter set to {@code id}, and the required query parameters filled. */
    private String fill(String path, JsonNode op, String id) {
        String uri = path.replaceAll("\\{[^}]+}", id);
        List<String> query = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText()) && p.path("required").asBoolean()) {
                JsonNode s = p.path("schema");
                String value = s.has("enum") ? s.get("enum").get(0).asText()
                        : "integer".equals(s.path("type").asText()) ? "1" : "x";
                query.add(p.path("name").asText() + "=" + value);
            }
        }
        return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
    }

    private static boolean hasParameter(JsonNode op, String in) {
        for (JsonNode p : op.path("parameters")) {
            if (in.equals(p.path("in").asText())) {
                return true;
            }
        }
        return false;
    }

    private boolean hasRequired(JsonNode op) {
        JsonNode schema = resolve(op.path("requestBody").path("content").path("application/json").path("schema"));
        return schema.path("required").size() > 0;
    }

    /** The document's example of the request body, or an empty object. */
    private String example(JsonNode op) {
        JsonNode media = op.path("requestBody").path("content").path("application/json");
        return media.has("example") ? media.get("example").toString() : "{}";
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/")
                ? doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())) : schema;
    }

    private int operationCount() {
        int[] count = {0};
        doc.get("paths").forEach(item -> item.fieldNames().forEachRemaining(m -> count[0] += METHODS.contains(m) ? 1 : 0));
        return count[0];
    }

    private static void report(Map<String, Set<Integer>> seen) throws IOException {
        StringBuilder out = new StringBuilder("# Contract coverage (DocumentContractTest)\n\n")
                .append(seen.size()).append(" operations exercised\n\n| operation | statuses answered |\n| --- | --- |\n");
        seen.forEach((key, statuses) -> out.append("| `").append(key).append("` | ").append(statuses).append(" |\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "contract-coverage.md"), out.toString(), StandardCharsets.UTF_8);
    }
}
