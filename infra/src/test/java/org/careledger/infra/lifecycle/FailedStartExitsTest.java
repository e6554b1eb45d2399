package org.careledger.infra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.careledger.infra.CareLedgerApplication;
import org.junit.jupiter.api.Test;

/**
 * A start that fails late (here: the HTTP port is taken, found after the stores, Axon and its
 * processors were set up) ends the JVM, even with Axon's non-daemon janitor thread alive (it is,
 * once any message was handled). Before, "Application run failed" was logged and that thread kept
 * a JVM that served nothing alive for minutes.
 */
class FailedStartExitsTest {

    @Test
    void aFailedStartEndsTheProcess() throws Exception {
        Path dir = Files.createTempDirectory("careledger-failed-start-");
        Path output = Files.createTempFile("careledger-failed-start-", ".log");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            Process app = ChildJvm.startMain(output, StartWithAxonJanitor.class.getName(),
                    ChildJvm.common(dir, taken.getLocalPort()));
            boolean exited = app.waitFor(180, TimeUnit.SECONDS);
            String log = Files.readString(output);
            if (!exited) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(exited).as("the JVM ends after a failed start; output:\n%s", log).isTrue();
            assertThat(log).contains("APPLICATION FAILED TO START", "Port " + taken.getLocalPort() + " was already in use");
            assertThat(app.exitValue()).isEqualTo(CareLedgerApplication.START_FAILED);
        }
        // the embedded PostgreSQL it started was stopped with it
        assertThat(dir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }
}
