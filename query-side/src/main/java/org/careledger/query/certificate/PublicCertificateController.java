package org.careledger.query.certificate;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Public verification of a filing certificate: its signed content, signature and key id, and its
 * current status. The signature can be checked offline with the published public key.
 */
@RestController
public class PublicCertificateController {

    private final DatabaseClient db;
    private final ProjectionProgress progress;

    public PublicCertificateController(DatabaseClient db, ProjectionProgress progress) {
        this.db = db;
        this.progress = progress;
    }

    public record CertificateContent(String certificateNumber, String filingNumber, String institutionName,
                                     String creditCode, String division, String issuerCreditCode, String issuedAt) {
    }

    public record CertificateAnswer(CertificateContent certificate, String format, String algorithm, String keyId,
                                    String signature, String status, Instant statusChangedAt) {
    }

    @GetMapping("/api/v1/public/certificates/{number}")
    public Mono<CertificateAnswer> certificate(@PathVariable String number,
                                               @RequestParam(required = false) Long minPosition) {
        if (!FilingCertificate.validNumber(number)) {
            throw new DomainException(ErrorCode.INVALID_IDENTIFIER,
                    "Not a filing certificate number (TYBA + issuer + serial + version + check character)");
        }
        return progress.await(CertificateProjection.NAME, minPosition)
                .then(db.sql("SELECT * FROM filing_certificate WHERE certificate_number = $1").bind(0, number)
                        .map(row -> {
                            OffsetDateTime changed = row.get("status_changed_at", OffsetDateTime.class);
                            return new CertificateAnswer(new CertificateContent(row.get("certificate_number", String.class),
                                    row.get("filing_number", String.class), row.get("institution_name", String.class),
                                    row.get("credit_code", String.class), row.get("division_code", String.class),
                                    row.get("issuer_credit_code", String.class), row.get("issued_at", String.class)),
                                    FilingCertificate.FORMAT, "Ed25519", row.get("key_id", String.class),
                                    row.get("signature", String.class), row.get("status", String.class),
                                    changed == null ? null : changed.toInstant());
                        }).one())
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND, "No certificate " + number)));
    }
}
