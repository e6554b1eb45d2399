package org.careledger.query.certificate;

import java.time.Instant;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.query.progress.ProjectionProgress;
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
@WebAdapter
public class PublicCertificateController {

    private final CertificateQueries queries;
    private final ProjectionProgress progress;

    public PublicCertificateController(CertificateQueries queries, ProjectionProgress progress) {
        this.queries = queries;
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
                .then(queries.certificate(number))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND, "No certificate " + number)));
    }
}
