package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/**
 * Resource faults answer 503 with Retry-After, whatever wrapped them; a duplicate key on the
 * event store's sequence (another instance wrote the same aggregate) answers 409. Before, all of
 * these answered 500, and a full disk was logged as "An event … was already inserted".
 */
class StoreFaultsTest {

    @Test
    void aFullDiskIsStoreUnavailableNotAnInternalError() {
        SQLException full = new SQLException("could not extend file \"base/16384/2619\": No space left on device", "53100");
        ProblemMapper.Problem problem = ProblemMapper.map(new CommandExecutionException("failed",
                new ConcurrencyException("An event for aggregate [x] at sequence [3] was already inserted", full)), "/api/v1/x");
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(problem.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aDatabaseThatIsGoneOrRestartingIsStoreUnavailable() {
        assertThat(ProblemMapper.map(new IllegalStateException("pool", new ConnectException("Connection refused")), "/p").code())
                .isEqualTo("STORE_UNAVAILABLE");
        assertThat(ProblemMapper.map(new EventStoreException("read failed",
                new SQLException("terminating connection due to administrator command", "57P01")), "/p").code())
                .isEqualTo("STORE_UNAVAILABLE");
        assertThat(ProblemMapper.map(new RuntimeException(new SQLException("I/O error", "08006")), "/p").status()).isEqualTo(503);
        assertThat(ProblemMapper.map(new java.sql.SQLTransientConnectionException("Connection is not available, request timed out"),
                "/p").status()).isEqualTo(503);
    }

    @Test
    void aDuplicateEventKeyIsAConcurrentModification() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint \"uk_aggregate_sequence\"", "23505");
        ProblemMapper.Problem problem = ProblemMapper.map(new CommandExecutionException("failed",
                new EventStoreException("An event for aggregate [x] at sequence [7] could not be persisted", duplicate)), "/p");
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("CONCURRENT_MODIFICATION");
    }

    @Test
    void otherFailuresAreStillInternalErrors() {
        assertThat(ProblemMapper.map(new IllegalStateException("a bug"), "/p").status()).isEqualTo(500);
        assertThat(ProblemMapper.map(new RuntimeException(new SQLException("syntax error", "42601")), "/p").status()).isEqualTo(500);
        // a duplicate key elsewhere than in the event store is not a concurrent write to an aggregate
        assertThat(ProblemMapper.map(new RuntimeException(new SQLException("duplicate", "23505")), "/p").status()).isEqualTo(500);
    }
}
