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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * SIGTERM stops the application in order: the web server, then the event processors, then the
 * embedded stores. Before, the embedded PostgreSQL had a JVM shutdown hook of its own, stopped
 * while the processors still worked, and the log filled with broken-connection errors. Also
 * prints the time to ready of the embedded default (for README).
 */
class OrderlyShutdownTest {

    private static final List<String> BROKEN = List.of("terminating connection due to administrator command",
            "Connection is closed", "Aborting Work Package", "Connection refused");

    @Test
    void sigtermStopsTheProcessorsBeforeTheDatabase() throws Exception {
        Path dir = Files.createTempDirectory("careledger-shutdown-");
        Path output = Files.createTempFile("careledger-shutdown-", ".log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process app = ChildJvm.start(output, List.of("--server.port=" + port, "--careledger.data-dir=" + dir,
                "--spring.jmx.enabled=false"));
        try {
            long started = System.nanoTime();
            assertThat(awaitReady(app, port)).as("ready; output:\n%s", Files.readString(output)).isTrue();
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            Matcher m = Pattern.compile("Started CareLedgerApplication in ([0-9.]+) seconds").matcher(Files.readString(output));
            System.out.printf("time to ready (embedded default, fresh data directory): %d ms (Spring: %s s)%n",
                    readyMillis, m.find() ? m.group(1) : "?");
            int readyAt = Files.readString(output).length();

            app.destroy(); // SIGTERM
            assertThat(app.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String afterSigterm = Files.readString(output).substring(readyAt);
            for (String broken : BROKEN) {
                assertThat(afterSigterm).as("shutdown log:\n%s", afterSigterm).doesNotContain(broken);
            }
            assertThat(dir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL stopped").doesNotExist();
        } finally {
            app.destroyForcibly();
        }
    }

    static boolean awaitReady(Process app, int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }
}
