package org.careledger.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP client of the load generator: JSON in and out, bearer tokens, and bounded retries of
 * the answers the API documents as retryable (503 with Retry-After, 409 CONCURRENT_MODIFICATION).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    Api(String base, int threads) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(2, threads), r -> {
                    Thread t = new Thread(r, "http-client");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    String base() {
        return base;
    }

    HttpClient client() {
        return client;
    }

    record Response(int status, byte[] body, String retryAfter) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        String code() {
            JsonNode c = json().get("code");
            return c == null ? null : c.asText();
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A failure after retries: the status and problem body of the last answer. */
    static final class ApiException extends RuntimeException {
        final int status;
        final String code;

        ApiException(String what, Response r) {
            super(what + " answered " + r.status() + ": " + abbreviate(r.text()));
            this.status = r.status();
            this.code = r.code();
        }

        private static String abbreviate(String s) {
            return s.length() > 400 ? s.substring(0, 400) + "..." : s;
        }
    }

    Response get(String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Response post(String path, String token, Object body, String idempotencyKey) throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
    }

    /**
     * POSTs and retries what the API calls retryable, at most {@code attempts} times and never past
     * the deadline; answers the successful response or throws {@link ApiException}.
     */
    Response postWithRetry(String what, String path, String token, Object body, String idempotencyKey, int attempts,
                           Duration pause, Deadline deadline) throws IOException, InterruptedException {
        byte[] bytes = body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
        Response last = null;
        for (int attempt = 0; attempt < attempts && !deadline.passed(); attempt++) {
            last = post(path, token, bytes, idempotencyKey);
            if (last.ok()) {
                return last;
            }
            boolean retryable = last.status() == 503
                    || (last.status() == 409 && "CONCURRENT_MODIFICATION".equals(last.code()));
            if (!retryable) {
                throw new ApiException(what, last);
            }
            Thread.sleep(pause.toMillis());
        }
        throw last == null ? new IllegalStateException(what + ": no time left") : new ApiException(what + " (after retries)", last);
    }

    /** A token from the local issuer. */
    JsonNode token(String role, String institutionId, String division) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("role", role);
        if (institutionId != null) {
            body.put("institutionId", institutionId);
        }
        if (division != null) {
            body.put("division", division);
        }
        Response r = post("/api/v1/dev/tokens", null, body, null);
        if (!r.ok()) {
            throw new ApiException("The local token issuer (POST /api/v1/dev/tokens; with external stores start the server"
                    + " with --careledger.dev.insecure-local-issuer=true)", r);
        }
        return r.json();
    }

    static byte[] bytes(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
