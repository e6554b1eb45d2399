package org.careledger.query.certificate;

import java.sql.Timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.filing.FilingStatusChanged;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.licence.FilingCertificateIssued;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.careledger.query.institution.ProjectionBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Published filing certificates with their current status: a certificate is VALID while its
 * filing is filed, SUSPENDED or REVOKED (also when deregistered) after. Written with JDBC in the
 * processor's transaction; a status only moves forward in event order.
 */
@Projection
@Component
@ProcessingGroup(CertificateProjection.NAME)
public class CertificateProjection extends JdbcProjection {

    public static final String NAME = "certificates";


    public CertificateProjection(JdbcTemplate jdbc, EventIsolation isolation) {
        super(NAME, jdbc, isolation, "filing_certificate");
    }

    @EventHandler
    void on(FilingCertificateIssued e, EventMessage<?> message, TrackingToken token) {
        apply(message, () -> {
            jdbc.update("""
                    INSERT INTO filing_certificate (certificate_number, institution_id, filing_number, institution_name,
                        credit_code, division_code, issuer_credit_code, issued_at, key_id, signature, status, last_position)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VALID', ?) ON CONFLICT (certificate_number) DO NOTHING""",
                    e.certificateNumber(), e.institutionId().value(), e.filingNumber(), e.institutionName(), e.creditCode(),
                    e.division(), e.issuerCreditCode(), e.issuedAt().toString(), e.keyId(), e.signature(),
                    ProjectionBatch.position(token));
        });
    }

    /** Suspended: SUSPENDED; reinstated: VALID again; revoked or deregistered: REVOKED. */
    @EventHandler
    void on(FilingStatusChanged e, EventMessage<?> message, TrackingToken token) {
        String status = switch (e.filingStatus()) {
            case SUSPENDED -> "SUSPENDED";
            case FILED -> "VALID";
            case REVOKED, DEREGISTERED -> "REVOKED";
            case SUBMITTED, REJECTED -> throw new IllegalStateException("Not a status change of a filed institution: " + e);
        };
        apply(message, () -> {
            status(e, status, token);
        });
    }

    private void status(InstitutionEvent e, String status, TrackingToken token) {
        updateInEventOrder("filing_certificate", "institution_id", e.institutionId().value(), ProjectionBatch.position(token),
                "status = ?, status_changed_at = ?", status, Timestamp.from(e.occurredAt()));
    }
}
