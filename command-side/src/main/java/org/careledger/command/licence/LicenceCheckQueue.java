package org.careledger.command.licence;

import java.sql.Timestamp;
import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.value.FilingDocumentType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Submitting a filing triggers verification of its business licence: this processor queues a
 * check (in its own transaction with its token, so exactly once). The {@link LicenceCheckWorker}
 * asks the platform; the filing command itself never waits for the platform.
 */
@Component
@ProcessingGroup(LicenceCheckQueue.NAME)
class LicenceCheckQueue {

    static final String NAME = "licence-verification";

    private final JdbcTemplate jdbc;

    LicenceCheckQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FilingSubmitted event) {
        String licenceNumber = event.documents().stream()
                .filter(d -> d.type() == FilingDocumentType.BUSINESS_LICENCE)
                .map(d -> d.reference()).findFirst().orElse(null);
        jdbc.update("INSERT INTO licence_check (institution_id, credit_code, licence_number, due_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (institution_id) DO NOTHING",
                event.institutionId().value(), event.creditCode().value(), licenceNumber, Timestamp.from(Instant.now()));
    }

    @ResetHandler
    void doNotReplay() {
        // replaying filings must not queue verifications again: the answers are already events
        throw new IllegalStateException("the licence-verification process is not replayable");
    }
}
