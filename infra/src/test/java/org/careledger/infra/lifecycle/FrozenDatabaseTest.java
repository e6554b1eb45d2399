package org.careledger.infra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.support.Filings;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §3b "no deadline": with the embedded PostgreSQL frozen (SIGSTOP to its postmaster and
 * every backend), a command and a read are answered 503 (DEADLINE_EXCEEDED or STORE_UNAVAILABLE)
 * with Retry-After, instead of hanging for as long as the database is frozen; once it is thawed
 * (SIGCONT) the application serves again, and the command sent during the freeze settles under its
 * Idempotency-Key. The application runs in a JVM of its own, so that freezing its database
 * disturbs no other test.
 */
class FrozenDatabaseTest {

    /** The application's request deadline in this test (the default is 30 s). */
    private static final Duration DEADLINE = Duration.ofSeconds(4);
    /** How long the test's client waits for an answer: a request hanging past it fails the test. */
    private static final Duration CLIENT_TIMEOUT = DEADLINE.plusSeconds(40);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    @Test
    void aFrozenDatabaseIsAnswered503WithinTheDeadlineAndServedAgainAfterIt() throws Exception {
        Path dir = Files.createTempDirectory("careledger-frozen-");
        Path output = Files.createTempFile("careledger-frozen-", ".log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        List<String> args = new ArrayList<>(ChildJvm.common(dir, port));
        args.add("--careledger.request-deadline=" + DEADLINE.toSeconds() + "s");
        // a key whose attempt was cut off by the deadline is taken over by a retry this soon at the latest
        args.add("--careledger.idempotency.lease=10s");
        Process app = ChildJvm.start(output, args);
        List<ProcessHandle> frozen = List.of();
        try {
            assertThat(OrderlyShutdownTest.awaitReady(app, port)).as("ready; output:\n%s", Files.readString(output)).isTrue();
            Map<String, Object> operator = send("POST", "/api/v1/dev/tokens", null, Map.of("role", "OPERATOR"), null).body();
            String op = (String) operator.get("token");
            String inspector = (String) send("POST", "/api/v1/dev/tokens", null,
                    Map.of("role", "INSPECTOR", "division", "3708"), null).body().get("token");
            String read = "/api/v1/supervision/institutions?division=370830";
            assertThat(send("GET", read, inspector, null, null).status()).isEqualTo(200);
            Map<String, Object> filing = Filings.body(Filings.freshCreditCode(), "冻结数据库测试托育中心");

            frozen = postgres(dir);
            signal("STOP", frozen);
            Answer command = send("POST", "/api/v1/institutions", op, filing, "frozen-filing");
            Answer query = send("GET", read, inspector, null, null);
            for (Answer answer : List.of(command, query)) {
                System.out.printf("frozen database: %d %s after %d ms%n", answer.status(), answer.body().get("code"),
                        answer.millis());
                assertThat(answer.status()).as("answer while frozen: %s", answer).isEqualTo(503);
                assertThat(answer.body().get("code")).as("answer while frozen: %s", answer)
                        .isIn("DEADLINE_EXCEEDED", "STORE_UNAVAILABLE");
                assertThat(answer.retryAfter()).as("Retry-After").isNotNull();
            }

            signal("CONT", frozen);
            frozen = List.of();
            // served again: the read answers, and the filing sent during the freeze settles under its key
            Answer again = until(() -> send("GET", read, inspector, null, null), 200);
            assertThat(again.status()).isEqualTo(200);
            Answer settled = until(() -> send("POST", "/api/v1/institutions", op, filing, "frozen-filing"), 201);
            assertThat(settled.body()).containsEntry("id", operator.get("institutionId"));
        } finally {
            signal("CONT", frozen);
            app.destroy();
            if (!app.waitFor(90, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /**
     * The embedded PostgreSQL of the data directory: the postmaster named by line 1 of its
     * {@code postmaster.pid} (the way the application identifies it) and every process it started.
     */
    private static List<ProcessHandle> postgres(Path dir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
        assertThat(postmaster.info().command().orElse("")).contains("postgres");
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        return all;
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private record Answer(int status, Map<String, Object> body, String retryAfter, long millis) {
    }

    private interface Call {
        Answer send() throws Exception;
    }

    /** Repeats a request until it answers the status (the thawed database catches up); fails after 90 s. */
    private static Answer until(Call call, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = call.send();
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + status + " within 90 s after the thaw; last answer " + last);
    }

    @SuppressWarnings("unchecked")
    private Answer send(String method, String path, String token, Object body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(CLIENT_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> parsed = response.body().startsWith("{") ? json.readValue(response.body(), Map.class)
                : Map.of("text", response.body());
        return new Answer(response.statusCode(), parsed, response.headers().firstValue("Retry-After").orElse(null), millis);
    }
}
