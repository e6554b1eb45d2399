package org.careledger.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Stale-lock handling signals only this data directory's own postmaster. Before, any live process
 * whose command contained "postgres" was sent SIGINT when the pid file named it.
 */
class PostmasterIdentificationTest {

    @Test
    void anUnrelatedProcessCalledPostgresIsNeverSignalled() throws Exception {
        Path dataDir = Files.createTempDirectory("careledger-pg-");
        Path elsewhere = Files.createTempDirectory("careledger-other-");
        Path fakePostgres = elsewhere.resolve("postgres");
        Files.copy(Path.of(sleepBinary()), fakePostgres, StandardCopyOption.COPY_ATTRIBUTES);
        Process unrelated = new ProcessBuilder(fakePostgres.toString(), "600").directory(elsewhere.toFile()).start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), unrelated.pid() + "\n" + elsewhere + "\n");
            assertThat(EmbeddedPostgresServer.ownership(unrelated.toHandle(), dataDir))
                    .isEqualTo(EmbeddedPostgresServer.Ownership.OTHER);

            EmbeddedPostgresServer.recoverFromUncleanStop(dataDir);

            assertThat(unrelated.waitFor(2, TimeUnit.SECONDS)).as("the unrelated process was left running").isFalse();
            assertThat(dataDir.resolve("postmaster.pid")).as("the stale pid file is gone").doesNotExist();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aProcessRunningInTheDataDirectoryIsItsPostmasterAndIsStopped() throws Exception {
        Path dataDir = Files.createTempDirectory("careledger-pg-");
        Process orphan = new ProcessBuilder(sleepBinary(), "600").directory(dataDir.toFile()).start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), orphan.pid() + "\n" + dataDir + "\n");
            assertThat(EmbeddedPostgresServer.ownership(orphan.toHandle(), dataDir))
                    .isEqualTo(EmbeddedPostgresServer.Ownership.OURS);

            EmbeddedPostgresServer.recoverFromUncleanStop(dataDir);

            assertThat(orphan.isAlive()).isFalse();
            assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void thisJvmIsNotAPostmasterOfAnyDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("careledger-pg-");
        assertThat(EmbeddedPostgresServer.ownership(ProcessHandle.current(), dataDir))
                .isEqualTo(EmbeddedPostgresServer.Ownership.OTHER);
    }

    private static String sleepBinary() {
        for (String candidate : new String[] {"/bin/sleep", "/usr/bin/sleep"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new org.opentest4j.TestAbortedException("no sleep binary");
    }
}
