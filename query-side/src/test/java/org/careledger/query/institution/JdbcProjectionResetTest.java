package org.careledger.query.institution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.careledger.query.subsidy.SubsidyLedgerProjection;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * Axon finds the {@code @ResetHandler} a projection inherits from {@link JdbcProjection}: a replay
 * forgets the projection's parked events and empties its tables in the order given.
 */
class JdbcProjectionResetTest {

    /** Records the statements instead of running them. */
    static final class RecordingJdbc extends JdbcTemplate {
        final List<String> statements = new ArrayList<>();

        @Override
        public int update(String sql) {
            statements.add(sql);
            return 0;
        }

        @Override
        public int update(String sql, Object... args) {
            statements.add(sql + " " + List.of(args));
            return 0;
        }
    }

    static final PlatformTransactionManager NO_TRANSACTIONS = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void commit(TransactionStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rollback(TransactionStatus status) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aReplayForgetsTheParkedEventsAndEmptiesTheTables() throws Exception {
        RecordingJdbc jdbc = new RecordingJdbc();
        SubsidyLedgerProjection projection = new SubsidyLedgerProjection(jdbc, new EventIsolation(NO_TRANSACTIONS, jdbc),
                new ObjectMapper());

        new AnnotationEventHandlerAdapter(projection).prepareReset();

        assertThat(jdbc.statements).containsExactly(
                "DELETE FROM dead_letter_entry WHERE processing_group = ? [subsidy-ledger]",
                "DELETE FROM subsidy_decision",
                "DELETE FROM subsidy_case");
    }
}
