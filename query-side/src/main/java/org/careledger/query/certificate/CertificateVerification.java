package org.careledger.query.certificate;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The public check of a filing certificate number, as the public API
 * ({@link PublicCertificateController}) and the certificate page both ask it: the number's form
 * (400 {@code INVALID_IDENTIFIER}), then the certificate and its status once the certificate
 * view has passed {@code minPosition} (404 {@code NOT_FOUND} when there is none).
 */
@Component
public record CertificateVerification(CertificateQueries queries, ProjectionProgress progress) {

    public Mono<CertificateAnswer> verify(String number, Long minPosition) {
        if (number == null || !FilingCertificate.validNumber(number)) {
            return Mono.error(new DomainException(ErrorCode.INVALID_IDENTIFIER,
                    "Not a filing certificate number (TYBA + issuer + serial + version + check character)"));
        }
        return progress.await(CertificateProjection.NAME, minPosition)
                .then(queries.certificate(number))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND, "No certificate " + number)));
    }
}
