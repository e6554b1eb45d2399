package org.careledger.query.licence;

import java.sql.Date;
import java.sql.Timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.licence.LicenceStatusChanged;
import org.careledger.kernel.licence.LicenceVerificationFailed;
import org.careledger.kernel.licence.LicenceVerificationOverridden;
import org.careledger.kernel.licence.LicenceVerified;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.careledger.query.institution.ProjectionBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each institution's business licence as supervision needs it: verification status, validity and
 * the last change an e-license platform flagged. Low volume (a few events per institution), so
 * one statement per event, guarded by the event position so redelivery changes nothing.
 */
@Projection
@Component
@ProcessingGroup(LicenceAlertsProjection.NAME)
public class LicenceAlertsProjection extends JdbcProjection {

    public static final String NAME = "licence-alerts";


    public LicenceAlertsProjection(JdbcTemplate jdbc, EventIsolation isolation) {
        super(NAME, jdbc, isolation, "licence_view");
    }

    @EventHandler
    void on(FilingSubmitted e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            jdbc.update("INSERT INTO licence_view (institution_id, name, division_code, licence_status, last_position) "
                            + "VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT (institution_id) DO NOTHING",
                    e.institutionId().value(), e.name(), e.division().value(), ProjectionBatch.position(token));
        });
    }

    @EventHandler
    void on(FilingAmended e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            update(e.institutionId().value(), token, "name = ?", e.name());
        });
    }

    @EventHandler
    void on(LicenceVerified e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            update(e.institutionId().value(), token, "licence_status = 'VERIFIED', licence_number = ?, valid_until = ?",
                    e.licenceNumber(), e.validUntil() == null ? null : Date.valueOf(e.validUntil()));
        });
    }

    @EventHandler
    void on(LicenceVerificationFailed e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            update(e.institutionId().value(), token, "licence_status = CASE WHEN licence_status = 'OVERRIDDEN' "
                    + "THEN licence_status ELSE 'FAILED' END, flagged_detail = ?", e.outcome().name());
        });
    }

    @EventHandler
    void on(LicenceVerificationOverridden e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            update(e.institutionId().value(), token, "licence_status = 'OVERRIDDEN'");
        });
    }

    @EventHandler
    void on(LicenceStatusChanged e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            update(e.institutionId().value(), token, "flagged_change = ?, flagged_detail = ?, flagged_at = ?",
                    e.change().name(), e.detail(), Timestamp.from(e.occurredAt()));
        });
    }

    private void update(String institutionId, TrackingToken token, String set, Object... values) {
        updateInEventOrder("licence_view", "institution_id", institutionId, ProjectionBatch.position(token), set, values);
    }
}
