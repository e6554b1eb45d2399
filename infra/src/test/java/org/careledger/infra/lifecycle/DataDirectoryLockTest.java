package org.careledger.infra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.careledger.infra.CareLedgerApplication;
import org.careledger.infra.store.CareLedgerDataDirectory;
import org.careledger.infra.store.CareLedgerDataDirectory.DataDirectoryInUseException;
import org.careledger.infra.store.EmbeddedPostgresServer;
import org.careledger.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One data directory, one process: a second application started on the directory of a running
 * one stops at once with a clear message, and the running one keeps its database and answers.
 * (Before the lock, the second start took the first one's live postmaster for an orphan of an
 * unclean stop and shut it down.)
 */
class DataDirectoryLockTest extends IntegrationTest {

    @Autowired
    CareLedgerDataDirectory dataDirectory;
    @Autowired
    EmbeddedPostgresServer postgres;
    @Autowired
    WebTestClient web;

    @Test
    void aSecondProcessOnTheSameDataDirectoryExitsAndLeavesTheFirstAlone() throws Exception {
        long postmaster = postmasterPid();
        Path output = Files.createTempFile("careledger-second-", ".log");

        Process second = ChildJvm.start(output, ChildJvm.common(dataDirectory.root(), 0));
        boolean exited = second.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            second.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(exited).as("the second process exits; its output:\n%s", log).isTrue();
        assertThat(second.exitValue()).isEqualTo(CareLedgerApplication.START_FAILED);
        assertThat(log).contains("is in use by another CareLedger process (pid " + ProcessHandle.current().pid() + ")");
        assertThat(log).doesNotContain("orphaned PostgreSQL");

        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
        assertThat(postmasterPid()).isEqualTo(postmaster);
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/api/v1/public/institutions?q=nothing-like-this").exchange().expectStatus().isOk();
    }

    @Test
    void theLockIsExclusiveWithinOneJvmTooAndIsReleasedOnClose() throws Exception {
        Path dir = Files.createTempDirectory("careledger-lock-");
        CareLedgerDataDirectory first = CareLedgerDataDirectory.lock(dir);
        assertThatThrownBy(() -> CareLedgerDataDirectory.lock(dir))
                .isInstanceOf(DataDirectoryInUseException.class)
                .hasMessageContaining(dir.toRealPath().toString());
        first.close();
        CareLedgerDataDirectory again = CareLedgerDataDirectory.lock(dir);
        assertThat(again.isLocked()).isTrue();
        again.close();
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dataDirectory.root().resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }
}
