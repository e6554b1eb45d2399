package org.careledger.query.certificate;

import java.time.OffsetDateTime;

import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.kernel.stereotype.ReadQueries;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads {@code filing_certificate}, which {@link CertificateProjection} writes. */
@Component
@ReadQueries
public record CertificateQueries(DatabaseClient db) {

    /** The certificate with this number and its status; empty if there is none. */
    Mono<CertificateAnswer> certificate(String number) {
        return db.sql("SELECT * FROM filing_certificate WHERE certificate_number = $1").bind(0, number)
                .map(row -> {
                    OffsetDateTime changed = row.get("status_changed_at", OffsetDateTime.class);
                    return new CertificateAnswer(new CertificateContent(row.get("certificate_number", String.class),
                            row.get("filing_number", String.class), row.get("institution_name", String.class),
                            row.get("credit_code", String.class), row.get("division_code", String.class),
                            row.get("issuer_credit_code", String.class), row.get("issued_at", String.class)),
                            FilingCertificate.FORMAT, "Ed25519", row.get("key_id", String.class),
                            row.get("signature", String.class), row.get("status", String.class),
                            changed == null ? null : changed.toInstant());
                }).one();
    }
}
